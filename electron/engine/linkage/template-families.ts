// Engine. Prompt template families: near-duplicate templates found by SimHash LSH. The importer
// stores a 64-bit SimHash per exchange. Pigeonhole: split the signature into maxDistance+2 bands;
// two signatures within maxDistance bits of each other differ in at most maxDistance bands, so
// they agree exactly on at least TWO bands. Keying buckets by every pair of bands (about 20 bits
// each at the default radius) makes buckets tiny (a key of one band would give buckets of
// hundreds), and an LSD radix sort (11 bits a pass) groups equal keys: no hash map, no comparison
// sort. Every candidate is verified, so the result is exact.
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

/** Largest bucket compared exhaustively; beyond it a bucket is degenerate (thousands of copies of
 * one template family, already joined through their other keys). */
const MAX_BUCKET = 4000;

/** Bits that are zero in every signature, from the low end (the importer may store fewer than 64
 * bits): bands cover only the meaningful ones, else one band would be nearly constant. */
function lowZeroBits(lo: ArrayLike<number>, hi: ArrayLike<number>, n: number): number {
  let orLo = 0;
  let orHi = 0;
  for (let i = 0; i < n; i++) {
    orLo |= lo[i]!;
    orHi |= hi[i]!;
  }
  if (orLo !== 0) return 31 - Math.clz32(orLo & -orLo);
  if (orHi !== 0) return 32 + 31 - Math.clz32(orHi & -orHi);
  return 0;
}

/**
 * Family representative (an index into the input) of each signature. Signatures are given as
 * unsigned 32-bit halves. Deterministic: the representative is the smallest index in the family.
 */
export function templateFamilies(hiIn: ArrayLike<number>, loIn: ArrayLike<number>, maxDistance: number, byFirstBand = true): Int32Array {
  let next = 0;
  return templateFamilyPart(hiIn, loIn, maxDistance, () => next++, byFirstBand) ?? Int32Array.from({ length: hiIn.length }, (_, i) => i);
}

/**
 * The families found by the units of the search that `claim` hands this caller (units 0, 1, ...:
 * the first bands of the band pairs; all of it is unit 0 when the search is not split), as
 * labels. Several threads claiming from one counter split the search; the union of their
 * partitions (mergeFamilies) is the whole search's. Null when no unit was left to claim.
 */
