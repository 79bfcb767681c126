// Shared by every process. Graph views on the wire: columns instead of one JSON object per element.
// Why: a 5,000-account drill-down with 20,000 links was 3.9 MB of JSON as objects (each edge
// carried its ids, its signal names and its per-signal weights), paid three times: the engine's
// JSON.stringify, the transfer, and the renderer's JSON.parse before anything could be drawn.
// Columns of numbers and short strings are about a sixth of that. Node and edge ids are rebuilt
// from their kind and references; the per-signal weights of an edge are not sent (the "why
// linked" panel asks the engine for the full story of one edge).
import { z } from 'zod';
import type { ClusterRow, GraphEdge, GraphNode, GraphView, Overview, PackedOverview } from './graph';

const KINDS = ['cluster', 'account', 'value'] as const;
const PREFIX = { cluster: 'c:', account: 'a:', value: 'v:' } as const;
/** node flags, one bit each */
const FLAGGED = 1;
const OUTSIDE = 2;
const HUB = 4;

export const PackedView = z.object({
  nodes: z.object({
    /** index into KINDS: 0 cluster, 1 account, 2 value */
    kind: z.array(z.number().int()),
    ref: z.array(z.string()),
    /** null: the label is the ref */
    label: z.array(z.string().nullable()),
    size: z.array(z.number()),
    score: z.array(z.number().nullable()),
    flags: z.array(z.number().int()),
    /** index into `names`, -1: none */
    signal: z.array(z.number().int()),
    cluster: z.array(z.string().nullable()),
    x: z.array(z.number()),
    y: z.array(z.number()),
  }),
  edges: z.object({
    /** node indexes */
    source: z.array(z.number().int()),
    target: z.array(z.number().int()),
    weight: z.array(z.number()),
    /** index into `names` */
    signal: z.array(z.number().int()),
  }),
  /** the signal names the columns index */
  names: z.array(z.string()),
  totalNodes: z.number().int(),
  totalEdges: z.number().int(),
  truncated: z.boolean(),
  layout: z.string(),
  ms: z.number(),
});
export type PackedView = z.infer<typeof PackedView>;

/** Positions to a hundredth of a unit: nodes are drawn a few units wide at most zooms. */
const pos = (v: number) => Math.round(v * 100) / 100;

/** The id the renderer gives an edge: its two node ids (a view holds one edge per pair). */
export function edgeId(source: string, target: string): string {
  return `${source}~${target}`;
}

export function packView(v: GraphView): PackedView {
  const signals: string[] = [];
  const sigIndex = new Map<string, number>();
  const sig = (s: string | null) => {
    if (s === null) return -1;
    let i = sigIndex.get(s);
    if (i === undefined) {
      i = signals.length;
      signals.push(s);
      sigIndex.set(s, i);
    }
    return i;
  };
  const index = new Map<string, number>();
  const n = v.nodes.length;
  const nodes: PackedView['nodes'] = { kind: [], ref: [], label: [], size: [], score: [], flags: [], signal: [], cluster: [], x: [], y: [] };
  for (let i = 0; i < n; i++) {
    const d = v.nodes[i]!;
    index.set(d.id, i);
    nodes.kind.push(KINDS.indexOf(d.kind));
    nodes.ref.push(d.ref);
    nodes.label.push(d.label === d.ref ? null : d.label);
    nodes.size.push(d.size);
    nodes.score.push(d.score);
    nodes.flags.push((d.flagged ? FLAGGED : 0) | (d.outside ? OUTSIDE : 0) | (d.hub ? HUB : 0));
    nodes.signal.push(sig(d.signal));
    nodes.cluster.push(d.cluster);
    nodes.x.push(pos(d.x));
    nodes.y.push(pos(d.y));
  }
  const edges: PackedView['edges'] = { source: [], target: [], weight: [], signal: [] };
  for (const e of v.edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined) continue; // an edge to a node not in the view draws nothing
    edges.source.push(s);
    edges.target.push(t);
    edges.weight.push(e.weight);
    edges.signal.push(sig(e.signal));
  }
  return { nodes, edges, names: signals, totalNodes: v.totalNodes, totalEdges: v.totalEdges, truncated: v.truncated, layout: v.layout, ms: v.ms };
}

