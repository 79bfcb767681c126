// Engine, job thread. The (account, kind, key) pairs of the aggregate builder: a log of entries in
// typed arrays holding a pair's count, first and last time and lowest exchange id, merged by pair
// and spilled as sorted runs (spill-runs.ts) when full and at the end.
import { KINDS } from './kinds';
import { grown } from '../typed-arrays';
import type { SpillRuns } from './spill-runs';
import { KeyIndex } from './key-index';

/** doubles per entry: key, count, first, last, example, group (account * KINDS + kind) */
const S = 6;
const KEY = 0;
const COUNT = 1;
const FIRST = 2;
const LAST = 3;
const EXAMPLE = 4;
const GROUP = 5;

/** Groups up to this many entries are deduplicated by scanning the keys kept so far. */
const SCAN_DEDUP = 16;

/**
 * The pairs as an append-only log of entries: a new entry whenever an (account, kind)'s run of
 * one key ends (the caller counts the run), the same (account, kind, key) possibly several times
 * (an account going back to an address it used before), merged when the log is spilled. A hash table found the pair instead,
 * but nearly every look-up missed the CPU caches twice (a new template, a new address: most
 * pairs are new) in tables of tens of megabytes; appending writes memory in order, and the
 * spill's merge works one (account, kind) group at a time. One entry's fields sit side by side
 * (48 bytes).
 */
export class PairTable {
  private d = new Float64Array((1 << 12) * S);
  /** entries in the log (what `full` bounds) */
  pairs = 0;
  // the spill's scratch: one group's distinct pairs, and an open-addressing index of their keys
  private gKey = new Float64Array(256);
  private gCount = new Float64Array(256);
  private gFirst = new Float64Array(256);
  private gLast = new Float64Array(256);
  private gExample = new Float64Array(256);
  private index = new KeyIndex();

  /**
   * Entries past which the caller compacts or spills: small at first, so a case whose accounts
   * go back and forth between a few values (a handful of addresses each) keeps a small log of
   * them merged instead of filling maxPairs with repeats.
   */
  private limit: number;
  /** a compaction found the distinct pairs filling half the table: later ones spill at once */
  private spillNext = false;

  constructor(readonly maxPairs: number) {
    this.limit = Math.min(maxPairs, 1 << 16);
  }

  get full(): boolean {
    return this.pairs >= this.limit;
  }

  /**
   * Merges the log's entries by pair in place (each pair once, in the order of its first entry);
   * returns true when they still fill half of maxPairs or more, and the caller should spill.
   * Entry indexes handed out before are void.
   */
  compact(accounts: number): boolean {
    if (this.pairs === 0) return false;
    // the last compaction left too many pairs: this one would too, and the spill merges the log
    // by pair anyway (templates, nearly all distinct, were merged twice per spill)
    if (this.spillNext) return true;
    const d = this.d;
    const order = this.groupOrder(accounts);
    // as large as the log: it fills up again to the limit without growing (a copy each doubling)
    const out = new Float64Array(d.length);
    let w = 0;
    for (let g = 0; g < order.start.length - 1; g++) {
      const s = order.start[g]!;
      const n = order.start[g + 1]! - s;
      if (n === 0) continue;
      if (n === 1) {
        out.set(d.subarray(order.order[s]! * S, order.order[s]! * S + S), w * S);
        w++;
        continue;
      }
      const m = this.merge(order.order, s, n);
      for (let i = 0; i < m; i++) {
        const o = (w + i) * S;
        out[o + KEY] = this.gKey[i]!;
        out[o + COUNT] = this.gCount[i]!;
        out[o + FIRST] = this.gFirst[i]!;
        out[o + LAST] = this.gLast[i]!;
        out[o + EXAMPLE] = this.gExample[i]!;
        out[o + GROUP] = g;
      }
      w += m;
    }
    this.d = out;
    this.pairs = w;
    if (2 * w >= this.maxPairs) {
      this.limit = this.maxPairs;
      this.spillNext = true;
      return true;
    }
    this.limit = Math.min(this.maxPairs, Math.max(this.limit, 4 * w));
    return false;
  }

  /** Entry indexes grouped by (account, kind): a counting sort over the group number (stable). */
  private groupOrder(accounts: number): { start: Int32Array; order: Int32Array } {
    const groups = accounts * KINDS;
    const d = this.d;
    const start = new Int32Array(groups + 1);
    for (let p = 0; p < this.pairs; p++) start[d[p * S + GROUP]! + 1]! += 1;
    for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
    const fill = start.slice(0, groups);
    const order = new Int32Array(this.pairs);
    for (let p = 0; p < this.pairs; p++) order[fill[d[p * S + GROUP]!]!++] = p;
    return { start, order };
  }

  /** Appends an entry: `count` exchanges of `key` in group (account * KINDS + kind) between first and last, the lowest id `example`. */
  append(group: number, key: number, count: number, first: number, last: number, example: number): void {
    const p = this.pairs++;
    if ((p + 1) * S > this.d.length) this.grow();
    const o = p * S;
    const e = this.d;
    e[o + KEY] = key;
    e[o + COUNT] = count;
    e[o + FIRST] = first;
    e[o + LAST] = last;
    e[o + EXAMPLE] = example;
    e[o + GROUP] = group;
  }