export function templateFamilyPart(hiIn: ArrayLike<number>, loIn: ArrayLike<number>, maxDistance: number, claim: () => number, byFirstBand = true): Int32Array | null {
  const n = hiIn.length;
  const hi = hiIn instanceof Uint32Array ? hiIn : Uint32Array.from(hiIn);
  const lo = loIn instanceof Uint32Array ? loIn : Uint32Array.from(loIn);
  const uf = new UnionFind(n);
  if (n < 2) return uf.labels();
  const whole = () => claim() === 0;
  const skip = lowZeroBits(lo, hi, n);
  const width = 64 - skip;
  // maxDistance+2 bands keyed in pairs while a pair key stays at least 16 bits wide; otherwise
  // maxDistance+1 bands keyed one by one (wide radii: each band agrees, pigeonhole once)
  const pairBands = maxDistance + 2;
  const usePairs = maxDistance >= 1 && (2 * width) / pairBands >= 16 && Math.ceil(width / pairBands) <= 32;
  const bands = usePairs ? pairBands : Math.max(2, maxDistance + 1);
  const bandFrom: number[] = [];
  const bandLen: number[] = [];
  for (let b = 0, from = skip; b < bands; b++) {
    const len = Math.floor(width / bands) + (b < width % bands ? 1 : 0);
    bandFrom.push(from);
    bandLen.push(len);
    from += len;
  }
  const scratch = runScratch();
  // (byFirstBand false: every pair key sorted whole, the same runs; the tests compare the two)
  if (byFirstBand && usePairs && bandLen.every((l) => l <= GROUP_BITS)) {
    return pairsByFirstBand(n, hi, lo, bandFrom, bandLen, maxDistance, uf, scratch, claim) ? uf.labels() : null;
  }
  if (!whole()) return null;
  const keys: number[][] = [];
  if (usePairs) for (let x = 0; x < bands; x++) for (let y = x + 1; y < bands; y++) keys.push([x, y]);
  else for (let x = 0; x < bands; x++) keys.push([x]);

  // LSD radix sort of (key, index) by key, RADIX bits per pass: small count arrays, sequential
  // reads, stable (so the order, and the unions, are deterministic).
  const count = new Int32Array(MASK + 2);
  let kA = new Int32Array(n);
  let iA = new Int32Array(n);
  // the signatures travel with the sort (sequential reads, bucketed writes), so verifying a run
  // reads them in order instead of at random
  let hA = new Uint32Array(n);
  let lA = new Uint32Array(n);
  let hB = new Uint32Array(n);
  let lB = new Uint32Array(n);
  let kB = new Int32Array(n);
  let iB = new Int32Array(n);
  const wide: number[] = [];
  // each band's value per signature, computed once (a pair key reads two of them): n x bands x 4
  // bytes, about 115 MB at the reported scale's 5.7 million distinct templates
  const bandVal = bandFrom.map((from, b) => {
    const len = bandLen[b]!;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = band(hi[i]!, lo[i]!, from, len);
    return out;
  });
  for (const k of keys) {
    let bits = 0;
    for (const b of k) bits += bandLen[b]!;
    const pair = k.length > 1;
    const xv = bandVal[k[0]!]!;
    const yv = pair ? bandVal[k[1]!]! : null;
    const yl = pair ? bandLen[k[1]!]! : 0;
    const scale = 2 ** yl;
    if (bits > 30) {
      // wide keys (radius 0, or very few bands): a comparison sort of packed doubles
      const key = new Float64Array(n);
      for (let i = 0; i < n; i++) key[i] = (xv[i]! >>> 0) * scale + (yv ? yv[i]! >>> 0 : 0);
      const idx = Int32Array.from({ length: n }, (_, i) => i).sort((p, q) => key[p]! - key[q]! || p - q);
      for (let i = 0; i < n; i++) {
        const j = idx[i]!;
        iA[i] = j;
        wide[i] = key[j]!;
        hA[i] = hi[j]!;
        lA[i] = lo[j]!;
      }
      verifyRuns(n, wide, iA, hA, lA, maxDistance, uf, scratch);
      continue;
    }
    if (yv) for (let i = 0; i < n; i++) kA[i] = xv[i]! * scale + yv[i]!;
    else kA.set(xv);
    for (let i = 0; i < n; i++) iA[i] = i;
    hA.set(hi);
    lA.set(lo);
    for (let shift = 0; shift < bits; shift += RADIX) {
      radixPass(n, shift, kA, iA, kB, iB, count, hA, lA, hB, lB);
      [kA, kB] = [kB, kA];
      [iA, iB] = [iB, iA];
      [hA, hB] = [hB, hA];
      [lA, lB] = [lB, lA];
    }
    // the bits outside this key's bands, concatenated: members of one run agree on the key's
    // bands, so these hold every bit in which two of them differ
    const others: number[] = [];
    for (let b = 0; b < bands; b++) if (!k.includes(b)) others.push(b);
    let remBits = 0;
    for (const b of others) remBits += bandLen[b]!;
    // up to 32 bits: an Int32Array slot keeps them (as two's complement), `>>>` reads them back.
    // Read from the signature itself (already at hand), not from the per-band arrays.
    verifyRuns(n, kA, iA, hA, lA, maxDistance, uf, scratch, remainder(others, bandFrom, bandLen), remBits);
  }
  return uf.labels();
}

/** The families of two parts of one search together (labels of the union of their partitions:
 * each element joined to its label in the other part). */
export function mergeFamilies(a: Int32Array, b: Int32Array): Int32Array {
  const uf = new UnionFind(a.length);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== i) uf.union(i, a[i]!);
    if (b[i] !== i) uf.union(i, b[i]!);
  }
  return uf.labels();
}

/** The bits of the bands `others` concatenated, as a function of the signature, when there are
 * three of them within 32 bits (what verifyLargeRun splits long runs by), else null. */
