// Engine. Hub values in the projection (project.ts): they are never projected pair by pair, but
// the hubs two accounts share still add to their edge (HubData, sharedHubs), and accounts sharing
// many hubs are paired by sampling each hub's holders (hubSamplePairs).
import type { LinkValues } from './project';
import { alloc } from './typed-arrays';
import type { ValueTable } from './value-table';

/** What the hub structures read of the value table and of the weighing, as typed arrays: on
 * shared memory when a worker builds them (project-hubs-async.ts). */
export interface HubSource {
  /** values in the table */
  nv: number;
  /** each pair's value (the first `pairs` of ValueTable.pv) */
  pv: Int32Array;
  /** each account's pairs (ValueTable.byAccount): accOrder[accStart[a] .. accStart[a + 1]) */
  accStart: Int32Array;
  accOrder: Int32Array;
  hub: Uint8Array;
  degree: Int32Array;
  weight: Float64Array;
}

/** A HubSource over the table and its weighing; with `shared`, each array not on shared memory
 * already is copied there (ValueTable keeps pv and byAccount there: 200 MB at the reported scale). */
export function hubSource(table: ValueTable, lv: LinkValues, shared = false): HubSource {
  const by = table.byAccount();
  const s = <T extends Int32Array | Uint8Array | Float64Array>(x: T): T => {
    if (!shared || x.buffer instanceof SharedArrayBuffer) return x;
    const y = alloc(x.constructor as new (b: ArrayBuffer | SharedArrayBuffer) => T, x.BYTES_PER_ELEMENT, x.length, true);
    y.set(x as never);
    return y;
  };
  return {
    nv: table.values.length,
    pv: s(table.pv.subarray(0, table.pairs)),
    accStart: s(by.start),
    accOrder: s(by.order),
    hub: s(lv.hub),
    degree: s(lv.degree),
    weight: s(lv.weight),
  };
}

/** The hub structures a projection reads (ProjectionInput.hubs, sampledStart, sampledOther). */
export interface HubStructures {
  hubs: HubData;
  sampled: { start: Int32Array; other: Int32Array };
}

/** Both hub structures of a projection (hubSamplePairs, hubData), their arrays on shared memory with `shared`. */
export function hubStructures(src: HubSource, accounts: number, sampleNeighbours: number, excluded: Uint8Array, sigOf: Int32Array, famOf: Int32Array, shared: boolean): HubStructures {
  return { sampled: hubSamplePairs(src, accounts, sampleNeighbours, excluded, famOf, shared), hubs: hubData(src, accounts, sigOf, famOf, shared) };
}

/**
 * Adds the hubs accounts x and y share into `ps[base + signal]` and, per family index, into
 * `famW` (which the caller keeps at zero between calls), and sets the owner's `sigs` (signal
 * bits) and `fams` (bits of the famW entries written). False when either holds no hub.
 */
export type SharedHubs = (x: number, y: number, ps: Float32Array, base: number, famW: Float64Array) => boolean;

/** The hub values each account holds (see sharedHubs), as typed arrays a worker can share. */
export interface HubData {
  /** 0: no hubs, 1: each account's hubs as the non-zero words of a bitset of hub ranks */
  mode: number;
  words: number;
  /** per hub rank: weight, signal, family index (-1: never corroborates) */
  hw: Float64Array;
  hs: Int32Array;
  hf: Int32Array;
  /** per rank: its hub's value index */
  value: Int32Array;
  /** per word of 32 ranks: the signal of all its hubs, or -1 when they differ (see sharedHubs) */
  ws: Int32Array;
  /** each account's non-zero words, ascending (CSR over words: word k is at nz[2k] with its bits
   * at nz[2k + 1], side by side so that a partner's words come in one stream) */
  nzStart: Int32Array;
  nz: Int32Array;
}

/**
 * The hub values each account holds, for intersecting two accounts: the non-zero words of a
 * bitset of hub ranks per account, ANDed with the row account's whole bitset (sharedHubs).
 */
