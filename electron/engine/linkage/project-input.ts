// Engine. A projection's input (project.ts): everything the row loop reads, as typed arrays a
// worker thread can share: per value, per account's row entries, per position of the value CSR,
// and the hub structures (project-hubs.ts).
import type { AnalysisParameters } from '../../shared/contract/analysis';
import type { LinkValues } from './project';
import { hubSource, hubStructures, type HubData, type HubStructures } from './project-hubs';
import { FAMILIES, familyBit, signalDef, signalIndex, SIGNAL_NAMES } from './signals';
import { alloc } from './typed-arrays';
import type { ValueTable } from './value-table';

/** Each value's signal index, family bit and projection flags (ProjectionInput vSig, vFam, vFlags),
 * and whether it is a template (term frequency applies). */
export interface ValueSignals {
  sigOf: Int32Array;
  famOf: Int32Array;
  flags: Uint8Array;
  tfOf: Uint8Array;
}

/** Parts of a projection's input made before it (analyze: the hub structures on a worker while
 * this thread writes the packed values): the values' signals, and the hub structures when asked. */
export interface Prepared {
  signals: ValueSignals;
  hubs: () => HubStructures;
}

export function valueSignals(table: ValueTable, shared: boolean): ValueSignals {
  // per value, from one look-up per signal name (there are hundreds of thousands of values)
  const nvals = table.values.length;
  const sigOf = alloc(Int32Array, 4, nvals, shared);
  const famOf = alloc(Int32Array, 4, nvals, shared);
  const flags = alloc(Uint8Array, 1, nvals, shared);
  const tfOf = new Uint8Array(nvals);
  const bySignal = new Map<string, [number, number, number, number, number]>();
  for (let v = 0; v < nvals; v++) {
    const name = table.values[v]!.signal;
    let d = bySignal.get(name);
    if (!d) {
      const internal = name.startsWith('x_');
      d = internal ? [-1, 0, 0, 0, 0] : [signalIndex(name), familyBit(name), signalDef(name).strength === 'hard' ? 1 : 0, signalDef(name).timeDecay ? 1 : 0, name === 'template' ? 1 : 0];
      bySignal.set(name, d);
    }
    sigOf[v] = d[0];
    famOf[v] = d[1];
    flags[v] = d[2] | (d[3] << 1) | (d[4] << 2);
    tfOf[v] = d[4];
  }
  return { sigOf, famOf, flags, tfOf };
}

/** Everything the row loop reads, as typed arrays (on shared memory when `shared`): per value,
 * per account's row entries, per position of the value CSR, the hub sets and sampled pairs. */
export interface ProjectionInput {
  accounts: number;
  nsig: number;
  /** keepFrom, strongEdgeWeight, softMinWeight, softMinFamilies, hubFamilyMinWeight, timeHalfLifeHours */
  params: Float64Array;
  vW: Float64Array;
  vSig: Int32Array;
  vFam: Int32Array;
  /** 1 hard, 2 time decay, 4 term frequency */
  vFlags: Uint8Array;
  vEnd: Int32Array;
  excluded: Uint8Array;
  /** account a's entries rowPos[accStart[a] .. accStart[a+1]): positions in the value CSR */
  accStart: Int32Array;
  rowPos: Int32Array;
  posV: Int32Array;
  holder: Int32Array;
  holderTf: Float64Array;
  posFirst: Float64Array;
  posLast: Float64Array;
  sampledStart: Int32Array;
  sampledOther: Int32Array;
  famIdx: Int32Array;
  famCap: Float64Array;
  hubs: HubData;
}

/** `timesRead`: called once the input has read what it needs of the table's first/last seen and
 * of lv.order (the caller may let them go before the rest is built). */