function remainder(others: number[], bandFrom: number[], bandLen: number[]): ((h: number, l: number) => number) | null {
  let remBits = 0;
  for (const b of others) remBits += bandLen[b]!;
  const [o0, o1, o2] = others;
  return remBits <= 32 && others.length === 3
    ? (h: number, l: number): number =>
        (band(h, l, bandFrom[o0!]!, bandLen[o0!]!) * 2 ** bandLen[o1!]! + band(h, l, bandFrom[o1!]!, bandLen[o1!]!)) * 2 ** bandLen[o2!]! + band(h, l, bandFrom[o2!]!, bandLen[o2!]!)
    : null;
}

/** `band` for len <= 16 (pairsByFirstBand's), in 32-bit integer operations only: it runs ten
 * times per signature. */
function band16(hi: number, lo: number, from: number, len: number): number {
  const mask = (1 << len) - 1;
  if (from >= 32) return (hi >>> (from - 32)) & mask;
  if (from + len <= 32) return (lo >>> from) & mask;
  return ((lo >>> from) | (hi << (32 - from))) & mask;
}

/** Bands up to this wide are grouped by pairsByFirstBand (a count per value of a band). */
const GROUP_BITS = 16;

/**
 * Every band pair (x, y), x < y, grouped by band x first: the signatures are put in order of band
 * x once per x (one counting pass moving index and signature, reading them in order), then each
 * group of equal band x, small and contiguous, is ordered by band y in place for every y > x.
 * The runs (equal bands x and y, in index order) are those of sorting all signatures by the pair
 * key, so the pairs compared, and the unions, are the same; it moves the signatures bands - 1
 * times instead of twice per pair, and the work on a group stays in cache.
 */
function pairsByFirstBand(
  n: number,
  hi: Uint32Array,
  lo: Uint32Array,
  bandFrom: number[],
  bandLen: number[],
  maxDistance: number,
  uf: UnionFind,
  scratch: RunScratch,
  claim: () => number,
): boolean {
  let worked = false;
  const bands = bandFrom.length;
  const gi = new Int32Array(n);
  const gh = new Uint32Array(n);
  const gl = new Uint32Array(n);
  const bx = new Int32Array(n);
  // a group's members chained by band y, then those in runs of two or more copied in run order
  let cap = 256;
  let yKey = new Int32Array(cap);
  let nxt = new Int32Array(cap);
  let maxLen = 0;
  for (const l of bandLen) maxLen = Math.max(maxLen, l);
  const head = new Int32Array(2 ** maxLen).fill(-1);
  let sKey = new Int32Array(cap);
  let sIdx = new Int32Array(cap);
  let sH = new Uint32Array(cap);
  let sL = new Uint32Array(cap);
  // the first bands in turn (the costliest, with the most pairs, first), as claimed
  for (let x = claim(); x >= 0 && x < bands - 1; x = claim()) {
    worked = true;
    const from = bandFrom[x]!;
    const len = bandLen[x]!;
    const size = 2 ** len;
    const start = new Int32Array(size + 1);
    for (let i = 0; i < n; i++) {
      const b = band16(hi[i]!, lo[i]!, from, len);
      bx[i] = b;
      start[b + 1]! += 1;
    }
    for (let v = 0; v < size; v++) start[v + 1]! += start[v]!;
    for (let i = 0; i < n; i++) {
      const d = start[bx[i]!]!++;
      gi[d] = i;
      gh[d] = hi[i]!;
      gl[d] = lo[i]!;
    }
    // per y: the bits outside bands x and y, for splitting long runs
    const rems: (((h: number, l: number) => number) | null)[] = [];
    const remBits: number[] = [];
    for (let y = 0; y < bands; y++) {
      const others: number[] = [];
      let bits = 0;
      for (let b = 0; b < bands; b++) {
        if (b === x || b === y) continue;
        others.push(b);
        bits += bandLen[b]!;
      }
      rems.push(y > x ? remainder(others, bandFrom, bandLen) : null);
      remBits.push(bits);
    }
    // start[v] is now the end of group v
    let s = 0;
    for (let v = 0; v < size; v++) {
      const e = start[v]!;
      const m = e - s;
      if (m >= 2) {
        if (m > cap) {
          while (cap < m) cap *= 2;
          yKey = new Int32Array(cap);
          nxt = new Int32Array(cap);
          sKey = new Int32Array(cap);
          sIdx = new Int32Array(cap);
          sH = new Uint32Array(cap);
          sL = new Uint32Array(cap);
        }
        for (let y = x + 1; y < bands; y++) {
          const yf = bandFrom[y]!;
          const yl = bandLen[y]!;
          // members of equal band y chained (built from the last so each chain is in index
          // order); chains of two or more copied out one after another: the runs of the pair
          // key, in index order. Most members are alone in theirs and are never copied.
          for (let u = m - 1; u >= 0; u--) {
            const k = band16(gh[s + u]!, gl[s + u]!, yf, yl);
            yKey[u] = k;
            nxt[u] = head[k]!;
            head[k] = u;
          }
          let o = 0;
          for (let u = 0; u < m; u++) {
            const k = yKey[u]!;
            if (head[k] !== u) continue;
            head[k] = -1;
            if (nxt[u]! < 0) continue;
            for (let w = u; w >= 0; w = nxt[w]!) {
              const p = s + w;
              sKey[o] = k;
              sIdx[o] = gi[p]!;
              sH[o] = gh[p]!;
              sL[o] = gl[p]!;
              o++;
            }
          }
          if (o > 0) verifyRuns(o, sKey, sIdx, sH, sL, maxDistance, uf, scratch, rems[y]!, remBits[y]!);
        }
      }
      s = e;
    }
  }
  return worked;
}

