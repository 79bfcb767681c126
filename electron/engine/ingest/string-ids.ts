// Engine, job thread. An exact map from strings to ids held in typed arrays, not in the heap: the
// strings' UTF-16 code units one after another, an open-addressing index over their hashes beside
// them. A JavaScript Map of strings costs about 280 bytes of heap a string (the text, its entry,
// the collector's headroom) and every full collection marks it; here a string of 24 characters
// costs about 90 bytes (48 of text, 20 of entry, the rest slots), off the heap. The arrays are on
// releasable buffers (linkage/typed-arrays.ts): they grow in place, and `clear` hands their memory
// back at once instead of at a garbage collection that may come much later. Pure.
import { releasableBuffer, releaseNow, roomFor } from '../linkage/typed-arrays';
import { hash32 } from './normalise/hash64';

/** Entries (and code units) the arrays start with; they grow as strings come. */
const INITIAL_ENTRIES = 1 << 14;

export class StringIds {
  /** per slot, side by side (a probe is one cache miss): the string's hash, its entry + 1 (0: empty) */
  private slots!: Int32Array;
  private mask = 0;
  /** per entry: its first code unit in `text`, its length, its id */
  private startOf!: Int32Array;
  private lengthOf!: Int32Array;
  private idOf!: Float64Array;
  private text!: Uint16Array;
  /** code units used in `text` */
  private units = 0;
  size = 0;

  /** The last string `get` missed, its hash and where its probe ended: what `put` stores. */
  private missed: string | null = null;
  private missedHash = 0;
  private missedSlot = -1;

  /**
   * `maxEntries`, `maxUnits`: how many strings (and code units in all) `put` takes before it
   * refuses. `seed`: the hash's starting state, random by default (the strings are the campaign's:
   * with a known hash they could be made to collide and turn every probe into a long scan).
   */
  constructor(
    readonly maxEntries = 1 << 22,
    readonly maxUnits = 1 << 26,
    private readonly seed = (Math.random() * 0x100000000) | 0,
  ) {
    this.reset();
  }

  /** The id of `s`, or -1 when it has none; after -1, `put` gives it one. */
  get(s: string): number {
    // signed, as the slots hold it
    const h = hash32(s, this.seed) | 0;
    const slots = this.slots;
    const mask = this.mask;
    let slot = h & mask;
    for (;;) {
      const e1 = slots[2 * slot + 1]!;
      if (e1 === 0) break;
      if (slots[2 * slot] === h && this.holds(e1 - 1, s)) return this.idOf[e1 - 1]!;
      slot = (slot + 1) & mask;
    }
    this.missed = s;
    this.missedHash = h;
    this.missedSlot = slot;
    return -1;
  }

  /**
   * Gives `id` to the string the last `get` missed (nothing may be added in between); false,
   * storing nothing, when the map is full (maxEntries or maxUnits reached).
   */
  put(id: number): boolean {
    const s = this.missed;
    if (s === null) throw new Error('string ids: put without a get that missed');
    this.missed = null;
    if (this.size >= this.maxEntries || this.units + s.length > this.maxUnits) return false;
    const e = this.size++;
    if (e >= this.idOf.length) {
      this.startOf = roomFor(this.startOf, e + 1, this.maxEntries, true);
      this.lengthOf = roomFor(this.lengthOf, e + 1, this.maxEntries, true);
      this.idOf = roomFor(this.idOf, e + 1, this.maxEntries, true);
    }
    const start = this.units;
    if (start + s.length > this.text.length) this.text = roomFor(this.text, start + s.length, this.maxUnits, true);
    const text = this.text;
    for (let i = 0; i < s.length; i++) text[start + i] = s.charCodeAt(i);
    this.units += s.length;
    this.startOf[e] = start;
    this.lengthOf[e] = s.length;
    this.idOf[e] = id;
    this.slots[2 * this.missedSlot] = this.missedHash;
    this.slots[2 * this.missedSlot + 1] = e + 1;
    // at most half full: probes stay short
    if (2 * this.size > this.mask + 1) this.rehash();
    return true;
  }

  /** Forgets every string, handing the memory that grew back now. */
  clear(): void {
    for (const a of [this.slots, this.startOf, this.lengthOf, this.idOf, this.text]) releaseNow(a.buffer);
    this.reset();
  }

  /** Forgets every string for good (the writer is done), handing the memory that grew back now,
   * and makes no arrays again. `get` finds nothing after; `put` grows the arrays again. */
  dispose(): void {
    for (const a of [this.slots, this.startOf, this.lengthOf, this.idOf, this.text]) releaseNow(a.buffer);
    // one empty slot: a probe ends at once
    this.slots = new Int32Array(2);
    this.mask = 0;
    this.startOf = new Int32Array(0);
    this.lengthOf = new Int32Array(0);
    this.idOf = new Float64Array(0);
    this.text = new Uint16Array(0);
    this.units = 0;
    this.size = 0;
    this.missed = null;
  }

  // The first arrays are plain ones, which the collector takes with the rest; grown, they become
  // releasable ones (roomFor, rehash), which clear() and dispose() hand back at once. Made
  // releasable from the start (reserving their maximum sizes, about 100 MB), then handed back,
  // they cost a small file's import a fifth of its time: CloudTrail delivers a trail as thousands
  // of files of a few kB, each an import with its writer.
  private reset(): void {
    const n = Math.min(INITIAL_ENTRIES, this.maxEntries);
    // slots are not grown in place (a rehash places every entry again): a power of two, at least
    // twice the entries
    this.slots = new Int32Array(4 * INITIAL_ENTRIES);
    this.mask = 2 * INITIAL_ENTRIES - 1;
    this.startOf = new Int32Array(n);
    this.lengthOf = new Int32Array(n);
    this.idOf = new Float64Array(n);
    this.text = new Uint16Array(Math.min(16 * n, this.maxUnits));
    this.units = 0;
    this.size = 0;
    this.missed = null;
  }

  /** Whether entry e holds exactly the code units of `s`. */
  private holds(e: number, s: string): boolean {
    const n = this.lengthOf[e]!;
    if (n !== s.length) return false;
    const text = this.text;
    const start = this.startOf[e]!;
    for (let i = 0; i < n; i++) if (text[start + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Doubles the slots, placing each entry again by its stored hash (no string is hashed again). */
  private rehash(): void {
    const old = this.slots;
    const size = 2 * (this.mask + 1);
    const slots = new Int32Array(releasableBuffer(8 * size));
    const mask = size - 1;
    for (let s = 0; s < old.length; s += 2) {
      const e1 = old[s + 1]!;
      if (e1 === 0) continue;
      const h = old[s]!;
      let slot = h & mask;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = h;
      slots[2 * slot + 1] = e1;
    }
    releaseNow(old.buffer);
    this.slots = slots;
    this.mask = mask;
  }
}
