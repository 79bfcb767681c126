// Engine, job thread. The (account, kind, key) pairs of the aggregate builder: an open-addressing
// hash over typed arrays holding each pair's count, first and last time and lowest exchange id,
// written to agg_values as one row per (account, kind) with its entries in a float64 blob.
import type { Db } from '../../db/connection';
import { KINDS } from './kinds';
import { grown } from '../typed-arrays';

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
   * Writes the pairs as agg_values rows under a new seq and empties the table. `accounts` bounds
   * the account ids held. Call in a transaction.
   */
  flush(db: Db, accounts: number): void {
    if (this.pairs > 0) {
      const seq = (db.prepare('SELECT next_seq FROM agg_state WHERE id = 1').pluck().get() as number | undefined) ?? 1;
      // until the import commits its coverage, the state says "covers nothing known" (stale)
      db.prepare('INSERT INTO agg_state (id, max_exchange_id, exchanges, next_seq) VALUES (1, -1, -1, ?) ON CONFLICT (id) DO UPDATE SET next_seq = excluded.next_seq').run(seq + 1);
      const ins = db.prepare('INSERT INTO agg_values (account, kind, seq, n, data) VALUES (?, ?, ?, ?, ?)');
      // group by (account, kind): a counting sort over the group number
      const groups = accounts * KINDS;
      const start = new Int32Array(groups + 1);
      for (let p = 0; p < this.pairs; p++) start[this.acc[p]! * KINDS + this.kind[p]! + 1]! += 1;
      for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
      const fill = start.slice(0, groups);
      const order = new Int32Array(this.pairs);
      for (let p = 0; p < this.pairs; p++) order[fill[this.acc[p]! * KINDS + this.kind[p]!]!++] = p;
      // one scratch blob for the largest group (SQLite copies what it binds)
      let largest = 0;
      for (let g = 0; g < groups; g++) largest = Math.max(largest, start[g + 1]! - start[g]!);
      const data = new Float64Array(5 * largest);
      const bytes = Buffer.from(data.buffer);
      for (let g = 0; g < groups; g++) {
        const s = start[g]!;
        const n = start[g + 1]! - s;
        if (n === 0) continue;
        for (let i = 0; i < n; i++) {
          const p = order[s + i]!;
          data[i] = this.key[p]!;
          data[n + i] = this.count[p]!;
          data[2 * n + i] = this.first[p]!;
          data[3 * n + i] = this.last[p]!;
          data[4 * n + i] = this.example[p]!;
        }
        ins.run(Math.floor(g / KINDS), g % KINDS, seq, n, bytes.subarray(0, 40 * n));
      }
    }
    this.pairs = 0;
    this.slots.fill(-1);
  }
}