const RADIX = 11;
const MASK = (1 << RADIX) - 1;

/** One stable counting pass on bits [shift, shift+RADIX) of the keys. */
function radixPass(n: number, shift: number, kA: Int32Array, iA: Int32Array, kB: Int32Array, iB: Int32Array, count: Int32Array, hA: Uint32Array, lA: Uint32Array, hB: Uint32Array, lB: Uint32Array): void {
  count.fill(0);
  for (let i = 0; i < n; i++) count[((kA[i]! >>> shift) & MASK) + 1]! += 1;
  for (let v = 0; v <= MASK; v++) count[v + 1]! += count[v]!;
  for (let i = 0; i < n; i++) {
    const key = kA[i]!;
    const d = count[(key >>> shift) & MASK]!++;
    kB[d] = key;
    iB[d] = iA[i]!;
    hB[d] = hA[i]!;
    lB[d] = lA[i]!;
  }
}

interface RunScratch {
  rh: Int32Array;
  rl: Int32Array;
  rr: Int32Array;
  nearU: Int32Array;
  nearW: Int32Array;
}

function runScratch(): RunScratch {
  const pairs = (MAX_NEAR_RUN * (MAX_NEAR_RUN - 1)) / 2;
  return { rh: new Int32Array(MAX_BUCKET), rl: new Int32Array(MAX_BUCKET), rr: new Int32Array(MAX_BUCKET), nearU: new Int32Array(pairs), nearW: new Int32Array(pairs) };
}

/** Every pair inside each run of equal keys (sorted positions), verified by Hamming distance.
 * `key`, `idx`, `hi`/`lo`: the keys, indices and signatures at the sorted positions. */
