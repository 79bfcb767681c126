// Engine. Open-addressing hash from a pair of non-negative int32 keys to a dense index, in typed
// arrays: the value table and edge projection look up millions of (value, account) and
// (account, account) pairs, and a JS Map keyed by numbers spends most of that time allocating
// and collecting. The caller owns the pair storage; this only maps keys to indices.
export class PairHash {
  private slots: Int32Array;
  private ka: Int32Array;
  private kb: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1 << 12) {
    let cap = 1 << 4;
    while (cap < expected * 2) cap <<= 1;
    this.slots = new Int32Array(cap).fill(-1);
    this.ka = new Int32Array(cap);
    this.kb = new Int32Array(cap);
    this.mask = cap - 1;
  }

  private static hash(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return (h ^ (h >>> 13)) >>> 0;
  }

  /** The index stored for (a, b), or -1. */
  get(a: number, b: number): number {
    let i = PairHash.hash(a, b) & this.mask;
    for (;;) {
      const s = this.slots[i]!;
      if (s < 0) return -1;
      if (this.ka[i] === a && this.kb[i] === b) return s;
      i = (i + 1) & this.mask;
    }
  }

  /** The index stored for (a, b); when absent stores `next` and returns -1 - next. */
  getOrAdd(a: number, b: number, next: number): number {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    let i = PairHash.hash(a, b) & this.mask;
    for (;;) {
      const s = this.slots[i]!;
      if (s < 0) {
        this.slots[i] = next;
        this.ka[i] = a;
        this.kb[i] = b;
        this.size++;
        return -1 - next;
      }
      if (this.ka[i] === a && this.kb[i] === b) return s;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    const oa = this.ka;
    const ob = this.kb;
    const cap = old.length * 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.ka = new Int32Array(cap);
    this.kb = new Int32Array(cap);
    this.mask = cap - 1;
    for (let j = 0; j < old.length; j++) {
      const s = old[j]!;
      if (s < 0) continue;
      let i = PairHash.hash(oa[j]!, ob[j]!) & this.mask;
      while (this.slots[i]! >= 0) i = (i + 1) & this.mask;
      this.slots[i] = s;
      this.ka[i] = oa[j]!;
      this.kb[i] = ob[j]!;
    }
  }
}