export function hubData(src: HubSource, accounts: number, sigOf: Int32Array, famOf: Int32Array, shared: boolean): HubData {
  const { nv, pv, hub, degree, weight } = src;
  const familyOf = (v: number) => (famOf[v] ? 31 - Math.clz32(famOf[v]!) : -1);
  const hubIds: number[] = [];
  for (let v = 0; v < nv; v++) if (hub[v] && degree[v]! >= 2) hubIds.push(v);
  // Ranked by family, then signal, then value: a word of 32 ranks then holds one signal's hubs
  // (all but the few words where one signal's run ends), whose weights sharedHubs sums in a local
  // variable. Each signal's sum still adds its hubs in value order (a family's, signal after signal).
  hubIds.sort((x, y) => familyOf(x) - familyOf(y) || sigOf[x]! - sigOf[y]! || x - y);
  const words = (hubIds.length + 31) >>> 5;
  const hw = alloc(Float64Array, 8, words * 32, shared);
  const hs = alloc(Int32Array, 4, words * 32, shared);
  const hf = alloc(Int32Array, 4, words * 32, shared).fill(-1);
  const value = alloc(Int32Array, 4, hubIds.length, shared);
  hubIds.forEach((v, r) => {
    hw[r] = weight[v]!;
    hs[r] = sigOf[v]!;
    hf[r] = familyOf(v);
    value[r] = v;
  });
  const ws = alloc(Int32Array, 4, words, shared);
  for (let w = 0; w < words; w++) {
    const to = Math.min(hubIds.length, 32 * w + 32);
    let same = true;
    for (let r = 32 * w + 1; r < to; r++) if (hs[r] !== hs[32 * w] || hf[r] !== hf[32 * w]) same = false;
    ws[w] = same ? hs[32 * w]! : -1;
  }
  const none = new Int32Array(0);
  const res: HubData = { mode: 0, words, hw, hs, hf, value, ws, nzStart: none, nz: none };
  if (words === 0) return res;
  // Each account's hub ranks, ascending, read account by account: an account's pairs lie
  // together in the value table, where reading each hub's holders (lv.order) jumped across the
  // whole pair table, a cache miss per holder (tens of millions at the reported scale).
  const rankOf = new Int32Array(nv).fill(-1);
  hubIds.forEach((v, r) => (rankOf[v] = r));
  const { accStart, accOrder } = src;
  const start = new Int32Array(accounts + 1);
  for (let a = 0; a < accounts; a++) {
    let k = 0;
    for (let i = accStart[a]!; i < accStart[a + 1]!; i++) if (rankOf[pv[accOrder[i]!]!]! >= 0) k++;
    start[a + 1] = start[a]! + k;
  }
  const ranks = new Int32Array(start[accounts]!);
  for (let a = 0, k = 0; a < accounts; a++) {
    for (let i = accStart[a]!; i < accStart[a + 1]!; i++) {
      const r = rankOf[pv[accOrder[i]!]!]!;
      if (r >= 0) ranks[k++] = r;
    }
    ranks.subarray(start[a]!, k).sort();
  }
  // their non-zero words: hubs held together get near ranks (within a signal they are ranked in
  // the order values were first met, account by account), so at the reported scale a campaign
  // account's 200 to 900 hubs fill about a hundred words
  const nzStart = alloc(Int32Array, 4, accounts + 1, shared);
  for (let a = 0; a < accounts; a++) {
    let k = 0;
    for (let i = start[a]!, last = -1; i < start[a + 1]!; i++) {
      if (ranks[i]! >>> 5 === last) continue;
      last = ranks[i]! >>> 5;
      k++;
    }
    nzStart[a + 1] = nzStart[a]! + k;
  }
  const nz = alloc(Int32Array, 4, 2 * nzStart[accounts]!, shared);
  for (let a = 0, k = -1; a < accounts; a++) {
    for (let i = start[a]!, last = -1; i < start[a + 1]!; i++) {
      const w = ranks[i]! >>> 5;
      if (w !== last) {
        nz[2 * ++k] = last = w;
        nz[2 * k + 1] = 0;
      }
      nz[2 * k + 1]! |= 1 << (ranks[i]! & 31);
    }
  }
  return { ...res, mode: 1, nzStart, nz };
}

/** The intersection of two accounts' hubs over HubData (one closure per thread). */
export function sharedHubs(d: HubData) {
  const { words, hw, hs, hf, ws } = d;
  const res: { sigs: number; fams: number; shared: SharedHubs } = { sigs: 0, fams: 0, shared: () => false };
  if (d.mode === 1) {
    // x is the row's account, the same for all its partners: its words are set in a bitset of
    // all ranks (a few kilobytes, cache-resident) once per row, and each partner's non-zero
    // words are read once and ANDed with it. Bits come out in rank order (the sums' order).
    // Sorted lists of ranks, tested rank by rank, read seven times as many entries at the
    // reported scale, where a whole bitset per account would not fit in memory.
    const { nzStart, nz } = d;
    const dense = new Int32Array(words);
    let current = -1;
    res.shared = (x, y, ps, base, famW) => {
      const y0 = nzStart[y]!;
      const y1 = nzStart[y + 1]!;
      if (nzStart[x + 1] === nzStart[x] || y1 === y0) return false;
      if (x !== current) {
        if (current >= 0) for (let k = nzStart[current]!; k < nzStart[current + 1]!; k++) dense[nz[2 * k]!] = 0;
        for (let k = nzStart[x]!; k < nzStart[x + 1]!; k++) dense[nz[2 * k]!] = nz[2 * k + 1]!;
        current = x;
      }
      let S = 0;
      let F = 0;
      for (let k = 2 * y0; k < 2 * y1; k += 2) {
        const w = nz[k]!;
        let m = nz[k + 1]! & dense[w]!;
        if (m === 0) continue;
        const sw = ws[w]!;
        if (sw >= 0) {
          // one signal and family for the whole word: its shared hubs summed here, into the
          // pair's sums once (a campaign pair shares about 200 hubs, 4 a word). Math.fround
          // rounds each addition to float32 as a store into ps does: the same sums exactly.
          const f = hf[32 * w]!;
          let sum = ps[base + sw]!;
          let fsum = f >= 0 ? famW[f]! : 0;
          do {
            const low = m & -m;
            const hwr = hw[w * 32 + 31 - Math.clz32(low)]!;
            sum = Math.fround(sum + hwr);
            fsum += hwr;
            m ^= low;
          } while (m !== 0);
          ps[base + sw] = sum;
          S |= 1 << sw;
          if (f >= 0) {
            famW[f] = fsum;
            F |= 1 << f;
          }
          continue;
        }
        while (m !== 0) {
          const low = m & -m;
          const r = w * 32 + 31 - Math.clz32(low);
          const hwr = hw[r]!;
          S |= 1 << hs[r]!;
          ps[base + hs[r]!]! += hwr;
          const f = hf[r]!;
          if (f >= 0) {
            famW[f]! += hwr;
            F |= 1 << f;
          }
          m ^= low;
        }
      }
      res.sigs = S;
      res.fams = F;
      return true;
    };
  }
  return res;
}

