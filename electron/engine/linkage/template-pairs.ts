// Engine, job worker. The raw prompt templates each account used, kept apart from the generic
// value table: templates are nearly unique per exchange for ordinary users (tens of millions of
// (account, template) pairs, millions of distinct keys), yet only their near-duplicate FAMILIES
// shared between accounts can link anyone. So collect keeps only the distinct keys here (an
// open-addressing hash over typed arrays, no strings, no value objects) and how many accounts
// used each; derive finds the families and reads the details (counts, times, example rows) a
// second time, for the templates of families that two or more pairs fall in only.
import { grown } from './typed-arrays';

/** Distinct template keys (aggregates/kinds.ts templateKey) in order of first appearance: an
 * open-addressing hash over typed arrays (no strings, no boxed numbers). */
export class TemplateKeyIndex {
  /** distinct template keys (aggregates/kinds.ts templateKey), in order of first appearance */
  keys = new Float64Array(1 << 12);
  nKeys = 0;
  /** per slot: the key, then its index + 1 (0: empty), side by side: a probe is one cache miss
   * (tens of millions of look-ups into a table of millions of keys at the reported scale) */
  protected slots: Float64Array;
  protected mask: number;

  /** `expectedKeys`: room made at once for that many keys (no rehash until then) */
  constructor(expectedKeys = 0) {
    let size = 1 << 13;
    while (size < 2 * expectedKeys && size < 1 << 26) size *= 2;
    this.slots = new Float64Array(2 * size);
    if (expectedKeys > this.keys.length) this.keys = new Float64Array(Math.ceil(expectedKeys));
    this.mask = size - 1;
  }
  protected static hash(key: number): number {
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) | 0;
    return (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ (lo >>> 15), 0x85ebca77)) >>> 0;
  }

  /** Index of a key in `keys`, added when new. */
  keyIndex(key: number): number {
    if (this.mask < 0) throw new Error('template keys: the look-up index was dropped');
    const slots = this.slots;
    let s = TemplateKeyIndex.hash(key) & this.mask;
    for (;;) {
      const i1 = slots[2 * s + 1]!;
      if (i1 === 0) break;
      if (slots[2 * s] === key) return i1 - 1;
      s = (s + 1) & this.mask;
    }
    const i = this.nKeys++;
    if (i >= this.keys.length) {
      const k = new Float64Array(this.keys.length * 2);
      k.set(this.keys);
      this.keys = k;
    }
    this.keys[i] = key;
    slots[2 * s] = key;
    slots[2 * s + 1] = i + 1;
    if (this.nKeys * 2 > this.mask + 1) this.rehash();
    return i;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Float64Array(2 * size);
    this.mask = size - 1;
    for (let i = 0; i < this.nKeys; i++) {
      const key = this.keys[i]!;
      let s = TemplateKeyIndex.hash(key) & this.mask;
      while (slots[2 * s + 1] !== 0) s = (s + 1) & this.mask;
      slots[2 * s] = key;
      slots[2 * s + 1] = i + 1;
    }
    this.slots = slots;
  }

  /** Index of a key already seen, else -1. */
  find(key: number): number {
    if (this.mask < 0) throw new Error('template keys: the look-up index was dropped');
    let s = TemplateKeyIndex.hash(key) & this.mask;
    for (;;) {
      const i1 = this.slots[2 * s + 1]!;
      if (i1 === 0 || this.slots[2 * s] === key) return i1 - 1;
      s = (s + 1) & this.mask;
    }
  }

  /**
   * Lets go of the look-up index once every key is in (keyIndex and find throw after it), and
   * trims `keys` to them: the index is the largest part (at the reported scale 16.7 million
   * slots, 268 MB, for 5.7 million keys), and nothing looks keys up after collect's first read.
   */
  protected dropIndex(): void {
    this.slots = new Float64Array(0);
    this.mask = -1;
    if (this.keys.length > this.nKeys) this.keys = this.keys.slice(0, this.nKeys);
  }

  protected releaseKeys(): void {
    this.keys = new Float64Array(0);
    this.slots = new Float64Array(2);
    this.mask = 0;
    this.nKeys = 0;
  }
}

/** Keys probed together by TemplateKeys.seeKeys. */
const SEE_BATCH = 64;

/** Each account's template rows as collect reads them: the rows' (n * 16 + kind) in (kind, seq)
 * order and their data blobs concatenated (per row: n keys, n counts, n first, n last, n examples). */
