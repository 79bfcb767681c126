// Engine. The bipartite account-value graph while it is being built: interned values per signal
// and one accumulator per (value, account) pair (count, first/last seen, one example exchange),
// in growable typed arrays so tens of millions of exchanges never become JS objects.
import { templateSignature } from './aggregates/kinds';
import { PairHash } from './pair-hash';
import { alloc, grown, releasableBuffer, releaseNow, roomFor } from './typed-arrays';
export interface ValueInfo {
  signal: string;
  text: string;
}

/** Where a deferred value text comes from (ValueTable.internDeferred): a strings row by id. */
export const TEXT_OF_STRING = 1;
/** A template family, by its representative's template key (familyText). */
export const TEXT_OF_FAMILY = 2;
/** No text any more: let go once the analysis knew it would not read it (value-texts.ts keepTexts). */
export const TEXT_DROPPED = 3;

/** A 64-bit signature given as unsigned 32-bit halves, as 16 hex digits. */
export function signatureHex([hi, lo]: readonly [number, number]): string {
  return hex32(hi) + hex32(lo);
}

/** Each byte's two hex digits. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** x's 32 bits as eight hex digits (a label per template family written: 600,000 at the reported scale). */
function hex32(x: number): string {
  return HEX[(x >>> 24) & 255]! + HEX[(x >>> 16) & 255]! + HEX[(x >>> 8) & 255]! + HEX[x & 255]!;
}

/** A template family's value text: its representative key's 64-bit signature in hex (exact: a
 * decimal through a JS number would round it; the form `explain` matches prompt samples against). */
export function familyText(key: number): string {
  return `family ${signatureHex(templateSignature(key))}`;
}

export class ValueTable {
  readonly values: ValueInfo[] = [];
  /** per signal: text -> value (no concatenated key strings to build and hash) */
  private byKey = new Map<string, Map<string, number>>();
  // pair accumulators
  pv: Int32Array;
  pa: Int32Array;
  count: Int32Array;
  first: Float64Array;
  last: Float64Array;
  /** an example exchange id per pair (-1: none): 32-bit while every id fits (they are rowids), 64-bit
   * float after the first that does not (setExample); 100 MB less at 25M pairs */
  example: Int32Array | Float64Array;
  /** pairs the first/last/example columns may grow to in place (see the constructor) */
  private readonly timesMax: number;
  pairs = 0;
  private pairIndex = new PairHash(1 << 16);
  /** per value: 1 when it holds pairs added by `append` (not in the lookup index yet); a flag
   * array, not a Set: `append` runs for tens of millions of pairs */
  private unindexed = new Uint8Array(1 << 10);
  private unindexedCount = 0;

  /**
   * `capacity`: pairs the columns are made for at first. An upper bound known in advance (collect
   * counts the aggregate rows) costs nothing beyond the pairs added, since pages of a zero-filled
   * allocation take memory only once written; growing past it copies every column (doubling), and
   * the old columns stay resident until a full garbage collection.
   */
  constructor(
    readonly accounts: number,
    capacity = 1 << 16,
  ) {
    const n = Math.max(16, capacity);
    // on shared memory: the hub structures are built from it on a worker (project-hubs-async.ts)
    this.pv = alloc(Int32Array, 4, n, true);
    this.pa = new Int32Array(n);
    this.count = new Int32Array(n);
    // The columns releaseTimes lets go of (20 bytes a pair, 600 MB at the reported scale) are on
    // releasable buffers, grown in place as pairs come (up to the capacity), so that they are
    // handed back there and then: a plain buffer waited for a full garbage collection, and the
    // projection's edges were reserved on top of it.
    const m = Math.min(n, 1 << 16);
    this.timesMax = n;
    this.first = new Float64Array(releasableBuffer(8 * m, 8 * n));
    this.last = new Float64Array(releasableBuffer(8 * m, 8 * n));
    this.example = new Int32Array(releasableBuffer(4 * m, 4 * n));
  }

  /** Room in first/last/example for pair p. */
  private timesRoom(p: number): void {
    if (p < this.first.length) return;
    // past the capacity: doubled (a copy, as the other columns)
    const max = p < this.timesMax ? this.timesMax : 2 * Math.max(p + 1, this.first.length);
    this.first = roomFor(this.first, p + 1, max);
    this.last = roomFor(this.last, p + 1, max);
    this.example = roomFor(this.example, p + 1, max);
  }

  /** Sets pair p's example exchange, widening the column first when x is no 32-bit integer. */
  setExample(p: number, x: number): void {
    if (x !== (x | 0) && this.example instanceof Int32Array) this.example = Float64Array.from(this.example);
    this.example[p] = x;
  }