/**
 * Hub values are never projected pair by pair, but two accounts that share MANY of them (a
 * campaign bigger than the hub cap shares its whole proxy pool, client and templates) must still
 * meet. Each hub's holders are laid out in one fixed pseudo-random order of accounts and each is
 * paired with its next `hubSampleNeighbours` holders: O(degree) candidates per hub, and since the
 * order is global the same pairs recur across hubs instead of multiplying. Returned per account
 * a (CSR): partners b > a (repeats possible; the projection keeps one edge per pair).
 */
export function hubSamplePairs(src: HubSource, accounts: number, sampleNeighbours: number, excluded: Uint8Array, famOf: Int32Array, shared = false): { start: Int32Array; other: Int32Array } {
  const { nv, pv, hub, degree, accStart, accOrder } = src;
  const rank = new Float64Array(accounts);
  for (let a = 0; a < accounts; a++) rank[a] = (Math.imul(a + 1, 2654435761) >>> 0) + a / (accounts + 1);
  // the order of accounts by rank (ranks are distinct)
  const byRank = new Int32Array(accounts);
  for (let a = 0; a < accounts; a++) byRank[a] = a;
  byRank.sort((x, y) => rank[x]! - rank[y]!);
  const K = sampleNeighbours;
  const sampledHub = (v: number) => hub[v] === 1 && degree[v]! >= 2 && famOf[v] !== 0 && K > 0;
  // Each sampled hub's holders in rank order, by a counting sort: accounts visited in rank order
  // each append themselves to their hubs' lists. Their pairs lie together in the value table;
  // reading each hub's holders (lv.order) instead jumped across the whole pair table, a cache
  // miss per holder, and each list had to be sorted.
  const slot = new Int32Array(nv).fill(-1);
  let hubs = 0;
  for (let v = 0; v < nv; v++) if (sampledHub(v)) slot[v] = hubs++;
  // hub h's list: lists[listStart[h] .. listEnd[h]) (room for every holder, excluded ones skipped)
  const listStart = new Int32Array(hubs + 1);
  for (let v = 0; v < nv; v++) if (slot[v]! >= 0) listStart[slot[v]! + 1] = listStart[slot[v]!]! + degree[v]!;
  const bound = listStart[hubs]!;
  const listEnd = listStart.slice(0, hubs);
  const lists = new Int32Array(bound);
  for (let r = 0; r < accounts; r++) {
    const a = byRank[r]!;
    if (excluded[a]) continue;
    for (let i = accStart[a]!; i < accStart[a + 1]!; i++) {
      const h = slot[pv[accOrder[i]!]!]!;
      if (h >= 0) lists[listEnd[h]!++] = a;
    }
  }
  // Each hub's holders paired with their next K, in that order, as a CSR by the lower account:
  // counted, then filled, in two passes over the lists (no array of every pair in between: two
  // of them, 240 MB at the reported scale, stayed resident as garbage through the projection).
  const start = alloc(Int32Array, 4, accounts + 1, shared);
  const eachPair = (visit: (lo: number, hi: number) => void) => {
    for (let h = 0; h < hubs; h++) {
      const to = listEnd[h]!;
      for (let i = listStart[h]!; i < to; i++) {
        const x = lists[i]!;
        for (let k = 1; k <= K && i + k < to; k++) {
          const y = lists[i + k]!;
          if (x < y) visit(x, y);
          else visit(y, x);
        }
      }
    }
  };
  eachPair((lo) => (start[lo + 1]! += 1));
  for (let a = 0; a < accounts; a++) start[a + 1]! += start[a]!;
  const fill = start.slice(0, accounts);
  const other = alloc(Int32Array, 4, start[accounts]!, shared);
  eachPair((lo, hi) => (other[fill[lo]!++] = hi));
  return { start, other };
}
