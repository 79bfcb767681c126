// Engine. Why two accounts are linked: every value they share, with its degree, weight, hub flag
// and example log rows (source file and line) on each side; when they share nothing directly,
// the strongest chain of links between them (Dijkstra over strong edges, cost 1/weight).
import type { Db } from '../db/connection';
import { EngineError } from '../../shared/result';
import { accountHoldings } from './holdings';
import { signalNamesOfJson } from './signals-json';

export interface ExampleRow {
  side: 'a' | 'b';
  file: string;
  line: number;
  importId: number;
  ts: number | null;
}

export interface SharedValue {
  signal: string;
  value: string;
  degree: number;
  weight: number;
  hub: boolean;
  examples: ExampleRow[];
  /** for a prompt template family: one stored prompt sample of it (hostile text, show as data) */
  samplePrompt?: string;
}

export interface PathStep {
  from: string;
  to: string;
  weight: number;
  signals: string[];
}

export interface Explanation {
  a: string;
  b: string;
  weight: number;
  shared: SharedValue[];
  path?: PathStep[];
}

function accountRow(db: Db, accountId: string): { id: number; import_id: number | null; line: number | null; created_at: number | null } {
  const r = db.prepare('SELECT id, import_id, line, created_at FROM accounts WHERE account_id = ?').get(accountId) as
    | { id: number; import_id: number | null; line: number | null; created_at: number | null }
    | undefined;
  if (!r) throw new EngineError('NOT_FOUND', `No account ${accountId} in this case.`);
  return r;
}

export function explainPair(db: Db, a: string, b: string): Explanation {
  const ra = accountRow(db, a);
  const rb = accountRow(db, b);
  // every value both hold (rows of hard values and packed soft ones: linkage/holdings.ts)
  const ha = accountHoldings(db, ra.id);
  const hb = accountHoldings(db, rb.id);
  const sharedIds: number[] = [];
  for (const v of ha.keys()) if (hb.has(v)) sharedIds.push(v);
  const rows = (
    db
      .prepare('SELECT id, signal, value, degree, weight, hub FROM link_values WHERE id IN (SELECT value FROM json_each(?)) ORDER BY weight DESC, signal, value')
      .all(JSON.stringify(sharedIds)) as { id: number; signal: string; value: string; degree: number; weight: number; hub: number }[]
  ).map((r) => {
    const x = ha.get(r.id)!;
    const y = hb.get(r.id)!;
    return { ...r, ea: x.example, eb: y.example, fa: x.firstTs, fb: y.firstTs };
  });
  const exStmt = db.prepare('SELECT e.import_id, e.line, e.ts, i.file_name FROM exchanges e JOIN imports i ON i.id = e.import_id WHERE e.id = ?');
  const fileStmt = db.prepare('SELECT file_name FROM imports WHERE id = ?').pluck();
  const example = (side: 'a' | 'b', exchangeId: number | null, acc: typeof ra, ts: number | null): ExampleRow | null => {
    if (exchangeId !== null) {
      const r = exStmt.get(exchangeId) as { import_id: number; line: number; ts: number; file_name: string } | undefined;
      if (r) return { side, file: r.file_name, line: r.line, importId: r.import_id, ts: r.ts };
    }
    if (acc.import_id !== null && acc.line !== null) {
      const file = (fileStmt.get(acc.import_id) as string | undefined) ?? '';
      return { side, file, line: acc.line, importId: acc.import_id, ts: ts ?? acc.created_at };
    }
    return null;
  };
  const shared: SharedValue[] = rows.map((r) => {
    const v: SharedValue = {
      signal: r.signal,
      value: r.value,
      degree: r.degree,
      weight: r.weight,
      hub: r.hub === 1,
      examples: [example('a', r.ea, ra, r.fa), example('b', r.eb, rb, r.fb)].filter((x): x is ExampleRow => x !== null),
    };
    if (r.signal === 'template') {
      const sample = templateSample(db, r.value, [r.ea, r.eb], [ra.id, rb.id]);
      if (sample !== null) v.samplePrompt = sample;
    }
    return v;
  });
  const lo = Math.min(ra.id, rb.id);
  const hi = Math.max(ra.id, rb.id);
  const edge = db.prepare('SELECT weight FROM edges WHERE a = ? AND b = ?').pluck().get(lo, hi) as number | undefined;
  const out: Explanation = { a, b, weight: edge ?? 0, shared };
  if (shared.length === 0 && a !== b) {
    const path = strongestPath(db, a, b);
    if (path) out.path = path.steps;
  }
  return out;
}