export type AccountRowsReader = (each: (account: number, meta: readonly number[], data: Float64Array) => void) => void;

/**
 * What collect keeps of the templates: the distinct keys in order of first appearance (the family
 * search's input) and, per key, how many (account, key) pairs hold it. The pairs' details are read
 * again by `reread` (derive needs them only for the few keys in shared families).
 */
export class TemplateKeys extends TemplateKeyIndex {
  /** per key: (account, key) pairs (filled at the end of readKeys) */
  pairsOf = new Int32Array(0);
  /** while reading, per key side by side (one cache miss): pairs so far, and the last account
   * that used it (dense index + 1), which merges one account's rows */
  private perKey = new Int32Array(2 << 12);
  /** (account, key) pairs in all */
  pairs = 0;
  /** each observation's key index, in read order: a second read (`reread`, same order) takes the
   * keys from here instead of hashing them again */
  rawKey = new Int32Array(1 << 12);
  raw = 0;

  /** rows read so far, kept while they fit in `keepBytes` (then dropped: `reread` asks SQLite again) */
  private kept: { account: number; meta: readonly number[]; data: Float64Array }[] | null;
  private keptBytes = 0;

  /** `observations`: (account, key) rows to be read (an upper bound of the distinct keys): the
   * hash is made for a quarter of them at once, not grown by rehashing from small, which cost a
   * quarter of the read at the reported scale (5.7 million keys in 20 million rows); for all of
   * them up to two million (32 MB of slots): a million exchanges had 688,213 distinct keys in
   * 936,743 rows, and the two rehashes from a quarter cost a fifth of the read */
  constructor(
    private readonly read: AccountRowsReader,
    private readonly keepBytes = 0,
    observations = 0,
    /** the rows with only their keys (per row: n keys), for a first read that does not keep them */
    private readonly readKeysOnly: AccountRowsReader | null = null,
  ) {
    super(Math.min(observations, Math.max(observations / 4, 1 << 21)));
    this.kept = keepBytes > 0 ? [] : null;
    // made for all of them at once (grown by doubling, the last copies linger until a full collection)
    this.rawKey = new Int32Array(Math.max(1 << 12, observations));
    this.perKey = new Int32Array(2 * this.keys.length);
  }

  /** Reads the rows (from memory when they were small enough to keep, else from SQLite again). */
  reread(each: (account: number, meta: readonly number[], data: Float64Array) => void): void {
    if (this.kept) for (const r of this.kept) each(r.account, r.meta, r.data);
    else this.read(each);
  }

  /** The first read: every key seen; the rows kept for `reread` while they fit. */
  readKeys(onAccount: () => void = () => {}): void {
    // rows not kept: only their keys are read (a fifth of the bytes; a gigabyte less to copy out
    // of SQLite at the reported scale)
    const keysOnly = this.kept === null && this.readKeysOnly !== null;
    const stride = keysOnly ? 1 : 5;
    (keysOnly ? this.readKeysOnly! : this.read)((a, meta, data) => {
      onAccount();
      let off = 0;
      for (const m of meta) {
        const rows = (m - (m % 16)) / 16;
        this.seeKeys(a, data, off, rows);
        off += stride * rows;
      }
      if (this.kept) {
        this.keptBytes += data.byteLength;
        if (this.keptBytes <= this.keepBytes) this.kept.push({ account: a, meta, data });
        else this.kept = null;
      }
    });
    this.pairsOf = new Int32Array(this.nKeys);
    for (let k = 0; k < this.nKeys; k++) this.pairsOf[k] = this.perKey[2 * k]!;
    // only this read needs them (hundreds of megabytes at the reported scale, held through the
    // other aggregates' read and derive until now)
    this.perKey = new Int32Array(0);
    this.dropIndex();
  }

  /** keeps the touching loads of seeKeys from being optimised away */
  private touched = 0;
  private batchKey = new Int32Array(SEE_BATCH);

