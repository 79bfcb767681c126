// Engine. Projection of the bipartite account-value graph into weighted account-account edges.
// Non-hub values produce candidate pairs (a value of degree d yields d(d-1)/2 of them, and d is
// capped by the hub rule, so there is no blow-up); hub values never produce pairs but still
// corroborate a pair both accounts already share. A pair made only of soft values must draw on
// at least `softMinFamilies` independent signal families to be strong.
import type { AnalysisParameters } from '../../shared/contract/analysis';
import { signalDef } from './signals';
import type { ValueTable } from './value-table';
import { factorWeight, hubDegree } from './weights';
import { sharedHubs } from './project-hubs';
import { projectionInput, type Prepared, type ProjectionInput } from './project-input';
import { columnEdges, EdgeBuffer, ForwardWriter, reserveEdgeColumns, type EdgeSink } from './edge-sinks';

export interface LinkValues {
  /** per value index: -1 for internal values, else its degree */
  degree: Int32Array;
  weight: Float64Array;
  hub: Uint8Array;
  /** CSR: pairs of value v are order[start[v] .. start[v+1]) (pair indices, by account) */
  start: Int32Array;
  order: Int32Array;
  /** the soft hub degree actually used when the pair budget forced it lower, else null */
  softCap: number | null;
}

export function linkValues(table: ValueTable, accounts: number, p: AnalysisParameters): LinkValues {
  const nv = table.values.length;
  const degree = new Int32Array(nv);
  for (let q = 0; q < table.pairs; q++) degree[table.pv[q]!]! += 1;
  const start = new Int32Array(nv + 1);
  for (let v = 0; v < nv; v++) start[v + 1] = start[v]! + degree[v]!;
  const fill = start.slice(0, nv);
  const order = new Int32Array(table.pairs);
  // visiting pairs account by account leaves each value's holders sorted by account
  const accOrder = table.byAccount().order;
  for (let k = 0; k < table.pairs; k++) {
    const q = accOrder[k]!;
    order[fill[table.pv[q]!]!++] = q;
  }
  const weight = new Float64Array(nv);
  const hub = new Uint8Array(nv);
  let pairBudget = 0;
  // values of one signal come in runs: its factor and hub degree looked up once a run (two map
  // look-ups per value cost a quarter of this phase at the reported scale, 1.9 million values)
  let sig = '';
  let internal = false;
  let factor = 0;
  let cap = 0;
  for (let v = 0; v < nv; v++) {
    const s = table.values[v]!.signal;
    if (s !== sig) {
      sig = s;
      internal = sig.startsWith('x_');
      if (!internal) {
        factor = signalDef(sig).factor;
        cap = hubDegree(sig, accounts, p);
      }
    }
    if (internal) {
      degree[v] = -1;
      continue;
    }
    weight[v] = factorWeight(factor, degree[v]!, accounts);
    hub[v] = degree[v]! > cap ? 1 : 0;
    if (!hub[v]) pairBudget += (degree[v]! * (degree[v]! - 1)) / 2;
  }
  // Projection is quadratic in degree: when the data has very many mid-degree values (a carrier
  // pool just under the cap, say), lower the soft cap until the candidate pairs fit the budget.
  // Values above it are hubs like any other: kept, shown, recorded, not projected.
  let softCap = Infinity;
  if (pairBudget > p.maxCandidatePairs) {
    const soft = [];
    for (let v = 0; v < nv; v++) if (degree[v]! >= 2 && !hub[v] && signalDef(table.values[v]!.signal).strength === 'soft') soft.push(degree[v]!);
    soft.sort((x, y) => y - x);
    let k = 0;
    while (pairBudget > p.maxCandidatePairs && k < soft.length) {
      const d = soft[k]!;
      while (k < soft.length && soft[k] === d) {
        pairBudget -= (d * (d - 1)) / 2;
        k++;
      }
      softCap = d - 1;
    }
    for (let v = 0; v < nv; v++) if (degree[v]! > softCap && !hub[v] && degree[v]! >= 2 && signalDef(table.values[v]!.signal).strength === 'soft') hub[v] = 1;
  }
  return { degree, weight, hub, start, order, softCap: Number.isFinite(softCap) ? softCap : null };
}

