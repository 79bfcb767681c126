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

export class PairTable {
  private slots = new Int32Array(1 << 13).fill(-1);
  private mask = this.slots.length - 1;
  acc = new Int32Array(1 << 12);
  kind = new Uint8Array(1 << 12);
  key = new Float64Array(1 << 12);
  count = new Float64Array(1 << 12);
  first = new Float64Array(1 << 12);
  last = new Float64Array(1 << 12);
  example = new Float64Array(1 << 12);
  pairs = 0;

  constructor(readonly maxPairs: number) {}

  get full(): boolean {
    return this.pairs >= this.maxPairs;
  }

  /** Index of the pair, created with a zero count at (ts, id) when new. */
  pair(account: number, kind: number, key: number, ts: number, id: number): number {
    let i = hashPair(account, kind, key) & this.mask;
    for (;;) {
      const p = this.slots[i]!;
      if (p < 0) break;
      if (this.acc[p] === account && this.kind[p] === kind && this.key[p] === key) return p;
      i = (i + 1) & this.mask;
    }
    const p = this.pairs++;
    if (p >= this.acc.length) this.grow();
    this.acc[p] = account;
    this.kind[p] = kind;
    this.key[p] = key;
    this.count[p] = 0;
    this.first[p] = ts;
    this.last[p] = ts;
    this.example[p] = id;
    this.slots[i] = p;
    if (this.pairs * 2 > this.slots.length) this.rehash();
    return p;
  }

  /** One more exchange of pair p. */
  hit(p: number, ts: number, id: number): void {
    this.count[p]! += 1;
    if (ts < this.first[p]!) this.first[p] = ts;
    if (ts > this.last[p]!) this.last[p] = ts;
    if (id < this.example[p]!) this.example[p] = id;
  }

  /** Gives the arrays' memory back (the table is empty: call after spill); it grows again if used. */
  shrink(): void {
    if (this.pairs !== 0) throw new Error('shrink: the pair table is not empty');
    const n = 1 << 12;
    this.slots = new Int32Array(1 << 13).fill(-1);
    this.mask = this.slots.length - 1;
    this.acc = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.key = new Float64Array(n);
    this.count = new Float64Array(n);
    this.first = new Float64Array(n);
    this.last = new Float64Array(n);
    this.example = new Float64Array(n);
  }

  private grow(): void {
    // not far past maxPairs (a batch's pairs go in before the caller flushes): doubling 2.5M
    // pairs to 4.2M held 85 MB for nothing
    const n = this.acc.length < this.maxPairs ? Math.min(this.acc.length * 2, this.maxPairs + 65_536) : this.acc.length * 2;
    this.acc = grown(this.acc, n);
    this.kind = grown(this.kind, n);
    this.key = grown(this.key, n);
    this.count = grown(this.count, n);
    this.first = grown(this.first, n);
    this.last = grown(this.last, n);
    this.example = grown(this.example, n);
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let p = 0; p < this.pairs; p++) {
      let i = hashPair(this.acc[p]!, this.kind[p]!, this.key[p]!) & this.mask;
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
      const start = new Int32Array(groups + 1);
      for (let p = 0; p < this.pairs; p++) start[this.acc[p]! * KINDS + this.kind[p]! + 1]! += 1;
      for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
      const fill = start.slice(0, groups);
      const order = new Int32Array(this.pairs);
      for (let p = 0; p < this.pairs; p++) order[fill[this.acc[p]! * KINDS + this.kind[p]!]!++] = p;
      runs.begin();
      for (let g = 0; g < groups; g++) {
        const s = start[g]!;
        const n = start[g + 1]! - s;
        if (n === 0) continue;
        const out = runs.group(Math.floor(g / KINDS), g % KINDS, n);
        for (let i = 0; i < n; i++) {
          const p = order[s + i]!;
          out[i] = this.key[p]!;
          out[n + i] = this.count[p]!;
          out[2 * n + i] = this.first[p]!;
          out[3 * n + i] = this.last[p]!;
          out[4 * n + i] = this.example[p]!;
        }
      }
      runs.end();
    }
    this.pairs = 0;
    this.slots.fill(-1);
  }
}