  /** Gives the arrays' memory back (the table is empty: call after spill); it grows again if used. */
  shrink(): void {
    if (this.pairs !== 0) throw new Error('shrink: the pair table is not empty');
    this.d = new Float64Array((1 << 12) * S);
    this.gKey = new Float64Array(256);
    this.gCount = new Float64Array(256);
    this.gFirst = new Float64Array(256);
    this.gLast = new Float64Array(256);
    this.gExample = new Float64Array(256);
    this.index.shrink();
  }

  private grow(): void {
    // not far past maxPairs (a batch's pairs go in before the caller flushes): doubling 2.5M
    // pairs to 4.2M held 85 MB for nothing
    const n = this.d.length / S;
    this.d = grown(this.d, (n < this.maxPairs ? Math.min(n * 2, this.maxPairs + 65_536) : n * 2) * S);
  }

  /**
   * Appends the pairs to `runs` as one sorted run of (account, kind) groups and empties the
   * table. `accounts` bounds the account ids held. Within a group the entries of one pair are
   * merged (counts added, first/last widened, the lowest example kept) and the pairs come in the
   * order of their first entries: what a table finding each pair held, in the order it made them.
   */
  spill(runs: SpillRuns, accounts: number): void {
    if (this.pairs > 0) {
      // grouped by (account, kind), entry order kept within a group
      const groups = accounts * KINDS;
      const d = this.d;
      const { start, order } = this.groupOrder(accounts);
      runs.begin();
      for (let g = 0; g < groups; g++) {
        const s = start[g]!;
        const n = start[g + 1]! - s;
        if (n === 0) continue;
        if (n === 1) {
          // one entry (most groups): as it is
          const at = runs.groupAt(Math.floor(g / KINDS), g % KINDS, 1);
          const out = runs.buffer;
          const o = order[s]! * S;
          out[at] = d[o + KEY]!;
          out[at + 1] = d[o + COUNT]!;
          out[at + 2] = d[o + FIRST]!;
          out[at + 3] = d[o + LAST]!;
          out[at + 4] = d[o + EXAMPLE]!;
          continue;
        }
        const m = this.merge(order, s, n);
        const at = runs.groupAt(Math.floor(g / KINDS), g % KINDS, m);
        const out = runs.buffer;
        const { gKey, gCount, gFirst, gLast, gExample } = this;
        for (let i = 0; i < m; i++) {
          out[at + i] = gKey[i]!;
          out[at + m + i] = gCount[i]!;
          out[at + 2 * m + i] = gFirst[i]!;
          out[at + 3 * m + i] = gLast[i]!;
          out[at + 4 * m + i] = gExample[i]!;
        }
      }
      runs.end();
    }
    this.pairs = 0;
  }

  /** The distinct pairs of the n entries order[s..s+n) of one group, into gKey .. gExample; their number. */
  private merge(order: Int32Array, s: number, n: number): number {
    if (n > this.gKey.length) {
      let cap = this.gKey.length;
      while (cap < n) cap *= 2;
      this.gKey = new Float64Array(cap);
      this.gCount = new Float64Array(cap);
      this.gFirst = new Float64Array(cap);
      this.gLast = new Float64Array(cap);
      this.gExample = new Float64Array(cap);
    }
    const d = this.d;
    const gKey = this.gKey;
    let m = 0;
    if (n <= SCAN_DEDUP) {
      for (let i = 0; i < n; i++) {
        const o = order[s + i]! * S;
        const key = d[o + KEY]!;
        let q = 0;
        while (q < m && gKey[q] !== key) q++;
        if (q === m) this.open(m++, o);
        else this.absorb(q, o);
      }
      return m;
    }
    const index = this.index;
    index.reserve(n);
    for (let i = 0; i < n; i++) {
      const o = order[s + i]! * S;
      const key = d[o + KEY]!;
      const q = index.find(key);
      if (q < 0) {
        index.add(key, m);
        this.open(m++, o);
      } else this.absorb(q, o);
    }
    // empty the index for the next group (only the slots this one used)
    index.clear(gKey, m);
    return m;
  }

  /** Adds the entry at offset o into the group's distinct pair q. */
  /** Pair q of the group starts as entry o. */
  private open(q: number, o: number): void {
    const d = this.d;
    this.gKey[q] = d[o + KEY]!;
    this.gCount[q] = d[o + COUNT]!;
    this.gFirst[q] = d[o + FIRST]!;
    this.gLast[q] = d[o + LAST]!;
    this.gExample[q] = d[o + EXAMPLE]!;
  }

  private absorb(q: number, o: number): void {
    const d = this.d;
    this.gCount[q]! += d[o + COUNT]!;
    if (d[o + FIRST]! < this.gFirst[q]!) this.gFirst[q] = d[o + FIRST]!;
    if (d[o + LAST]! > this.gLast[q]!) this.gLast[q] = d[o + LAST]!;
    if (d[o + EXAMPLE]! < this.gExample[q]!) this.gExample[q] = d[o + EXAMPLE]!;
  }
}