  /** signals with values added by `internNew` that are not in the look-up map yet */
  private unkeyed = new Set<string>();

  /**
   * Per value: where its text comes from while it is deferred (0: `text` holds it; TEXT_OF_*),
   * and that source's key. Most texts are never read: the write stores only values held by two or
   * more accounts, so collect and derive add values of string kinds and template families with
   * their source only, and value-texts.ts fills the texts that are read (at the reported scale a
   * million strings less on the heap through projection and clustering).
   */
  deferredFrom = new Uint8Array(1 << 10);
  deferredKey = new Float64Array(1 << 10);
  /** values whose text is still deferred */
  deferredCount = 0;

  /** Grows the deferred-text columns (doubling) to hold value v. */
  private deferredRoom(v: number): void {
    if (v < this.deferredFrom.length) return;
    let n = this.deferredFrom.length;
    while (n <= v) n *= 2;
    this.deferredFrom = grown(this.deferredFrom, n);
    this.deferredKey = grown(this.deferredKey, n);
  }

  /** A new value (as internNew) whose text is read later from (`from`, `key`): see deferredFrom. */
  internDeferred(signal: string, from: number, key: number): number {
    const v = this.internNew(signal, '');
    this.deferredRoom(v);
    this.deferredFrom[v] = from;
    this.deferredKey[v] = key;
    this.deferredCount++;
    return v;
  }

  /** Value v's text. A deferred family label is made here, each time (600,000 of them at the
   * reported scale are read once, by the write); a deferred strings row must have been filled
   * (value-texts.ts fillDeferredTexts). */
  text(v: number): string {
    const f = v < this.deferredFrom.length ? this.deferredFrom[v]! : 0;
    if (f === 0) return this.values[v]!.text;
    if (f === TEXT_OF_FAMILY) return familyText(this.deferredKey[v]!);
    throw new Error(`value table: the text of value ${v} (${this.values[v]!.signal}) was not read`);
  }

  /**
   * Lets go of value v's object and text (value-texts.ts keepTexts): its slot then holds `shared`,
   * an object of the same signal, and `text(v)` throws. Projection and scoring read only signals.
   */
  dropText(v: number, shared: ValueInfo): void {
    this.deferredRoom(v);
    if (this.deferredFrom[v] === 0) this.deferredCount++;
    this.deferredFrom[v] = TEXT_DROPPED;
    this.values[v] = shared;
  }

  /** Sets a value's text (value-texts.ts), which is then no longer deferred. */
  setText(v: number, text: string): void {
    this.values[v]!.text = text;
    if (v < this.deferredFrom.length && this.deferredFrom[v] !== 0) {
      this.deferredFrom[v] = 0;
      this.deferredCount--;
    }
  }

  /**
   * A value the caller knows is new (collect keeps its own key -> value maps): added without the
   * text look-up map, which costs more than anything else for hundreds of thousands of prompt
   * templates. A later `intern` of the same signal keys them first.
   */
  internNew(signal: string, text: string): number {
    this.unkeyed.add(signal);
    this.values.push({ signal, text });
    return this.values.length - 1;
  }

  intern(signal: string, text: string): number {
    let m = this.byKey.get(signal);
    if (!m) this.byKey.set(signal, (m = new Map()));
    if (this.unkeyed.size > 0 && this.unkeyed.has(signal)) {
      const keyed = m;
      const from = this.deferredFrom;
      this.values.forEach((x, v) => {
        if (x.signal !== signal) return;
        // a value without its text cannot be matched by text
        if (v < from.length && from[v] !== 0) throw new Error(`value table: intern('${signal}') while texts of that signal are deferred`);
        keyed.set(x.text, v);
      });
      this.unkeyed.delete(signal);
    }
    let v = m.get(text);
    if (v === undefined) {
      v = this.values.length;
      this.values.push({ signal, text });
      m.set(text, v);
    }
    return v;
  }

  /**
   * A pair known to be new (aggregates hold each (account, value) once): stored without the
   * lookup index, which is the costliest part of `add`. A later `add` on such a value indexes
   * its pairs first, so merging stays correct.
   */
  append(value: number, account: number, count: number, first: number, last: number, example: number): number {
    const p = this.pairs++;
    if (p >= this.pv.length) this.grow();
    if (p >= this.first.length) this.timesRoom(p);
    this.pv[p] = value;
    this.pa[p] = account;
    this.count[p] = count;
    this.first[p] = first;
    this.last[p] = last;
    this.setExample(p, example);
    if (value >= this.unindexed.length) {
      let n = this.unindexed.length;
      while (n <= value) n *= 2;
      const u = new Uint8Array(n);
      u.set(this.unindexed);
      this.unindexed = u;
    }
    if (this.unindexed[value] === 0) {
      this.unindexed[value] = 1;
      this.unindexedCount++;
    }
    return p;
  }

