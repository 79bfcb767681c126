// Engine. Builds a view over a set of accounts: direct account-account edges coloured by signal,
// or (mode 'values') the shared values themselves as nodes joined to the accounts holding them
// (attribute-as-node, like a hypergraph). Filtered by signal and weight, capped, laid out.
import { LIMITS } from '../../shared/limits';
import type { GraphEdge, GraphNode, GraphView, SignalWeight, ViewMode } from '../../shared/contract';
import type { Db } from '../db/connection';
import { capView } from './cap';
import { filterSignals, parseSignals } from './edge-signals';
import { layoutGraph } from './layout';
import { heldValues } from '../linkage/holdings';
import { stmt } from './statements';

export interface RawEdge {
  a: number;
  b: number;
  weight: number;
  signals_json: string;
}

export interface ViewOptions {
  mode: ViewMode;
  signals: ReadonlySet<string> | null;
  minWeight: number;
  hubs: boolean;
  /** the cluster being drilled into: accounts of other clusters are marked "outside" */
  home: string | null;
  mustKeep?: ReadonlySet<number>;
}

interface AccountInfo {
  id: number;
  account_id: string;
  cluster_id: string | null;
}

export function accountInfo(db: Db, ids: readonly number[]): Map<number, AccountInfo> {
  const rows = stmt(
    db,
    `SELECT a.id, a.account_id, cm.cluster_id FROM json_each(?) j
       JOIN accounts a ON a.id = j.value LEFT JOIN cluster_members cm ON cm.account = a.id`,
  ).all(JSON.stringify(ids)) as AccountInfo[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every stored edge with both ends in the set. */
export function edgesAmong(db: Db, ids: readonly number[]): RawEdge[] {
  const json = JSON.stringify(ids);
  return stmt(
    db,
    `SELECT e.a, e.b, e.weight, e.signals_json FROM json_each(?) j JOIN edges e ON e.a = j.value
      WHERE e.b IN (SELECT value FROM json_each(?))`,
  ).all(json, json) as RawEdge[];
}

export function internalIds(db: Db, accountIds: readonly string[]): number[] {
  return (stmt(db, 'SELECT a.id FROM json_each(?) j JOIN accounts a ON a.account_id = j.value').all(JSON.stringify(accountIds)) as Array<{ id: number }>).map((r) => r.id);
}

interface ViewEdge {
  a: number;
  b: number;
  weight: number;
  signals: SignalWeight[];
  dominant: string;
}

export function buildAccountView(db: Db, accounts: readonly number[], raw: readonly RawEdge[], opt: ViewOptions, layoutName = 'engine'): GraphView {
  const t0 = performance.now();
  const edges: ViewEdge[] = [];
  for (const r of raw) {
    const f = filterSignals(parseSignals(r.signals_json), opt.signals, r.weight);
    if (!f || f.weight < opt.minWeight) continue;
    edges.push({ a: r.a, b: r.b, weight: f.weight, signals: f.signals, dominant: f.dominant });
  }
  // with a signal or weight filter, accounts left without a link drop out (the point of filtering)
  const filtering = opt.signals !== null || opt.minWeight > 0;
  let candidates: number[] = [...accounts];
  if (filtering) {
    const linked = new Set<number>();
    for (const e of edges) linked.add(e.a).add(e.b);
    candidates = candidates.filter((a) => linked.has(a) || opt.mustKeep?.has(a));
  }
  const accountCap = opt.mode === 'values' ? Math.floor(LIMITS.maxViewNodes / 2) : LIMITS.maxViewNodes;
  const capped = capView(candidates, edges, accountCap, LIMITS.maxViewEdges, opt.mustKeep);
  const info = accountInfo(db, capped.nodes);
  const view =
    opt.mode === 'values'
      ? valuesView(db, capped.nodes, info, opt)
      : accountsView(capped.nodes, capped.edges, info, opt);
  return {
    ...view,
    totalNodes: opt.mode === 'values' ? Math.max(view.totalNodes, candidates.length) : candidates.length,
    totalEdges: opt.mode === 'values' ? view.totalEdges : edges.length,
    truncated: view.truncated || capped.nodes.length < candidates.length || capped.edges.length < edges.length,
    layout: layoutName,
    ms: Math.round(performance.now() - t0),
  };
}

function accountNode(info: AccountInfo | undefined, id: number, size: number, signal: string | null, opt: ViewOptions, x: number, y: number): GraphNode {
  return {
    id: `a:${info?.account_id ?? id}`,
    kind: 'account',
    ref: info?.account_id ?? String(id),
    label: info?.account_id ?? String(id),
    size,
    score: null,
    flagged: false,
    signal,
    cluster: info?.cluster_id ?? null,
    outside: opt.home !== null && info?.cluster_id !== opt.home,
    hub: false,
    x,
    y,
  };
}

function accountsView(nodes: number[], edges: ViewEdge[], info: Map<number, AccountInfo>, opt: ViewOptions): GraphView {
  const index = new Map(nodes.map((n, i) => [n, i]));
  const deg = new Float64Array(nodes.length);
  const dom = nodes.map(() => new Map<string, number>());
  const le: Array<readonly [number, number, number]> = [];
  for (const e of edges) {
    const ia = index.get(e.a)!;
    const ib = index.get(e.b)!;
    deg[ia] = deg[ia]! + 1;
    deg[ib] = deg[ib]! + 1;
    for (const s of e.signals) {
      dom[ia]!.set(s.signal, (dom[ia]!.get(s.signal) ?? 0) + s.weight);
      dom[ib]!.set(s.signal, (dom[ib]!.get(s.signal) ?? 0) + s.weight);
    }
    le.push([ia, ib, e.weight]);
  }
  const pos = layoutGraph({ n: nodes.length, edges: le, radius: (i) => 6 + 1.5 * Math.log2(1 + deg[i]!) });
  const top = (m: Map<string, number>) => [...m].sort((p, q) => q[1] - p[1] || p[0].localeCompare(q[0]))[0]?.[0] ?? null;
  const gnodes = nodes.map((n, i) => accountNode(info.get(n), n, deg[i]!, top(dom[i]!), opt, pos.x[i]!, pos.y[i]!));
  const gedges: GraphEdge[] = edges.map((e) => ({
    id: `e:${e.a}:${e.b}`,
    source: gnodes[index.get(e.a)!]!.id,
    target: gnodes[index.get(e.b)!]!.id,
    weight: e.weight,
    signal: e.dominant,
    signals: e.signals,
  }));
  return { nodes: gnodes, edges: gedges, totalNodes: nodes.length, totalEdges: edges.length, truncated: false, layout: '', ms: 0 };
}

interface Holding {
  value_id: number;
  account: number;
  signal: string;
  value: string;
  degree: number;
  weight: number;
  hub: number;
}

function valuesView(db: Db, accounts: number[], info: Map<number, AccountInfo>, opt: ViewOptions): GraphView {
  // the values the view's accounts hold (rows and packed sets: linkage/holdings.ts)
  const rows: Holding[] = [];
  for (const { account, value: lv } of heldValues(db, accounts)) {
    if (lv.degree >= 2) rows.push({ value_id: lv.id, account, signal: lv.signal, value: lv.value, degree: lv.degree, weight: lv.weight, hub: lv.hub });
  }
  const byValue = new Map<number, Holding[]>();
  for (const r of rows) {
    if (!opt.hubs && r.hub) continue;
    if (opt.signals && !opt.signals.has(r.signal)) continue;
    if (r.weight < opt.minWeight) continue;
    const l = byValue.get(r.value_id);
    if (l) l.push(r);
    else byValue.set(r.value_id, [r]);
  }
  // a value held by a single account of the view links nothing here
  let values = [...byValue.values()].filter((l) => l.length >= 2);
  const totalValues = values.length;
  values.sort((p, q) => q.length * q[0]!.weight - p.length * p[0]!.weight || p[0]!.value_id - q[0]!.value_id);
  const room = LIMITS.maxViewNodes - accounts.length;
  let edgeBudget = LIMITS.maxViewEdges;
  const kept: Holding[][] = [];
  for (const l of values) {
    if (kept.length >= room || l.length > edgeBudget) continue;
    kept.push(l);
    edgeBudget -= l.length;
  }
  values = kept;
  const linked = new Set<number>();
  for (const l of values) for (const h of l) linked.add(h.account);
  const accIndex = new Map(accounts.map((a, i) => [a, i]));
  const n = accounts.length + values.length;
  const le: Array<readonly [number, number, number]> = [];
  values.forEach((l, vi) => {
    for (const h of l) le.push([accIndex.get(h.account)!, accounts.length + vi, h.weight]);
  });
  const deg = new Float64Array(n);
  for (const [a, b] of le) {
    deg[a] = deg[a]! + 1;
    deg[b] = deg[b]! + 1;
  }
  const pos = layoutGraph({ n, edges: le, radius: (i) => (i < accounts.length ? 7 : 6 + 1.5 * Math.log2(1 + deg[i]!)) });
  const nodes: GraphNode[] = accounts.map((a, i) => accountNode(info.get(a), a, deg[i]!, null, opt, pos.x[i]!, pos.y[i]!));
  values.forEach((l, vi) => {
    const h = l[0]!;
    const i = accounts.length + vi;
    nodes.push({
      id: `v:${h.value_id}`,
      kind: 'value',
      ref: String(h.value_id),
      label: h.value.length > 40 ? `${h.value.slice(0, 39)}…` : h.value,
      size: h.degree,
      score: null,
      flagged: false,
      signal: h.signal,
      cluster: null,
      outside: false,
      hub: h.hub === 1,
      x: pos.x[i]!,
      y: pos.y[i]!,
    });
  });
  const edges: GraphEdge[] = [];
  for (const l of values)
    for (const h of l) {
      edges.push({
        id: `m:${h.value_id}:${h.account}`,
        source: nodes[accIndex.get(h.account)!]!.id,
        target: `v:${h.value_id}`,
        weight: h.weight,
        signal: h.signal,
        signals: [{ signal: h.signal, weight: h.weight }],
      });
    }
  return {
    nodes,
    edges,
    totalNodes: accounts.length + totalValues,
    totalEdges: [...byValue.values()].reduce((t, l) => t + (l.length >= 2 ? l.length : 0), 0),
    truncated: values.length < totalValues,
    layout: '',
    ms: 0,
  };
}