export interface Edges {
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
  hard: Uint8Array;
  /** weight per signal, sparse: edge e's signals are sigK[sigStart[e] .. sigStart[e+1]) (ascending
   * SIGNAL_NAMES index) with weights sigW (see edgeSignals) */
  sigStart: Int32Array;
  sigK: Uint8Array;
  sigW: Float32Array;
  strong: Uint8Array;
  count: number;
  /** candidate pairs projected before the light ones were dropped */
  projected: number;
}

export function isStrong(weight: number, hard: boolean, families: number, p: Pick<AnalysisParameters, 'strongEdgeWeight' | 'softMinWeight' | 'softMinFamilies'>): boolean {
  if (weight < p.strongEdgeWeight) return false;
  if (hard) return true;
  if (weight < p.softMinWeight) return false;
  let bits = 0;
  for (let f = families; f; f &= f - 1) bits++;
  return bits >= p.softMinFamilies;
}

/**
 * `volume` is each account's exchange count: a shared prompt template counts in proportion to how
 * much of both accounts' traffic it carries (term-frequency adjustment), so two people who once
 * sent the same common prompt are not linked like two harvesters who send it all day.
 * The rows (one per account) are independent: with `threads` 2 the first rows (by estimated
 * work, about half) are projected on a worker thread (project-async.ts) while this thread does
 * the rest; the edges are the same either way.
 */
export function projectEdges(
  table: ValueTable,
  lv: LinkValues,
  accounts: number,
  p: AnalysisParameters,
  excluded: Uint8Array,
  volume?: Float64Array,
  split?: RowSplitter,
  timesRead?: () => void,
  ready?: Prepared,
): Edges {
  const input = projectionInput(table, lv, accounts, p, excluded, volume, split !== undefined, timesRead, ready);
  return split ? split(input) : projectAllRows(input);
}


/** Runs rows [0, n) of a projection, possibly split over threads (see project-async.ts). */
export type RowSplitter = (input: ProjectionInput) => Edges;


/** Estimated work of each row, for splitting rows between threads: the holders it visits and
 * its sampled partners, each a candidate pair whose shared hubs are intersected (over the
 * account's non-zero hub words: at the reported scale campaign accounts hold about a hundred, and
 * those intersections, not the visits, are most of the projection). */
export function rowWork(input: ProjectionInput): Float64Array {
  const out = new Float64Array(input.accounts);
  const h = input.hubs;
  for (let a = 0; a < input.accounts; a++) {
    let w = input.sampledStart[a + 1]! - input.sampledStart[a]!;
    for (let x = input.accStart[a]!; x < input.accStart[a + 1]!; x++) {
      const k0 = input.rowPos[x]!;
      w += input.vEnd[input.posV[k0]!]! - k0 - 1;
    }
    const hubLen = h.mode !== 0 ? h.nzStart[a + 1]! - h.nzStart[a]! : 0;
    out[a] = w * (1 + hubLen);
  }
  return out;
}

/** The rows [from, to) of a projection: their edges (a in [from, to)), in (a, b) order, into
 * `out` (rows in descending order when it writes backwards). Returns the pairs projected. */
export function projectRows(input: ProjectionInput, from: number, to: number, out: EdgeSink): number {
  let given = false;
  return projectClaimedRows(
    input,
    (range) => {
      if (given) return false;
      given = true;
      range[0] = from;
      range[1] = to;
      return true;
    },
    out,
  );
}

/** Claims a thread's next rows: sets range[0] and range[1] to [from, to); false when none are left. */
export type RowClaim = (range: Int32Array) => boolean;

/**
 * The rows of each range `claim` hands out, range after range, as projectRows (the ranges must
 * come in the order `out` writes: ascending, or descending when it writes backwards). Two threads
 * share the rows by claiming ranges from both ends (project-async.ts).
 */
