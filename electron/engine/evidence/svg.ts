// Engine. Inline SVG pictures for the report: the activity timeline and the cluster's graph.
// No scripts, no external references; every label is escaped.
import { esc } from './escape';
import { forceLayout, seedOf, type LayoutEdge } from './layout';

const fmtDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const r1 = (v: number) => Math.round(v * 10) / 10;

export function timelineSvg(series: ReadonlyArray<{ t: number; n: number }>, opts: { width?: number; height?: number; title?: string } = {}): string {
  const W = opts.width ?? 720;
  const H = opts.height ?? 180;
  const pad = { l: 48, r: 12, t: 12, b: 32 };
  if (series.length === 0) {
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="40" role="img" aria-label="no activity"><text x="8" y="24" font-size="12">No exchanges in this selection.</text></svg>`;
  }
  const max = Math.max(1, ...series.map((s) => s.n));
  const t0 = series[0]!.t;
  const t1 = series[series.length - 1]!.t;
  const span = Math.max(1, t1 - t0);
  const iw = W - pad.l - pad.r;
  const ih = H - pad.t - pad.b;
  const bw = Math.max(1, iw / Math.max(series.length, 1) - 1);
  const bars = series
    .map((s) => {
      const x = pad.l + ((s.t - t0) / span) * (iw - bw);
      const h = (s.n / max) * ih;
      return `<rect x="${r1(x)}" y="${r1(pad.t + ih - h)}" width="${r1(bw)}" height="${r1(h)}" fill="#3b6ea5"><title>${esc(`${new Date(s.t).toISOString()}: ${s.n}`)}</title></rect>`;
    })
    .join('');
  const axis = `<line x1="${pad.l}" y1="${pad.t + ih}" x2="${W - pad.r}" y2="${pad.t + ih}" stroke="#555"/><line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${pad.t + ih}" stroke="#555"/>`;
  const labels =
    `<text x="${pad.l - 4}" y="${pad.t + 10}" font-size="10" text-anchor="end">${max}</text>` +
    `<text x="${pad.l - 4}" y="${pad.t + ih}" font-size="10" text-anchor="end">0</text>` +
    `<text x="${pad.l}" y="${H - 10}" font-size="10">${esc(fmtDay(t0))}</text>` +
    `<text x="${W - pad.r}" y="${H - 10}" font-size="10" text-anchor="end">${esc(fmtDay(t1))}</text>`;
  const title = opts.title ? `<title>${esc(opts.title)}</title>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" font-family="sans-serif">${title}${axis}${bars}${labels}</svg>`;
}

const PALETTE = ['#3b6ea5', '#c0504d', '#9bbb59', '#8064a2', '#4bacc6', '#f79646', '#7f7f7f', '#2c4d75'];

export interface GraphPictureNode {
  id: string;
  group: string;
  label?: string;
  flag?: 'false_positive' | 'confirmed_member' | 'needs_review' | null;
}

/** Draws at most `maxNodes` nodes (the best connected); says so when it leaves some out. */
export function graphSvg(nodes: readonly GraphPictureNode[], edges: readonly LayoutEdge[], opts: { width?: number; height?: number; maxNodes?: number; seedText?: string } = {}): string {
  const W = opts.width ?? 720;
  const H = opts.height ?? 480;
  const maxNodes = opts.maxNodes ?? 250;
  const degree = new Map<string, number>();
  for (const e of edges) {
    degree.set(e.a, (degree.get(e.a) ?? 0) + e.weight);
    degree.set(e.b, (degree.get(e.b) ?? 0) + e.weight);
  }
  const sorted = [...nodes].sort((x, y) => (degree.get(y.id) ?? 0) - (degree.get(x.id) ?? 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const kept = sorted.slice(0, maxNodes);
  const keptIds = new Set(kept.map((n) => n.id));
  const keptEdges = edges.filter((e) => keptIds.has(e.a) && keptIds.has(e.b));
  const pos = forceLayout(
    kept.map((n) => n.id),
    keptEdges,
    seedOf(opts.seedText ?? kept.map((n) => n.id).join('|')),
  );
  const m = 24;
  const P = (id: string) => {
    const p = pos.get(id) ?? { x: 0.5, y: 0.5 };
    return { x: r1(m + p.x * (W - 2 * m - 56)), y: r1(m + p.y * (H - 2 * m - 16)) };
  };
  const groups = [...new Set(kept.map((n) => n.group))].sort();
  const colour = (g: string) => PALETTE[groups.indexOf(g) % PALETTE.length]!;
  const maxW = Math.max(1e-9, ...keptEdges.map((e) => e.weight));
  const lines = keptEdges
    .map((e) => {
      const a = P(e.a);
      const b = P(e.b);
      return `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="#999" stroke-opacity="0.6" stroke-width="${r1(0.5 + (2.5 * e.weight) / maxW)}"/>`;
    })
    .join('');
  const showLabels = kept.length <= 40;
  const circles = kept
    .map((n) => {
      const p = P(n.id);
      const stroke = n.flag === 'false_positive' ? ' stroke="#000" stroke-dasharray="2,2"' : n.flag === 'confirmed_member' ? ' stroke="#000"' : '';
      const label = showLabels ? `<text x="${r1(p.x + 7)}" y="${r1(p.y + 3)}" font-size="9">${esc(n.label ?? n.id)}</text>` : '';
      return `<circle cx="${p.x}" cy="${p.y}" r="5" fill="${colour(n.group)}"${stroke}><title>${esc(n.label ?? n.id)}</title></circle>${label}`;
    })
    .join('');
  const note =
    nodes.length > kept.length
      ? `<text x="${m}" y="${H - 6}" font-size="10">Showing the ${kept.length} best connected of ${nodes.length} accounts.</text>`
      : `<text x="${m}" y="${H - 6}" font-size="10">${nodes.length} accounts, ${keptEdges.length} links; line width = link weight.</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" font-family="sans-serif"><rect width="${W}" height="${H}" fill="#fff" stroke="#ddd"/>${lines}${circles}${note}</svg>`;
}
