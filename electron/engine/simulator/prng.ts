// Engine, simulator (any thread). Seeded randomness: sfc32 (fast, 128-bit state, passes PractRand)
// plus a hash to derive independent streams from (seed, day, hour ...), so any slice of the data
// set can be produced on its own, in any worker, and still come out byte-identical.

/** 32-bit avalanche hash of a list of integers (murmur3 finaliser over an FNV-style fold). */
export function mix(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    h = Math.imul(h, 0x297a2d39);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** Hash of a short string, for deriving per-name streams. */
export function hashString(s: string): number {
  let h = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x85ebca6b);
  return mix(h);
}

const HEX = '0123456789abcdef';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seedParts: number[]) {
    this.a = mix(1, ...seedParts);
    this.b = mix(2, ...seedParts);
    this.c = mix(3, ...seedParts);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** uniform unsigned 32-bit integer (sfc32) */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** uniform in [0, 1) */
  float(): number {
    return this.u32() / 4294967296;
  }

  /** uniform integer in [0, n) */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** uniform integer in [lo, hi] */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Zipf-like pick: low indexes are much more popular (weight 1/(i+1)^s). */
  zipf<T>(items: readonly T[], s = 1.1): T {
    // inverse-CDF of a continuous power law, good enough for popularity skew
    const n = items.length;
    const u = this.float();
    const i = s === 1 ? Math.floor(Math.exp(u * Math.log(n + 1))) - 1 : Math.floor(Math.pow(1 + u * (Math.pow(n + 1, 1 - s) - 1), 1 / (1 - s))) - 1;
    return items[Math.min(n - 1, Math.max(0, i))] as T;
  }

  exp(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  normal(mean = 0, sd = 1): number {
    const u = 1 - this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(this.normal(0, sigma));
  }

  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.float();
    } while (p > l);
    return k - 1;
  }

  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += HEX[this.u32() & 15];
    return s;
  }

  alnum(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += ALNUM[this.int(36)];
    return s;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(10));
    return s;
  }
}
