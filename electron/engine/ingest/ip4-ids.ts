// Engine, job thread. The string ids of IPv4 addresses and their /24 prefixes, found by the
// address as a number. The parse workers send a canonical IPv4 address as its number, not as a
// dictionary entry: API traffic from proxy pools holds hundreds of thousands of distinct addresses,
// which filled each worker's dictionary (it then starts over, and every memo's ids lapse) and made
// each row hash a fresh string into a Map of a quarter of a million entries. A bench of 28.8M rows
// with 600,000 addresses spent a fifth of the parse workers' time there, and nearly none at 1M
// rows with 21,000. Here an address costs one probe of an integer table. Pure but for `intern`.
import { v4PrefixText, v4Text } from './normalise/ip';

/** 2M slots at most (32 MB): a million addresses before the table starts over (their ids are then interned again). */
const MAX_BITS = 21;
const INITIAL_BITS = 14;
/** Int32 fields of a slot, side by side so that a probe reads one cache line: the address, its
 * string id + 1 (0: an empty slot), its prefix's string id + 1, unused */
const F = 4;

export class Ip4Ids {
  private slots!: Int32Array;
  private bits = 0;
  private count = 0;
  /** the ids found by the last `find` */
  ipId = -1;
  prefixId = -1;

  /** `intern`: the case's string id of a text, stored if new (CaseStrings.intern). */
  constructor(
    private readonly intern: (text: string) => number,
    private readonly maxBits = MAX_BITS,
    initialBits = INITIAL_BITS,
  ) {
    this.allocate(Math.min(initialBits, maxBits));
  }

  /** Sets ipId and prefixId for the address numbered `key` (canonicalV4Key's number, any sign). */
  find(key: number): void {
    const k = key | 0;
    const o = this.slot(k);
    const slots = this.slots;
    if (slots[o + 1] === 0) {
      if (this.count >= (1 << this.bits) >>> 1) {
        // half full: twice the room, or, at the largest size, start over
        if (this.bits < this.maxBits) this.grow();
        else this.allocate(this.bits);
        return this.find(k);
      }
      slots[o] = k;
      slots[o + 1] = this.intern(v4Text(k)) + 1;
      slots[o + 2] = this.intern(v4PrefixText(k)) + 1;
      this.count++;
    }
    this.ipId = slots[o + 1]! - 1;
    this.prefixId = slots[o + 2]! - 1;
  }

  /** The offset of the slot holding `k`, or of the empty slot where it goes (linear probing). */
  private slot(k: number): number {
    const slots = this.slots;
    const mask = (1 << this.bits) - 1;
    let i = Math.imul(k, 0x9e3779b1) >>> (32 - this.bits);
    while (slots[F * i + 1] !== 0 && slots[F * i] !== k) i = (i + 1) & mask;
    return F * i;
  }

  private allocate(bits: number): void {
    this.bits = bits;
    this.slots = new Int32Array(F << bits);
    this.count = 0;
  }

  private grow(): void {
    const old = this.slots;
    this.allocate(this.bits + 1);
    for (let j = 0; j < old.length; j += F) {
      if (old[j + 1] === 0) continue;
      const o = this.slot(old[j]!);
      this.slots.set(old.subarray(j, j + F), o);
      this.count++;
    }
  }
}