export function projectionInput(
  table: ValueTable,
  lv: LinkValues,
  accounts: number,
  p: AnalysisParameters,
  excluded: Uint8Array,
  volume: Float64Array | undefined,
  shared: boolean,
  timesRead?: () => void,
  ready?: Prepared,
): ProjectionInput {
  const nsig = SIGNAL_NAMES.length;
  const nvals = table.values.length;
  const { sigOf, famOf, flags, tfOf } = ready?.signals ?? valueSignals(table, shared);
  const vW = alloc(Float64Array, 8, nvals, shared);
  vW.set(lv.weight);
  const nv = table.values.length;
  // Positions: the holders of projected values only, value after value, in linkValues' order
  // (hubs and values of one holder are never visited: their positions would only take memory,
  // 32 bytes each, for 25M pairs at the reported scale). vEnd: each value's end position.
  const vEnd = alloc(Int32Array, 4, nvals, shared);
  const vBase = new Int32Array(nv);
  let np = 0;
  for (let v = 0; v < nv; v++) {
    vBase[v] = np;
    if (lv.degree[v]! >= 2 && !lv.hub[v]) np += lv.start[v + 1]! - lv.start[v]!;
    vEnd[v] = np;
  }
  // Row by row (the sparse product of the account-value matrix with its transpose): for each
  // account a, every holder b > a of each of a's projectable values accumulates into dense
  // scratch arrays, then a's edges are completed (shared hubs, family caps, strength) and emitted
  // in order of b. No pair hash: edges come out sorted by (a, b). Holders of a value are sorted
  // by account (linkValues), so a's successors start right after its own position. Hub-sampled
  // pairs (below) join the same rows.
  // An account's entries are its projected pairs in the order they were added (the order its
  // weights are summed in). Visiting accounts in ascending order, the k-th account met holding v
  // is v's k-th holder (holders are sorted by account): a cursor per value gives each pair's
  // position, with no position-per-pair array (4 bytes for each of 25M pairs, garbage that
  // stayed resident through the projection).
  const accStart = alloc(Int32Array, 4, accounts + 1, shared);
  const rowPos = alloc(Int32Array, 4, np, shared);
  const byAcc = table.byAccount();
  const cursor = vBase; // vBase[v] is vEnd[v] - holders of v again below
  for (let a = 0, x = 0; a < accounts; a++) {
    for (let k = byAcc.start[a]!; k < byAcc.start[a + 1]!; k++) {
      const v = table.pv[byAcc.order[k]!]!;
      if (lv.degree[v]! < 2 || lv.hub[v]) continue;
      rowPos[x++] = cursor[v]!++;
    }
    accStart[a + 1] = x;
  }
  // each position's holder, value, term-frequency factor and time span, so the inner loop reads
  // sequentially (and a worker thread needs nothing else). The factor is filled only for
  // templates and the span only for time-decaying signals (all projectRows reads): each fill is
  // a read at a random pair.
  const holder = alloc(Int32Array, 4, np, shared);
  const posV = alloc(Int32Array, 4, np, shared);
  const holderTf = alloc(Float64Array, 8, np, shared);
  const posFirst = alloc(Float64Array, 8, np, shared);
  const posLast = alloc(Float64Array, 8, np, shared);
  for (let v = 0; v < nv; v++) {
    if (lv.degree[v]! < 2 || lv.hub[v]) continue;
    const tf = tfOf[v] === 1;
    const decay = (flags[v]! & 2) !== 0;
    for (let k = lv.start[v]!, x = vEnd[v]! - (lv.start[v + 1]! - lv.start[v]!); k < lv.start[v + 1]!; k++, x++) {
      const q = lv.order[k]!;
      const a = table.pa[q]!;
      holder[x] = excluded[a] ? -1 : a;
      posV[x] = v;
      if (tf) {
        // term-frequency factor: the share of the account's exchanges with this template
        const vol = volume?.[a] ?? 0;
        holderTf[x] = vol > 0 ? Math.min(1, table.count[q]! / vol / p.templateMinShare) : 1;
      }
      if (decay) {
        posFirst[x] = table.first[q]!;
        posLast[x] = table.last[q]!;
      }
    }
  }
  timesRead?.();
  const { hubs, sampled } = ready?.hubs() ?? hubStructures(hubSource(table, lv), accounts, p.hubSampleNeighbours, excluded, sigOf, famOf, shared);
  const ex = alloc(Uint8Array, 1, accounts, shared);
  ex.set(excluded);
  const params = alloc(Float64Array, 8, 6, shared);
  params.set([p.strongEdgeWeight / 2, p.strongEdgeWeight, p.softMinWeight, p.softMinFamilies, p.hubFamilyMinWeight, p.timeHalfLifeHours]);
  // Many fragments of one kind of evidence (twenty near-duplicate template families, a rotating
  // IP and its prefix) are still one kind: soft weight is capped per family, hard values are not.
  // Client software (user agent + TLS of one tool) is capped at half: many unrelated people use it.
  const famIdx = Int32Array.from(SIGNAL_NAMES, (name) => (signalDef(name).strength === 'soft' ? FAMILIES.indexOf(signalDef(name).family) : -1));
  const famCap = Float64Array.from(FAMILIES, (f) => p.softFamilyCap * (f === 'client' ? 0.5 : 1));
  return {
    accounts,
    nsig,
    params,
    vW,
    vSig: sigOf,
    vFam: famOf,
    vFlags: flags,
    vEnd,
    excluded: ex,
    accStart,
    rowPos,
    posV,
    holder,
    holderTf,
    posFirst,
    posLast,
    sampledStart: sampled.start,
    sampledOther: sampled.other,
    famIdx,
    famCap,
    hubs,
  };
}
