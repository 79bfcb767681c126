// Pure parts of the graph workbench: caps, signal filters, layout, histogram buckets, search
// clipping, CSV export, render-mode detection, lasso geometry.
import { describe, expect, it } from 'vitest';
import { capView } from '../../../electron/engine/graph/cap';
import { filterSignals, parseSignals } from '../../../electron/engine/graph/edge-signals';
import { bucketWidth } from '../../../electron/engine/graph/histogram';
import { labelPropagation, layoutGraph } from '../../../electron/engine/graph/layout';
import { clip } from '../../../electron/engine/graph/search';
import { csvCell, toCsv } from '../../../renderer/src/features/graph/csv';
import { isSoftwareRenderer } from '../../../renderer/src/features/graph/canvas/render-mode';
import { insidePolygon } from '../../../renderer/src/features/graph/canvas/viewport-math';
import { scoreColor, signalColor } from '../../../renderer/src/features/graph/signal-colors';

describe('capView', () => {
  it('keeps the strongest nodes and the heaviest edges among them', () => {
    const edges = [
      { a: 1, b: 2, weight: 5 },
      { a: 2, b: 3, weight: 1 },
      { a: 3, b: 4, weight: 0.5 },
      { a: 1, b: 4, weight: 0.1 },
    ];
    const r = capView([1, 2, 3, 4], edges, 3, 1);
    expect(r.nodes.sort()).toEqual([1, 2, 3]);
    expect(r.edges).toEqual([{ a: 1, b: 2, weight: 5 }]);
  });
  it('always keeps the nodes it must', () => {
    expect(capView([1, 2, 3], [{ a: 1, b: 2, weight: 9 }], 1, 10, new Set([3])).nodes).toEqual([3]);
  });
  it('leaves a small view alone', () => {
    const e = [{ a: 1, b: 2, weight: 1 }];
    expect(capView([1, 2], e, 10, 10)).toEqual({ nodes: [1, 2], edges: e });
  });
});

describe('edge signals', () => {
  it('reads the analysis format and tolerates others', () => {
    expect(parseSignals('[{"signal":"ip","weight":1},{"signal":"payment","weight":3}]')).toEqual([
      { signal: 'payment', weight: 3 },
      { signal: 'ip', weight: 1 },
    ]);
    expect(parseSignals('{"ip":0.5}')).toEqual([{ signal: 'ip', weight: 0.5 }]);
    expect(parseSignals('not json')).toEqual([]);
  });
  it('re-weighs an edge under a signal filter', () => {
    const s = [
      { signal: 'payment', weight: 3 },
      { signal: 'ip', weight: 1 },
    ];
    expect(filterSignals(s, null, 4.2)).toEqual({ signals: s, weight: 4.2, dominant: 'payment' });
    expect(filterSignals(s, new Set(['ip']), 4.2)).toEqual({ signals: [{ signal: 'ip', weight: 1 }], weight: 1, dominant: 'ip' });
    expect(filterSignals(s, new Set(['email']), 4.2)).toBeNull();
  });
});

describe('layout', () => {
  it('separates communities and never stacks nodes', () => {
    // two cliques of 6 joined by one edge
    const edges: Array<[number, number, number]> = [];
    for (const base of [0, 6]) for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) edges.push([base + i, base + j, 1]);
    edges.push([0, 6, 0.1]);
    const r = layoutGraph({ n: 12, edges });
    expect(new Set(r.community.slice(0, 6)).size).toBe(1);
    expect(r.community[0]).not.toBe(r.community[6]);
    const d = (i: number, j: number) => Math.hypot(r.x[i]! - r.x[j]!, r.y[i]! - r.y[j]!);
    const centre = (k: number) => [0, 1, 2, 3, 4, 5].reduce((p, i) => [p[0]! + r.x[k + i]! / 6, p[1]! + r.y[k + i]! / 6], [0, 0]);
    const [c1, c2] = [centre(0), centre(6)];
    const between = Math.hypot(c1[0]! - c2[0]!, c1[1]! - c2[1]!);
    expect(between).toBeGreaterThan(d(1, 2));
    for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) expect(d(i, j)).toBeGreaterThan(5);
  });
  it('keeps the discs of a dense campaign apart (springs never squeeze nodes into each other)', () => {
    // 60 accounts, every pair linked: the shape of a harvesting campaign sharing one card
    const n = 60;
    const edges: Array<[number, number, number]> = [];
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j, 1 + ((i * j) % 3)]);
    const radius = () => 6 + 1.5 * Math.log2(n);
    const r = layoutGraph({ n, edges, radius });
    let worst = Infinity;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) worst = Math.min(worst, Math.hypot(r.x[i]! - r.x[j]!, r.y[i]! - r.y[j]!) / (2 * radius()));
    // centre distance over the sum of radii: 1 = touching
    expect(worst).toBeGreaterThan(0.95);
  });
  it('is deterministic', () => {
    const edges: Array<[number, number, number]> = [[0, 1, 1], [1, 2, 1], [3, 4, 2]];
    expect(layoutGraph({ n: 5, edges }).x).toEqual(layoutGraph({ n: 5, edges }).x);
  });
  it('handles an empty view', () => {
    expect(layoutGraph({ n: 0, edges: [] }).x.length).toBe(0);
  });
  it('propagates labels along links', () => {
    const adj = [[[1, 1] as [number, number]], [[0, 1], [2, 1]] as Array<[number, number]>, [[1, 1]] as Array<[number, number]>, []];
    const l = labelPropagation(4, adj);
    expect(l[0]).toBe(l[1]);
    expect(l[1]).toBe(l[2]);
    expect(l[3]).toBe(3);
  });
});

describe('histogram buckets', () => {
  it('picks a round width near the wanted count', () => {
    expect(bucketWidth(0, 86_400_000 * 42, 120)).toBe(43_200_000);
    expect(bucketWidth(0, 3_600_000 - 1, 60)).toBe(60_000);
    expect(bucketWidth(0, 3_600_000, 60)).toBe(300_000); // just over a minute a bar: the next round width
  });
});

describe('search clip', () => {
  it('keeps the match in view and flattens lines', () => {
    const long = `${'a'.repeat(300)}NEEDLE\n${'b'.repeat(300)}`;
    const c = clip(long, 'needle', 40);
    expect(c).toContain('NEEDLE');
    expect(c.startsWith('…')).toBe(true);
    expect(c).not.toContain('\n');
  });
});

describe('CSV export', () => {
  it('neutralises formulas and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(toCsv(['k', 'v'], [['<script>', 1]])).toBe('k,v\r\n<script>,1\r\n');
  });
});

describe('rendering choices', () => {
  it('recognises software WebGL', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)')).toBe(false);
  });
  it('lasso: point in polygon', () => {
    const sq: Array<[number, number]> = [[0, 0], [10, 0], [10, 10], [0, 10]];
    expect(insidePolygon(5, 5, sq)).toBe(true);
    expect(insidePolygon(15, 5, sq)).toBe(false);
  });
  it('colours: stable per signal, score from calm to red', () => {
    expect(signalColor('payment')).toBe(signalColor('payment'));
    expect(signalColor('some_new_signal')).toMatch(/^#/);
    expect(scoreColor(1)).toBe('rgb(217, 56, 30)');
    expect(scoreColor(null)).toBe('#9aa5b1');
  });
});