function verifyRuns(
  n: number,
  key: ArrayLike<number>,
  idx: Int32Array,
  hi: Uint32Array,
  lo: Uint32Array,
  maxDistance: number,
  uf: UnionFind,
  scratch: RunScratch,
  rem: ((h: number, l: number) => number) | null = null,
  remBits = 0,
): void {
  // A run's signatures and current sets are copied side by side first: the quadratic comparison
  // then reads a small contiguous block. Members already in one set need no comparison (an
  // earlier band pair joined them), so a run wholly inside one family costs one pass.
  const { rh, rl, rr, nearU, nearW } = scratch;
  let s = 0;
  for (let x = 1; x <= n; x++) {
    if (x < n && key[x] === key[s]) continue;
    const m = Math.min(x - s, MAX_BUCKET);
    if (m > 1) {
      const large = rem !== null && m > SPLIT_RUN && chunkLen(remBits, maxDistance) <= MAX_CHUNK_BITS;
      if (large || m > MAX_NEAR_RUN) {
        let mixed = false;
        for (let u = 0; u < m; u++) {
          rh[u] = hi[s + u]!;
          rl[u] = lo[s + u]!;
          rr[u] = uf.find(idx[s + u]!);
          if (rr[u] !== rr[0]) mixed = true;
        }
        if (mixed && large) verifyLargeRun(m, s, idx, rh, rl, rr, maxDistance, uf, rem, remBits);
        else if (mixed) {
          for (let u = 0; u < m - 1; u++) {
            const ih = rh[u]!;
            const il = rl[u]!;
            const ir = rr[u]!;
            for (let w = u + 1; w < m; w++) {
              if (rr[w] === ir) continue;
              if (popcount32(ih ^ rh[w]!) + popcount32(il ^ rl[w]!) <= maxDistance) uf.union(idx[s + u]!, idx[s + w]!);
            }
          }
        }
      } else {
        // A short run: the signatures first (read in order), the sets (a random access each)
        // only when some pair is near enough; most runs are chance collisions with none. The
        // unions are the same as comparing by set first: near pairs not already in one set.
        let near = 0;
        for (let u = 0; u < m - 1; u++) {
          const ih = hi[s + u]!;
          const il = lo[s + u]!;
          for (let w = u + 1; w < m; w++) {
            if (popcount32(ih ^ hi[s + w]!) + popcount32(il ^ lo[s + w]!) <= maxDistance) {
              nearU[near] = u;
              nearW[near++] = w;
            }
          }
        }
        if (near > 0) {
          for (let u = 0; u < m; u++) rr[u] = uf.find(idx[s + u]!);
          for (let k = 0; k < near; k++) {
            const u = nearU[k]!;
            const w = nearW[k]!;
            if (rr[u] !== rr[w]) uf.union(idx[s + u]!, idx[s + w]!);
          }
        }
      }
    }
    s = x;
  }
}

/** Runs longer than this are split by chunks of their remaining bits before comparing. */
const SPLIT_RUN = 48;
/** Runs up to this long compare signatures before looking up sets. */
const MAX_NEAR_RUN = 64;
const MAX_CHUNK_BITS = 16;

function chunkLen(remBits: number, maxDistance: number): number {
  return Math.ceil(remBits / (maxDistance + 1));
}

/**
 * A long run (many near-identical templates, typical of a campaign's slot-filled prompts): the
 * same pairs found as by comparing all of them, without comparing all of them. Members agree on
 * the run's bands, so two within maxDistance bits differ in at most maxDistance of the remaining
 * bits; split those into maxDistance + 1 chunks and (pigeonhole) the two agree on a whole chunk.
 * So comparing only members that share a chunk's value, chunk by chunk, finds every pair within
 * the distance: the unions, and the families, are exactly those of the full comparison.
 */
function verifyLargeRun(m: number, s: number, idx: Int32Array, rh: Int32Array, rl: Int32Array, rr: Int32Array, maxDistance: number, uf: UnionFind, rem: (h: number, l: number) => number, remBits: number): void {
  const chunks = maxDistance + 1;
  const len = chunkLen(remBits, maxDistance);
  const rv = new Int32Array(m);
  for (let u = 0; u < m; u++) rv[u] = rem(rh[u]! >>> 0, rl[u]! >>> 0);
  const size = 1 << len;
  const start = new Int32Array(size + 1);
  const order = new Int32Array(m);
  for (let c = 0; c < chunks; c++) {
    const from = c * len;
    if (from >= remBits) break;
    const mask = size - 1;
    start.fill(0);
    for (let u = 0; u < m; u++) start[((rv[u]! >>> from) & mask) + 1]! += 1;
    for (let v = 0; v < size; v++) start[v + 1]! += start[v]!;
    for (let u = 0; u < m; u++) order[start[(rv[u]! >>> from) & mask]!++] = u;
    // start[v] is now the end of bucket v
    let b = 0;
    for (let v = 0; v < size; v++) {
      const e = start[v]!;
      for (let x = b; x < e - 1; x++) {
        const u = order[x]!;
        const ih = rh[u]!;
        const il = rl[u]!;
        const ir = rr[u]!;
        for (let y = x + 1; y < e; y++) {
          const w = order[y]!;
          if (rr[w] === ir) continue;
          if (popcount32(ih ^ rh[w]!) + popcount32(il ^ rl[w]!) <= maxDistance) uf.union(idx[s + u]!, idx[s + w]!);
        }
      }
      b = e;
    }
  }
}
