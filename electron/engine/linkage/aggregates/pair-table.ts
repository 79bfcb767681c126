// Engine, job thread. The (account, kind, key) pairs of the aggregate builder: an open-addressing
// hash over typed arrays holding each pair's count, first and last time and lowest exchange id,
// spilled as sorted runs (spill-runs.ts) when full and at the end.
import { KINDS } from './kinds';
import { grown } from '../typed-arrays';
import type { SpillRuns } from './spill-runs';

function hashPair(account: number, kind: number, key: number): number {
  const hi = Math.floor(key / 4294967296);
  const lo = (key - hi * 4294967296) | 0;
  let h = Math.imul(account, 0x9e3779b1) ^ Math.imul(kind + 1, 0x85ebca77) ^ Math.imul(lo, 0xc2b2ae3d) ^ Math.imul(hi | 0, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** doubles per pair: key, count, first, last, example, group (account * KINDS + kind) */
const S = 6;
const KEY = 0;
const COUNT = 1;
const FIRST = 2;
const LAST = 3;
const EXAMPLE = 4;
const GROUP = 5;

/**
 * One pair's fields sit side by side (48 bytes, one or two cache lines): a table of a million
 * pairs is far larger than the CPU caches, and seven parallel arrays cost seven misses a probe.
 */
export class PairTable {
  private slots = new Int32Array(1 << 13).fill(-1);
  private mask = this.slots.length - 1;
  private d = new Float64Array((1 << 12) * S);
  pairs = 0;

  constructor(readonly maxPairs: number) {}

  get full(): boolean {
    return this.pairs >= this.maxPairs;
  }

  /** Index of the pair, created with a zero count at (ts, id) when new. */
  pair(account: number, kind: number, key: number, ts: number, id: number): number {
    const group = account * KINDS + kind;
    const d = this.d;
    let i = hashPair(account, kind, key) & this.mask;
    for (;;) {
      const p = this.slots[i]!;
      if (p < 0) break;
      const o = p * S;
      if (d[o + KEY] === key && d[o + GROUP] === group) return p;
      i = (i + 1) & this.mask;
    }
    const p = this.pairs++;
    if ((p + 1) * S > this.d.length) this.grow();
    const o = p * S;
    const e = this.d;
    e[o + KEY] = key;
    e[o + COUNT] = 0;
    e[o + FIRST] = ts;
    e[o + LAST] = ts;
    e[o + EXAMPLE] = id;
    e[o + GROUP] = group;
    this.slots[i] = p;
    if (this.pairs * 2 > this.slots.length) this.rehash();
    return p;
  }

  /** One more exchange of pair p. */
  hit(p: number, ts: number, id: number): void {
    const d = this.d;
    const o = p * S;
    d[o + COUNT]! += 1;
    if (ts < d[o + FIRST]!) d[o + FIRST] = ts;
    if (ts > d[o + LAST]!) d[o + LAST] = ts;
    if (id < d[o + EXAMPLE]!) d[o + EXAMPLE] = id;
  }

  /** Gives the arrays' memory back (the table is empty: call after spill); it grows again if used. */
  shrink(): void {
    if (this.pairs !== 0) throw new Error('shrink: the pair table is not empty');
    this.slots = new Int32Array(1 << 13).fill(-1);
    this.mask = this.slots.length - 1;
    this.d = new Float64Array((1 << 12) * S);
  }

  private grow(): void {
    // not far past maxPairs (a batch's pairs go in before the caller flushes): doubling 2.5M
    // pairs to 4.2M held 85 MB for nothing
    const n = this.d.length / S;
    this.d = grown(this.d, (n < this.maxPairs ? Math.min(n * 2, this.maxPairs + 65_536) : n * 2) * S);
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    const d = this.d;
    for (let p = 0; p < this.pairs; p++) {
      const g = d[p * S + GROUP]!;
      const account = Math.floor(g / KINDS);
      let i = hashPair(account, g - account * KINDS, d[p * S + KEY]!) & this.mask;
      while (this.slots[i]! >= 0) i = (i + 1) & this.mask;
      this.slots[i] = p;
    }
  }

  /**
   * Appends the pairs to `runs` as one sorted run of (account, kind) groups and empties the
   * table. `accounts` bounds the account ids held.
   */
  spill(runs: SpillRuns, accounts: number): void {
    if (this.pairs > 0) {
      // group by (account, kind): a counting sort over the group number
      const groups = accounts * KINDS;
      const d = this.d;
      const start = new Int32Array(groups + 1);
      for (let p = 0; p < this.pairs; p++) start[d[p * S + GROUP]! + 1]! += 1;
      for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
      const fill = start.slice(0, groups);
      const order = new Int32Array(this.pairs);
      for (let p = 0; p < this.pairs; p++) order[fill[d[p * S + GROUP]!]!++] = p;
      runs.begin();
      for (let g = 0; g < groups; g++) {
        const s = start[g]!;
        const n = start[g + 1]! - s;
        if (n === 0) continue;
        const out = runs.group(Math.floor(g / KINDS), g % KINDS, n);
        for (let i = 0; i < n; i++) {
          const o = order[s + i]! * S;
          out[i] = d[o + KEY]!;
          out[n + i] = d[o + COUNT]!;
          out[2 * n + i] = d[o + FIRST]!;
          out[3 * n + i] = d[o + LAST]!;
          out[4 * n + i] = d[o + EXAMPLE]!;
        }
      }
      runs.end();
    }
    this.pairs = 0;
    this.slots.fill(-1);
  }
}
