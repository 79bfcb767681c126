// Engine. Prompt template families: near-duplicate templates found by SimHash LSH. The importer
// stores a 64-bit SimHash per exchange; two signatures within `maxDistance` bits of each other
// must agree exactly on at least one of maxDistance+1 bands (pigeonhole), so bucketing by band
// finds every candidate pair without comparing all pairs, and each candidate is verified.
import { UnionFind } from './union-find';

export function popcount32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function hamming64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return popcount32((aHi ^ bHi) >>> 0) + popcount32((aLo ^ bLo) >>> 0);
}

/** Bits [from, from+len) of the 64-bit signature (hi:lo), len <= 32, as an unsigned number. */
function band(hi: number, lo: number, from: number, len: number): number {
  const mask = len >= 32 ? 0xffffffff : (1 << len) - 1;
  if (from + len <= 32) return ((lo >>> from) & mask) >>> 0;
  if (from >= 32) return ((hi >>> (from - 32)) & mask) >>> 0;
  const lowBits = 32 - from;
  const low = lo >>> from;
  const high = hi & ((1 << (len - lowBits)) - 1);
  return low + high * 2 ** lowBits;
}

/** Largest bucket compared exhaustively; beyond it a bucket is a degenerate band (all zero ...). */
const MAX_BUCKET = 4000;

/**
 * Family representative (an index into the input) of each signature. Signatures are given as
 * unsigned 32-bit halves. Deterministic: the representative is the smallest index in the family.
 */
export function templateFamilies(hi: ArrayLike<number>, lo: ArrayLike<number>, maxDistance: number): Int32Array {
  const n = hi.length;
  const uf = new UnionFind(n);
  // k+1 bands (the last takes the remainder, at most 32 bits); k = 0 uses two exact halves
  const bands = Math.max(2, maxDistance + 1);
  const width = Math.floor(64 / bands);
  // per band: sort (band value, index) packed in one double, then compare within runs: a typed
  // sort and a scan instead of a Map of arrays (there are hundreds of thousands of templates).
  // A band too wide to pack with the index falls back to a Map of buckets.
  const shift = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
  const keys = new Float64Array(n);
  const bucket = new Int32Array(n);
  const compare = (list: ArrayLike<number>, m: number) => {
    for (let u = 0; u < m; u++) {
      const i = list[u]!;
      for (let w = u + 1; w < m; w++) {
        const j = list[w]!;
        if (hamming64(hi[i]! >>> 0, lo[i]! >>> 0, hi[j]! >>> 0, lo[j]! >>> 0) <= maxDistance) uf.union(i, j);
      }
    }
  };
  for (let bi = 0; bi < bands; bi++) {
    const from = bi * width;
    const len = bi === bands - 1 ? 64 - from : width;
    if (len > 32 || 2 ** len * shift > 2 ** 53) {
      const buckets = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        const key = len > 32 ? band(hi[i]! >>> 0, lo[i]! >>> 0, from, 32) + 2 ** 32 * band(hi[i]! >>> 0, lo[i]! >>> 0, from + 32, len - 32) : band(hi[i]! >>> 0, lo[i]! >>> 0, from, len);
        const list = buckets.get(key);
        if (list) list.push(i);
        else buckets.set(key, [i]);
      }
      for (const list of buckets.values()) if (list.length >= 2) compare(list, Math.min(list.length, MAX_BUCKET));
      continue;
    }
    for (let i = 0; i < n; i++) keys[i] = band(hi[i]! >>> 0, lo[i]! >>> 0, from, len) * shift + i;
    keys.sort();
    let start = 0;
    for (let x = 1; x <= n; x++) {
      if (x < n && Math.floor(keys[x]! / shift) === Math.floor(keys[start]! / shift)) continue;
      if (x - start >= 2) {
        const m = Math.min(x - start, MAX_BUCKET);
        for (let u = 0; u < m; u++) bucket[u] = keys[start + u]! % shift;
        compare(bucket, m);
      }
      start = x;
    }
  }
  return uf.labels();
}