  /** Indexes every appended pair in one pass (the first `add` that touches an appended value). */
  private indexAppended(): void {
    const vals = this.unindexed;
    this.unindexed = new Uint8Array(vals.length);
    this.unindexedCount = 0;
    for (let q = 0; q < this.pairs; q++) if (vals[this.pv[q]!] === 1) this.pairIndex.getOrAdd(this.pv[q]!, this.pa[q]!, q);
  }

  /** Adds one observation; returns the pair index (callers may cache it per account). */
  add(value: number, account: number, ts: number | null, example: number, times = 1): number {
    if (this.unindexedCount > 0 && this.unindexed[value] === 1) this.indexAppended();
    let p = this.pairIndex.getOrAdd(value, account, this.pairs);
    if (p < 0) {
      p = this.pairs++;
      if (p >= this.pv.length) this.grow();
      if (p >= this.first.length) this.timesRoom(p);
      this.pv[p] = value;
      this.pa[p] = account;
      this.count[p] = 0;
      this.first[p] = ts ?? NaN;
      this.last[p] = ts ?? NaN;
      this.setExample(p, example);
    }
    this.bump(p, ts, times);
    return p;
  }

  bump(p: number, ts: number | null, times = 1): void {
    this.count[p]! += times;
    if (ts !== null) {
      const f = this.first[p]!;
      if (Number.isNaN(f) || ts < f) this.first[p] = ts;
      const l = this.last[p]!;
      if (Number.isNaN(l) || ts > l) this.last[p] = ts;
    }
  }

  private grow(): void {
    // doubling: growing by less left more dead arrays for the garbage collector (it frees them
    // late, at a full collection): at the reported scale the resident size rose by a gigabyte
    const n = this.pv.length * 2;
    this.pv = grown(this.pv, n);
    this.pa = grown(this.pa, n);
    this.count = grown(this.count, n);
  }

  /** Drops the lookup index once collection is over (it is the largest structure). */
  seal(): void {
    this.pairIndex = new PairHash(1);
    this.byKey = new Map();
    this.unindexed = new Uint8Array(1);
    this.unindexedCount = 0;
    this.unkeyed = new Set();
    this.sealed = true;
  }

  /**
   * Lets go of the first/last seen and example columns once nothing reads them any more (the
   * analysis, after writing each account's packed values: persist.ts): 20 bytes a pair, half a
   * gigabyte at the reported scale, handed back at once (their buffers are releasable; a column
   * copied out of one, past the capacity or widened by setExample, waits for V8's collection).
   * After seal() only: nothing adds pairs then.
   */
  releaseTimes(): void {
    this.releaseExamples();
    for (const x of [this.first, this.last]) releaseNow(x.buffer);
    this.first = new Float64Array(0);
    this.last = new Float64Array(0);
  }

  /** Lets go of the example column alone (as releaseTimes), first/last seen still read. */
  releaseExamples(): void {
    if (!this.sealed) throw new Error('value table: releaseTimes() before seal()');
    releaseNow(this.example.buffer);
    this.example = new Int32Array(0);
  }

  private sealed = false;
  private accountIndex: { start: Int32Array; order: Int32Array } | null = null;

  /**
   * The pairs of each account, a CSR (pairs of account a are order[start[a] .. start[a+1]), in
   * the order they were added). Built once, after seal(): weighing and scoring both read it.
   */
  byAccount(): { start: Int32Array; order: Int32Array } {
    if (!this.sealed) throw new Error('value table: byAccount() before seal()');
    if (this.accountIndex) return this.accountIndex;
    const n = this.accounts;
    // on shared memory, as pv
    const start = alloc(Int32Array, 4, n + 1, true);
    for (let q = 0; q < this.pairs; q++) start[this.pa[q]! + 1]! += 1;
    for (let a = 0; a < n; a++) start[a + 1]! += start[a]!;
    const fill = start.slice(0, n);
    const order = alloc(Int32Array, 4, this.pairs, true);
    for (let q = 0; q < this.pairs; q++) order[fill[this.pa[q]!]!++] = q;
    this.accountIndex = { start, order };
    return this.accountIndex;
  }
}