export function projectClaimedRows(input: ProjectionInput, claim: RowClaim, out: EdgeSink): number {
  const { accounts, nsig, vW, vSig, vFam, vFlags, vEnd, excluded, accStart, rowPos, posV, holder, holderTf, posFirst, posLast, famIdx, famCap } = input;
  const keepFrom = input.params[0]!;
  const halfLife = input.params[5]!;
  const halfLifeMs = halfLife * 3_600_000;
  const hubFamilyMinWeight = input.params[4]!;
  const strongP = { strongEdgeWeight: input.params[1]!, softMinWeight: input.params[2]!, softMinFamilies: input.params[3]! };
  const hubs = sharedHubs(input.hubs);
  const mark = new Uint8Array(accounts);
  const touched = new Int32Array(accounts);
  let projected = 0;
  const sF = new Int32Array(accounts);
  const sS = new Int32Array(accounts);
  const sH = new Uint8Array(accounts);
  const sPS = new Float32Array(accounts * nsig);
  const famSum = new Float64Array(famCap.length);
  const famW = new Float64Array(famCap.length);
  const range = new Int32Array(2);
  while (claim(range)) {
    const from = range[0]!;
    const to = range[1]!;
    for (let i = from; i < to; i++) {
      const ai = out.reverse ? from + to - 1 - i : i;
      if (excluded[ai]) continue;
      let cnt = 0;
      for (let x = accStart[ai]!; x < accStart[ai + 1]!; x++) {
        const k0 = rowPos[x]!;
        const v = posV[k0]!;
        const w = vW[v]!;
        const sig = vSig[v]!;
        const fam = vFam[v]!;
        const fl = vFlags[v]!;
        const hard = fl & 1;
        const decay = (fl & 2) !== 0;
        const tfv = (fl & 4) !== 0;
        const tfi = holderTf[k0]!;
        const fi = posFirst[k0]!;
        const li = posLast[k0]!;
        // weights.ts timeCloseness inline: 1 when a time is missing (NaN) or the spans overlap, else halved
        // per half-life of gap (the same arithmetic, without a call and a Math.pow per visit)
        const timed = decay && halfLifeMs > 0 && fi === fi && li === li;
        const end = vEnd[v]!;
        for (let k = k0 + 1; k < end; k++) {
          const aj = holder[k]!;
          if (aj < 0) continue;
          if (mark[aj] === 0) {
            mark[aj] = 1;
            touched[cnt++] = aj;
          }
          let add = w;
          if (timed) {
            const fj = posFirst[k]!;
            const lj = posLast[k]!;
            const gap = Math.max(fi, fj) - Math.min(li, lj);
            if (gap > 0) add *= Math.pow(0.5, gap / halfLifeMs);
          }
          if (tfv) add *= Math.min(tfi, holderTf[k]!);
          sF[aj]! |= fam;
          sS[aj]! |= 1 << sig;
          if (hard) sH[aj] = 1;
          sPS[aj * nsig + sig]! += add;
        }
      }
      for (let x = input.sampledStart[ai]!; x < input.sampledStart[ai + 1]!; x++) {
        const aj = input.sampledOther[x]!;
        if (mark[aj] === 0) {
          mark[aj] = 1;
          touched[cnt++] = aj;
        }
      }
      if (cnt === 0) continue;
      projected += cnt;
      const row = touched.subarray(0, cnt).sort();
      for (let t = 0; t < cnt; t++) {
        const aj = row[t]!;
        const base = aj * nsig;
        // shared hubs: their weight counts, and a family counts as corroboration only when the
        // pair's hub evidence in it reaches `hubFamilyMinWeight` (several proxy IPs, several
        // templates), never for one NAT address
        let fams = sF[aj]!;
        let sigs = sS[aj]!;
        if (hubs.shared(ai, aj, sPS, base, famW)) {
          sigs |= hubs.sigs;
          for (let m = hubs.fams; m !== 0; m &= m - 1) {
            const f = 31 - Math.clz32(m & -m);
            if (famW[f]! >= hubFamilyMinWeight) fams |= 1 << f;
            famW[f] = 0;
          }
        }
        // only the signals present (their bits), in signal order as the sums always were
        let total = 0;
        let touchedFams = 0;
        for (let m = sigs; m !== 0; m &= m - 1) {
          const k = 31 - Math.clz32(m & -m);
          const w = sPS[base + k]!;
          if (w === 0) continue;
          const f = famIdx[k]!;
          if (f < 0) total += w;
          else {
            famSum[f]! += w;
            touchedFams |= 1 << f;
          }
        }
        for (let m = touchedFams; m !== 0; m &= m - 1) {
          const f = 31 - Math.clz32(m & -m);
          total += Math.min(famCap[f]!, famSum[f]!);
          famSum[f] = 0;
        }
        // a pair lighter than half the strong weight is dropped: nothing downstream reads it
        // (clustering takes strong edges, the store keeps edges from half the strong weight up),
        // and most projected pairs are such one-template pairs
        if (total >= keepFrom) out.push(ai, aj, total, sH[aj]!, sPS, base, isStrong(total, sH[aj] === 1, fams, strongP) ? 1 : 0, sigs);
        for (let m = sigs; m !== 0; m &= m - 1) sPS[base + 31 - Math.clz32(m & -m)] = 0;
        sF[aj] = 0;
        sS[aj] = 0;
        sH[aj] = 0;
        mark[aj] = 0;
      }
      out.endRow();
    }
  }
  return projected;
}

