// Engine, ingest worker. Fast non-cryptographic 64-bit string hashing as two 32-bit halves
// (JavaScript has no cheap 64-bit integer arithmetic). Pure. Fingerprints, not security.

export interface Hash64 {
  hi: number;
  lo: number;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** 32-bit hash of a string with a seed (FNV-style core, murmur3 finaliser). */
export function hash32(s: string, seed = 0x811c9dc5): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h ^ s.length);
}

export function hash64(s: string): Hash64 {
  let a = 0x811c9dc5 | 0;
  let b = 0x6a09e667 | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return { hi: fmix32(b ^ s.length), lo: fmix32(a ^ Math.imul(s.length, 0x9e3779b1)) };
}

/** Mixes two 32-bit values into a new 32-bit value (for combining token hashes into shingles). */
export function mix32(a: number, b: number, seed: number): number {
  return fmix32(Math.imul(a ^ seed, 0xcc9e2d51) + Math.imul((b << 15) | (b >>> 17), 0x1b873593));
}

/** A signed 64-bit integer as SQLite stores it (INTEGER columns are signed 64-bit). */
export function toSigned64(h: Hash64): bigint {
  return BigInt.asIntN(64, (BigInt(h.hi >>> 0) << 32n) | BigInt(h.lo >>> 0));
}

/** 64 bits from a hex digest (e.g. a prompt_sha256 column), or null. */
export function hexTo64(hex: string): Hash64 | null {
  if (!/^[0-9a-fA-F]{16,}$/.test(hex)) return null;
  return { hi: parseInt(hex.slice(0, 8), 16) >>> 0, lo: parseInt(hex.slice(8, 16), 16) >>> 0 };
}