export function unpackView(p: PackedView): GraphView {
  const c = p.nodes;
  const nodes: GraphNode[] = new Array<GraphNode>(c.ref.length);
  for (let i = 0; i < c.ref.length; i++) {
    const kind = KINDS[c.kind[i]!] ?? 'account';
    const ref = c.ref[i]!;
    const f = c.flags[i]!;
    const s = c.signal[i]!;
    nodes[i] = {
      id: `${PREFIX[kind]}${ref}`,
      kind,
      ref,
      label: c.label[i] ?? ref,
      size: c.size[i]!,
      score: c.score[i] ?? null,
      flagged: (f & FLAGGED) !== 0,
      signal: s >= 0 ? (p.names[s] ?? null) : null,
      cluster: c.cluster[i] ?? null,
      outside: (f & OUTSIDE) !== 0,
      hub: (f & HUB) !== 0,
      x: c.x[i]!,
      y: c.y[i]!,
    };
  }
  const e = p.edges;
  const edges: GraphEdge[] = [];
  for (let i = 0; i < e.source.length; i++) {
    const a = nodes[e.source[i]!];
    const b = nodes[e.target[i]!];
    if (!a || !b) continue;
    edges.push({ id: edgeId(a.id, b.id), source: a.id, target: b.id, weight: e.weight[i]!, signal: p.names[e.signal[i]!] ?? 'link' });
  }
  return { nodes, edges, totalNodes: p.totalNodes, totalEdges: p.totalEdges, truncated: p.truncated, layout: p.layout, ms: p.ms };
}

/**
 * The ranked cluster list on the wire: columns, and every reason as three numbers (its signal,
 * contribution and detail by index into one string table). Reason details are templated ("92% of
 * prompts from 3 templates"): 7,500 clusters' 22,000 reasons held 32 distinct ones, so the list
 * went from 3.4 MB to a fraction of it.
 */
export const PackedClusters = z.object({
  id: z.array(z.string()),
  size: z.array(z.number().int()),
  score: z.array(z.number()),
  flagged: z.array(z.number().int()),
  exchanges: z.array(z.number().int()),
  firstTs: z.array(z.number().nullable()),
  lastTs: z.array(z.number().nullable()),
  /** per cluster: [signal, contribution, detail, signal, contribution, detail, ...] */
  reasons: z.array(z.array(z.number())),
  tags: z.array(z.array(z.string())),
  /** the signals and details the reasons index */
  strings: z.array(z.string()),
});
export type PackedClusters = z.infer<typeof PackedClusters>;

export function packClusters(rows: readonly ClusterRow[]): PackedClusters {
  const strings: string[] = [];
  const at = new Map<string, number>();
  const str = (v: string) => {
    let i = at.get(v);
    if (i === undefined) {
      i = strings.length;
      strings.push(v);
      at.set(v, i);
    }
    return i;
  };
  const p: PackedClusters = { id: [], size: [], score: [], flagged: [], exchanges: [], firstTs: [], lastTs: [], reasons: [], tags: [], strings };
  for (const c of rows) {
    p.id.push(c.id);
    p.size.push(c.size);
    p.score.push(c.score);
    p.flagged.push(c.flagged ? 1 : 0);
    p.exchanges.push(c.exchanges);
    p.firstTs.push(c.firstTs);
    p.lastTs.push(c.lastTs);
    p.reasons.push(c.reasons.flatMap((r) => [str(r.signal), r.contribution, str(r.detail)]));
    p.tags.push(c.tags);
  }
  return p;
}

export function unpackClusters(p: PackedClusters): ClusterRow[] {
  const out: ClusterRow[] = new Array<ClusterRow>(p.id.length);
  for (let i = 0; i < p.id.length; i++) {
    const flat = p.reasons[i] ?? [];
    const reasons: ClusterRow['reasons'] = [];
    for (let k = 0; k + 2 < flat.length; k += 3) reasons.push({ signal: p.strings[flat[k]!] ?? '', contribution: flat[k + 1]!, detail: p.strings[flat[k + 2]!] ?? '' });
    out[i] = { id: p.id[i]!, size: p.size[i]!, score: p.score[i]!, flagged: p.flagged[i] === 1, exchanges: p.exchanges[i]!, firstTs: p.firstTs[i] ?? null, lastTs: p.lastTs[i] ?? null, reasons, tags: p.tags[i] ?? [] };
  }
  return out;
}

export function packOverview(o: Overview): PackedOverview {
  return { ...packView(o), clusters: packClusters(o.clusters), totalClusters: o.totalClusters, analysed: o.analysed, signals: o.signals, accounts: o.accounts, exchanges: o.exchanges };
}

export function unpackOverview(p: PackedOverview): Overview {
  return { ...unpackView(p), clusters: unpackClusters(p.clusters), totalClusters: p.totalClusters, analysed: p.analysed, signals: p.signals, accounts: p.accounts, exchanges: p.exchanges };
}
