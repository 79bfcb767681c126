// Engine, job thread. An exact map from strings to ids held in typed arrays, not in the heap:
// the strings' UTF-16 code units in fixed-size chunks (never copied as they grow), an
// open-addressing index over their hashes beside them. A JavaScript Map of strings costs about 280
// bytes of heap a string (the text, its entry, the collector's headroom) and every full collection
// marks it; here a string of 25 characters costs about 70 bytes, off the heap. Pure.

/** Code units per chunk of text (a string longer than this gets a chunk of its own size). */
const CHUNK_UNITS = 1 << 20;

/** Entries and slots the arrays start with (they double as strings come). */
const INITIAL_ENTRIES = 1 << 14;

export class StringIds {
  /** per slot, side by side (a probe is one cache miss): the string's hash, its entry + 1 (0: empty) */
  private slots = new Int32Array(4 * INITIAL_ENTRIES);
  private mask = 2 * INITIAL_ENTRIES - 1;
  /** per entry: its chunk, its first code unit there, its length, its id */
  private chunkOf = new Int32Array(INITIAL_ENTRIES);
  private startOf = new Int32Array(INITIAL_ENTRIES);
  private lengthOf = new Int32Array(INITIAL_ENTRIES);
  private idOf = new Float64Array(INITIAL_ENTRIES);
  private chunks: Uint16Array[] = [];
  /** code units used in the last chunk */
  private used = CHUNK_UNITS;
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
  ) {}

  /** Bytes held (for tests and figures). */
  get bytes(): number {
    return this.slots.byteLength + 20 * this.chunkOf.length + this.chunks.reduce((s, c) => s + c.byteLength, 0);
  }

  /** The id of `s`, or -1 when it has none; after -1, `put` gives it one. */
  get(s: string): number {
    const h = hashString(s, this.seed);
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
    if (e >= this.chunkOf.length) this.growEntries();
    const { chunk, start } = this.room(s.length);
    const text = this.chunks[chunk]!;
    for (let i = 0; i < s.length; i++) text[start + i] = s.charCodeAt(i);
    this.units += s.length;
    this.chunkOf[e] = chunk;
    this.startOf[e] = start;
    this.lengthOf[e] = s.length;
    this.idOf[e] = id;
    this.slots[2 * this.missedSlot] = this.missedHash;
    this.slots[2 * this.missedSlot + 1] = e + 1;
    // at most half full: probes stay short
    if (2 * this.size > this.mask + 1) this.rehash();
    return true;
  }

  clear(): void {
    this.slots = new Int32Array(4 * INITIAL_ENTRIES);
    this.mask = 2 * INITIAL_ENTRIES - 1;
    this.chunkOf = new Int32Array(INITIAL_ENTRIES);
    this.startOf = new Int32Array(INITIAL_ENTRIES);
    this.lengthOf = new Int32Array(INITIAL_ENTRIES);
    this.idOf = new Float64Array(INITIAL_ENTRIES);
    this.chunks = [];
    this.used = CHUNK_UNITS;
    this.units = 0;
    this.size = 0;
    this.missed = null;
  }

  /** Whether entry e holds exactly the code units of `s`. */
  private holds(e: number, s: string): boolean {
    const n = this.lengthOf[e]!;
    if (n !== s.length) return false;
    const text = this.chunks[this.chunkOf[e]!]!;
    const start = this.startOf[e]!;
    for (let i = 0; i < n; i++) if (text[start + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Where `n` code units go: the end of the last chunk, or a new chunk. */
  private room(n: number): { chunk: number; start: number } {
    const last = this.chunks.length - 1;
    if (last >= 0 && this.used + n <= this.chunks[last]!.length) {
      const start = this.used;
      this.used += n;
      return { chunk: last, start };
    }
    this.chunks.push(new Uint16Array(Math.max(CHUNK_UNITS, n)));
    this.used = n;
    return { chunk: this.chunks.length - 1, start: 0 };
  }

  private growEntries(): void {
    const n = 2 * this.chunkOf.length;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.chunkOf = grow(this.chunkOf, (k) => new Int32Array(k));
    this.startOf = grow(this.startOf, (k) => new Int32Array(k));
    this.lengthOf = grow(this.lengthOf, (k) => new Int32Array(k));
    this.idOf = grow(this.idOf, (k) => new Float64Array(k));
  }

  /** Doubles the slots, placing each entry again by its stored hash (no string is hashed again). */
  private rehash(): void {
    const old = this.slots;
    const size = 2 * (this.mask + 1);
    const slots = new Int32Array(2 * size);
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
    this.slots = slots;
    this.mask = mask;
  }
}

/** A 32-bit hash of the string's code units from `seed` (FNV-1a steps, then a final avalanche). */
export function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