/** Largest signature distance at which a stored prompt sample is shown for a template family. */
const SAMPLE_MAX_BITS = 6;

/**
 * A stored prompt of a template family labelled `family <16 hex digits>`: the example exchanges'
 * own samples first, else the account sample whose signature (top 52 bits, as analysis reads
 * them) is nearest the family's, within SAMPLE_MAX_BITS.
 */
export function templateSample(db: Db, label: string, exchanges: (number | null)[], accounts: number[]): string | null {
  const byExchange = db.prepare('SELECT prompt FROM prompt_samples WHERE exchange_id = ?').pluck();
  for (const x of exchanges) {
    if (x === null) continue;
    const p = byExchange.get(x) as string | undefined;
    if (p !== undefined) return p;
  }
  const m = /^family ([0-9a-f]{16})$/.exec(label);
  if (!m) return null;
  const want = BigInt(`0x${m[1]!}`) >> 12n;
  const stmt = db
    .prepare('SELECT p.prompt, coalesce(e.simhash, e.template) AS s FROM prompt_samples p JOIN exchanges e ON e.id = p.exchange_id WHERE p.account = ? ORDER BY p.exchange_id LIMIT 500')
    .safeIntegers(true);
  let best: string | null = null;
  let bestBits = SAMPLE_MAX_BITS + 1;
  for (const acc of accounts) {
    for (const r of stmt.all(acc) as { prompt: string; s: bigint | null }[]) {
      if (r.s === null) continue;
      let d = (BigInt.asUintN(64, r.s) >> 12n) ^ want;
      let bits = 0;
      while (d > 0n && bits < bestBits) {
        bits += Number(d & 1n);
        d >>= 1n;
      }
      if (bits < bestBits) {
        bestBits = bits;
        best = r.prompt;
      }
    }
  }
  return best;
}

class MinHeap {
  private items: [number, number][] = [];
  get size(): number {
    return this.items.length;
  }
  push(cost: number, node: number): void {
    const h = this.items;
    h.push([cost, node]);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]![0] <= h[i]![0]) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  pop(): [number, number] {
    const h = this.items;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]![0] < h[m]![0]) m = l;
        if (r < h.length && h[r]![0] < h[m]![0]) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

/** The strongest chain of strong links from a to b (fewest weak hops), or null. */
export function strongestPath(db: Db, a: string, b: string, maxVisited = 100_000): { accounts: string[]; steps: PathStep[] } | null {
  const ra = accountRow(db, a);
  const rb = accountRow(db, b);
  const nb = db.prepare('SELECT b AS o, weight, signals_json FROM edges WHERE a = ? AND strong = 1 UNION ALL SELECT a, weight, signals_json FROM edges WHERE b = ? AND strong = 1');
  const dist = new Map<number, number>([[ra.id, 0]]);
  const prev = new Map<number, { from: number; weight: number; signals: string[] }>();
  const done = new Set<number>();
  const heap = new MinHeap();
  heap.push(0, ra.id);
  while (heap.size && done.size < maxVisited) {
    const [d, u] = heap.pop();
    if (done.has(u)) continue;
    done.add(u);
    if (u === rb.id) break;
    for (const r of nb.all(u, u) as { o: number; weight: number; signals_json: string }[]) {
      if (r.weight <= 0 || done.has(r.o)) continue;
      const nd = d + 1 / r.weight;
      if (nd < (dist.get(r.o) ?? Infinity)) {
        dist.set(r.o, nd);
        prev.set(r.o, { from: u, weight: r.weight, signals: signalNamesOfJson(r.signals_json) });
        heap.push(nd, r.o);
      }
    }
  }
  if (!done.has(rb.id) || ra.id === rb.id) return ra.id === rb.id ? { accounts: [a], steps: [] } : null;
  const nameStmt = db.prepare('SELECT account_id FROM accounts WHERE id = ?').pluck();
  const name = (id: number) => nameStmt.get(id) as string;
  const chain: number[] = [rb.id];
  const steps: PathStep[] = [];
  let cur = rb.id;
  while (cur !== ra.id) {
    const p = prev.get(cur)!;
    steps.unshift({ from: name(p.from), to: name(cur), weight: p.weight, signals: p.signals });
    chain.unshift(p.from);
    cur = p.from;
  }
  return { accounts: chain.map(name), steps };
}