/** Every row of a projection on this thread: into columns reserved for their bound when that
 * allocation succeeds (no growth, so no copies and no dead arrays), else into a growing buffer. */
export function projectAllRows(input: ProjectionInput): Edges {
  const n = input.accounts;
  const bound = edgeBounds(input, 0, n);
  const cols = reserveEdgeColumns(bound.edges, bound.sigs, false);
  if (!cols) {
    const buf = new EdgeBuffer(input.nsig);
    const projected = projectRows(input, 0, n, buf);
    return buf.edges(projected);
  }
  const w = new ForwardWriter(cols, 0, 0);
  const projected = projectRows(input, 0, n, w);
  return columnEdges(cols, 0, w.e, 0, w.s, projected);
}

/**
 * Upper bounds of the edges and signal entries of rows [from, to): a row's partners are distinct
 * accounts after it, each reached by a holder visit or a hub sample, and an edge's signals are
 * those of its visits plus the hub signals (at most all of them).
 */
export function edgeBounds(input: ProjectionInput, from: number, to: number): { edges: number; sigs: number } {
  const n = input.accounts;
  const nsig = input.nsig;
  const h = input.hubs;
  let hubSigs = 0;
  if (h.mode !== 0) {
    let bits = 0;
    for (let r = 0; r < h.hs.length; r++) bits |= 1 << h.hs[r]!;
    for (let m = bits; m !== 0; m &= m - 1) hubSigs++;
  }
  let edges = 0;
  let sigs = 0;
  for (let a = from; a < to; a++) {
    let visits = 0;
    for (let x = input.accStart[a]!; x < input.accStart[a + 1]!; x++) {
      const k0 = input.rowPos[x]!;
      visits += input.vEnd[input.posV[k0]!]! - k0 - 1;
    }
    const e = Math.min(n - 1 - a, visits + input.sampledStart[a + 1]! - input.sampledStart[a]!);
    edges += e;
    sigs += Math.min(e * nsig, visits + e * hubSigs);
  }
  return { edges, sigs };
}

/** Edge e's weight per signal into `dense` (SIGNAL_NAMES order, zero elsewhere). */
export function edgeSignals(edges: Edges, e: number, dense: Float32Array | Float64Array): void {
  dense.fill(0);
  for (let k = edges.sigStart[e]!; k < edges.sigStart[e + 1]!; k++) dense[edges.sigK[k]!] = edges.sigW[k]!;
}
