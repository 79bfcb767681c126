// Engine, job thread. Accumulates per-account aggregates from exchange rows in typed arrays
// (an open-addressing hash over (account, kind, key)), and merges them into agg_values /
// agg_accounts with UPSERTs that add counts, so a later import adds to what is there. A per
// (account, kind) cache of the last key seen turns the common case (an account keeps its key,
// client and model) into an array lookup. Memory is bounded by flushing when `maxPairs` is reached.
import type { Db } from '../../db/connection';
import { KINDS, MAX_TOKENS_COUNTED } from './kinds';

const HOURS = 24;

export class AggregateBuilder {
  // pairs
  private slots: Int32Array;
  private mask: number;
  acc = new Int32Array(1 << 12);
  kind = new Uint8Array(1 << 12);
  key = new Float64Array(1 << 12);
  count = new Float64Array(1 << 12);
  first = new Float64Array(1 << 12);
  last = new Float64Array(1 << 12);
  example = new Float64Array(1 << 12);
  pairs = 0;
  // per account (indexed by accounts.id)
  private accCap = 0;
  private bEx = new Float64Array(0);
  private bCot = new Float64Array(0);
  private bIn = new Float64Array(0);
  private bOut = new Float64Array(0);
  private bFirst = new Float64Array(0);
  private bLast = new Float64Array(0);
  private bHours = new Float64Array(0);
  private lastKey = new Float64Array(0);
  private lastPair = new Int32Array(0);
  /** exchange rows added since the builder was created (flushes do not reset it) */
  rows = 0;

  constructor(readonly maxPairs = 3_000_000) {
    this.slots = new Int32Array(1 << 13).fill(-1);
    this.mask = this.slots.length - 1;
  }

  get full(): boolean {
    return this.pairs >= this.maxPairs;
  }

  private ensureAccount(a: number): void {
    if (a < this.accCap) return;
    let cap = Math.max(1024, this.accCap);
    while (cap <= a) cap *= 2;
    const g = (x: Float64Array, per: number, fill: number) => {
      const y = new Float64Array(cap * per).fill(fill);
      y.set(x);
      return y;
    };
    this.bEx = g(this.bEx, 1, 0);
    this.bCot = g(this.bCot, 1, 0);
    this.bIn = g(this.bIn, 1, 0);
    this.bOut = g(this.bOut, 1, 0);
    this.bFirst = g(this.bFirst, 1, NaN);
    this.bLast = g(this.bLast, 1, NaN);
    this.bHours = g(this.bHours, HOURS, 0);
    this.lastKey = g(this.lastKey, KINDS, NaN);
    const lp = new Int32Array(cap * KINDS);
    lp.set(this.lastPair);
    this.lastPair = lp;
    this.accCap = cap;
  }

  /**
   * One exchange. `keys[k]` is the key of kind k (NaN: none); `account` is accounts.id.
   * Rows must come in ascending id order for `example` to be the lowest id without comparing.
   */
  add(id: number, account: number, ts: number, keys: Float64Array, cot: number, inTokens: number, outTokens: number): void {
    this.ensureAccount(account);
    this.rows++;
    this.bEx[account]! += 1;
    this.bCot[account]! += cot >= 1 ? 1 : 0;
    this.bIn[account]! += Math.min(inTokens, MAX_TOKENS_COUNTED);
    this.bOut[account]! += Math.min(outTokens, MAX_TOKENS_COUNTED);
    const f = this.bFirst[account]!;
    if (!(ts >= f)) this.bFirst[account] = ts;
    const l = this.bLast[account]!;
    if (!(ts <= l)) this.bLast[account] = ts;
    this.bHours[account * HOURS + (Math.floor(ts / 3_600_000) % 24)]! += 1;
    const slot = account * KINDS;
    for (let k = 0; k < KINDS; k++) {
      const key = keys[k]!;
      if (Number.isNaN(key)) continue;
      let p: number;
      if (this.lastKey[slot + k] === key) p = this.lastPair[slot + k]!;
      else {
        p = this.pair(account, k, key, ts, id);
        this.lastKey[slot + k] = key;
        this.lastPair[slot + k] = p;
      }
      this.count[p]! += 1;
      if (ts < this.first[p]!) this.first[p] = ts;
      if (ts > this.last[p]!) this.last[p] = ts;
      if (id < this.example[p]!) this.example[p] = id;
    }
  }