  /**
   * `see` for the keys data[from .. from + count) of one account, in that order. The hash probes
   * and per-key counts are random reads into tables of tens of megabytes (a cache miss each): a
   * batch's slots are read first in a loop without dependences (the processor overlaps those
   * misses), then probed in order; likewise the counts of the keys found.
   */
  seeKeys(account: number, data: Float64Array, from: number, count: number): void {
    const batchKey = this.batchKey;
    for (let b = 0; b < count; b += SEE_BATCH) {
      const e = Math.min(count, b + SEE_BATCH);
      let touched = 0;
      const slots = this.slots;
      const mask = this.mask;
      for (let i = b; i < e; i++) touched += slots[2 * (TemplateKeys.hash(data[from + i]!) & mask) + 1]!;
      if (this.raw + (e - b) > this.rawKey.length) this.rawKey = grown(this.rawKey, Math.max(2 * this.rawKey.length, this.raw + (e - b)));
      for (let i = b; i < e; i++) {
        const k = this.keyIndex(data[from + i]!);
        batchKey[i - b] = k;
        this.rawKey[this.raw++] = k;
      }
      if (2 * this.keys.length > this.perKey.length) this.perKey = grown(this.perKey, 2 * this.keys.length);
      const perKey = this.perKey;
      for (let j = 0; j < e - b; j++) touched += perKey[2 * batchKey[j]! + 1]!;
      this.touched = touched;
      const mark = account + 1;
      for (let j = 0; j < e - b; j++) {
        const k = batchKey[j]!;
        if (perKey[2 * k + 1] === mark) continue;
        perKey[2 * k + 1] = mark;
        perKey[2 * k]! += 1;
        this.pairs++;
      }
    }
  }

  /** One (account, key) observation; accounts come one after another (all rows of one, then the next). */
  see(account: number, key: number): void {
    const k = this.keyIndex(key);
    if (this.raw >= this.rawKey.length) this.rawKey = grown(this.rawKey, this.rawKey.length * 2);
    this.rawKey[this.raw++] = k;
    if (2 * k >= this.perKey.length) this.perKey = grown(this.perKey, 2 * this.keys.length);
    if (this.perKey[2 * k + 1] === account + 1) return;
    this.perKey[2 * k + 1] = account + 1;
    this.perKey[2 * k]! += 1;
    this.pairs++;
  }

  release(): void {
    this.releaseKeys();
    this.kept = null;
    this.pairsOf = new Int32Array(0);
    this.perKey = new Int32Array(0);
    this.rawKey = new Int32Array(0);
    this.raw = 0;
    this.pairs = 0;
  }
}

/** (account, template) pairs with their counts and times: the reference collect in the tests keeps
 * them all (the analysis keeps only the keys, TemplateKeys). */
export class TemplatePairs extends TemplateKeyIndex {
  // pairs
  acc = new Int32Array(1 << 12);
  /** index into `keys` */
  tk = new Int32Array(1 << 12);
  count = new Int32Array(1 << 12);
  first = new Float64Array(1 << 12);
  last = new Float64Array(1 << 12);
  example = new Float64Array(1 << 12);
  n = 0;

  /** A new (account, template) pair; returns its index. */
  append(account: number, key: number, count: number, first: number, last: number, example: number): number {
    const q = this.n++;
    if (q >= this.acc.length) this.grow();
    this.acc[q] = account;
    this.tk[q] = this.keyIndex(key);
    this.count[q] = count;
    this.first[q] = first;
    this.last[q] = last;
    this.example[q] = example;
    return q;
  }

  /** More observations of pair q (a later import's aggregate row). */
  merge(q: number, count: number, first: number, last: number, example: number): void {
    this.count[q]! += count;
    if (!(first >= this.first[q]!)) this.first[q] = Number.isNaN(first) ? this.first[q]! : first;
    if (!(last <= this.last[q]!)) this.last[q] = Number.isNaN(last) ? this.last[q]! : last;
    if (example >= 0 && (example < this.example[q]! || this.example[q]! < 0)) this.example[q] = example;
  }

  /** Drops everything (derive is done with the raw templates; at the reported scale they are
   * over a gigabyte the later phases should not carry). */
  release(): void {
    this.releaseKeys();
    this.acc = new Int32Array(0);
    this.tk = new Int32Array(0);
    this.count = new Int32Array(0);
    this.first = new Float64Array(0);
    this.last = new Float64Array(0);
    this.example = new Float64Array(0);
    this.n = 0;
  }

  private grow(): void {
    const n = this.acc.length * 2;
    this.acc = grown(this.acc, n);
    this.tk = grown(this.tk, n);
    this.count = grown(this.count, n);
    this.first = grown(this.first, n);
    this.last = grown(this.last, n);
    this.example = grown(this.example, n);
  }
}
