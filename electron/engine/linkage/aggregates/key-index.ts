// Engine, job thread and aggregate merge worker. An open-addressing index of one group's pair keys
// (integers below 2^53) to their slots, in typed arrays: the pair table's merge and the spilled
// runs' merge combine a group's entries by key with it. A Map would box every such key.

/** 32-bit hash of a pair's key. */
function hashKey(key: number): number {
  const hi = Math.floor(key / 4294967296);
  const lo = (key - hi * 4294967296) | 0;
  let h = Math.imul(lo, 0xc2b2ae3d) ^ Math.imul(hi | 0, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

export class KeyIndex {
  private keys = new Float64Array(512);
  private slots = new Int32Array(512).fill(-1);
  /** where the last find() stopped: the key's position, or the empty one add() fills */
  private pos = 0;

  /**
   * Room for `n` keys (the index at most half full). The keys held so far, `held[0..count)` for
   * slots 0..count-1, are entered again when the index grows.
   */
  reserve(n: number, held?: ArrayLike<number>, count = 0): void {
    let size = this.slots.length;
    if (size >= 2 * n) return;
    while (size < 2 * n) size *= 2;
    this.keys = new Float64Array(size);
    this.slots = new Int32Array(size).fill(-1);
    for (let q = 0; q < count; q++) {
      this.find(held![q]!);
      this.add(held![q]!, q);
    }
  }

  /** The slot of `key`, or -1 (then add() enters it). */
  find(key: number): number {
    const keys = this.keys;
    const slots = this.slots;
    const mask = slots.length - 1;
    let h = hashKey(key) & mask;
    for (;;) {
      const at = slots[h]!;
      if (at < 0 || keys[h] === key) {
        this.pos = h;
        return at;
      }
      h = (h + 1) & mask;
    }
  }

  /** Enters `key` as slot `q` where the find() of it just stopped. */
  add(key: number, q: number): void {
    this.keys[this.pos] = key;
    this.slots[this.pos] = q;
  }

  /** Empties the index of the keys `keys[0..n)` (the group's: only the positions they used). */
  clear(keys: ArrayLike<number>, n: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let q = 0; q < n; q++) {
      let h = hashKey(keys[q]!) & mask;
      while (slots[h]! >= 0) {
        slots[h] = -1;
        h = (h + 1) & mask;
      }
    }
  }

  /** Back to the smallest size (the memory of a large group given back). */
  shrink(): void {
    this.keys = new Float64Array(512);
    this.slots = new Int32Array(512).fill(-1);
  }
}