  private pair(account: number, kind: number, key: number, ts: number, id: number): number {
    const hi = Math.floor(key / 4294967296);
    const lo = (key - hi * 4294967296) | 0;
    let h = Math.imul(account, 0x9e3779b1) ^ Math.imul(kind + 1, 0x85ebca77) ^ Math.imul(lo, 0xc2b2ae3d) ^ Math.imul(hi | 0, 0x27d4eb2f);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let i = h & this.mask;
    for (;;) {
      const p = this.slots[i]!;
      if (p < 0) break;
      if (this.acc[p] === account && this.kind[p] === kind && this.key[p] === key) return p;
      i = (i + 1) & this.mask;
    }
    const p = this.pairs++;
    if (p >= this.acc.length) this.growPairs();
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

  private growPairs(): void {
    const n = this.acc.length * 2;
    const g = <T extends Int32Array | Uint8Array | Float64Array>(x: T): T => {
      const y = new (x.constructor as new (n: number) => T)(n);
      y.set(x);
      return y;
    };
    this.acc = g(this.acc);
    this.kind = g(this.kind);
    this.key = g(this.key);
    this.count = g(this.count);
    this.first = g(this.first);
    this.last = g(this.last);
    this.example = g(this.example);
  }

  private rehash(): void {
    const old = this.pairs;
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let p = 0; p < old; p++) {
      const key = this.key[p]!;
      const hi = Math.floor(key / 4294967296);
      const lo = (key - hi * 4294967296) | 0;
      let h = Math.imul(this.acc[p]!, 0x9e3779b1) ^ Math.imul(this.kind[p]! + 1, 0x85ebca77) ^ Math.imul(lo, 0xc2b2ae3d) ^ Math.imul(hi | 0, 0x27d4eb2f);
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 12;
      let i = h & this.mask;
      while (this.slots[i]! >= 0) i = (i + 1) & this.mask;
      this.slots[i] = p;
    }
  }

  /** Writes everything held into the aggregate tables and empties the builder. Call in a transaction. */
  flush(db: Db): void {
    if (this.pairs > 0) {
      const seq = (db.prepare('SELECT next_seq FROM agg_state WHERE id = 1').pluck().get() as number | undefined) ?? 1;
      // until the import commits its coverage, the state says "covers nothing known" (stale)
      db.prepare('INSERT INTO agg_state (id, max_exchange_id, exchanges, next_seq) VALUES (1, -1, -1, ?) ON CONFLICT (id) DO UPDATE SET next_seq = excluded.next_seq').run(seq + 1);
      const ins = db.prepare('INSERT INTO agg_values (account, kind, seq, n, data) VALUES (?, ?, ?, ?, ?)');
      // group by (account, kind): a counting sort over the group number
      const groups = this.accCap * KINDS;
      const start = new Int32Array(groups + 1);
      for (let p = 0; p < this.pairs; p++) start[this.acc[p]! * KINDS + this.kind[p]! + 1]! += 1;
      for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
      const fill = start.slice(0, groups);
      const order = new Int32Array(this.pairs);
      for (let p = 0; p < this.pairs; p++) order[fill[this.acc[p]! * KINDS + this.kind[p]!]!++] = p;
      for (let g = 0; g < groups; g++) {
        const s = start[g]!;
        const n = start[g + 1]! - s;
        if (n === 0) continue;
        const data = new Float64Array(5 * n);
        for (let i = 0; i < n; i++) {
          const p = order[s + i]!;
          data[i] = this.key[p]!;
          data[n + i] = this.count[p]!;
          data[2 * n + i] = this.first[p]!;
          data[3 * n + i] = this.last[p]!;
          data[4 * n + i] = this.example[p]!;
        }
        ins.run(Math.floor(g / KINDS), g % KINDS, seq, n, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      }
    }
    const hcols = Array.from({ length: HOURS }, (_, h) => `h${h}`);
    const upAcc = db.prepare(
      `INSERT INTO agg_accounts (account, exchanges, cot, in_tokens, out_tokens, first_ts, last_ts, ${hcols.join(', ')})
       VALUES (${Array.from({ length: 7 + HOURS }, () => '?').join(', ')})
       ON CONFLICT (account) DO UPDATE SET exchanges = exchanges + excluded.exchanges, cot = cot + excluded.cot,
         in_tokens = in_tokens + excluded.in_tokens, out_tokens = out_tokens + excluded.out_tokens,
         first_ts = min(coalesce(first_ts, excluded.first_ts), coalesce(excluded.first_ts, first_ts)),
         last_ts = max(coalesce(last_ts, excluded.last_ts), coalesce(excluded.last_ts, last_ts)),
         ${hcols.map((h) => `${h} = ${h} + excluded.${h}`).join(', ')}`,
    );
    const vals = new Array<number | null>(7 + HOURS);
    for (let a = 0; a < this.accCap; a++) {
      if (this.bEx[a] === 0) continue;
      vals[0] = a;
      vals[1] = this.bEx[a]!;
      vals[2] = this.bCot[a]!;
      vals[3] = this.bIn[a]!;
      vals[4] = this.bOut[a]!;
      vals[5] = this.bFirst[a]!;
      vals[6] = this.bLast[a]!;
      for (let h = 0; h < HOURS; h++) vals[7 + h] = this.bHours[a * HOURS + h]!;
      upAcc.run(vals);
    }
    this.clear();
  }

  private clear(): void {
    this.pairs = 0;
    this.slots.fill(-1);
    this.bEx.fill(0);
    this.bCot.fill(0);
    this.bIn.fill(0);
    this.bOut.fill(0);
    this.bFirst.fill(NaN);
    this.bLast.fill(NaN);
    this.bHours.fill(0);
    this.lastKey.fill(NaN);
  }
}
