// Engine, job worker. The write of one analysis (called inside its transaction): values, which
// account holds which, stored edges, clusters and members, replacing the previous analysis's.
// Holdings (see linkage/holdings.ts, which every reader uses): the hard values of every holder as
// rows of account_values (few: what links accounts outright); the soft values (IPs, templates,
// user agents ...) packed, once per account (account_value_sets) and once per value
// (value_holders). A row per (soft value, account) and its index were most of the analysis's
// time at the reported scale.
import type { AnalysisParameters } from '../../shared/contract/analysis';
import type { Db } from '../db/connection';
import { createIndexSorted } from '../db/sorted-index';
import { bulkInsert } from './bulk-insert';
import type { Collected } from './collect';
import type { SelectionTask } from './edge-selection';
import type { Edges, LinkValues } from './project';
import type { ClusterFeatures, scoreCluster } from './scoring';
import { signalDef, SIGNAL_NAMES } from './signals';
import { SignalsJsonEncoder } from './signals-json';
import { grown } from './typed-arrays';
import { HOLDER_BLOCK, packHolderBlock, PackedValueSet } from './value-sets';

export interface ScoredGroup {
  members: number[];
  f: ClusterFeatures & { firstTs: number | null; lastTs: number | null };
  s: ReturnType<typeof scoreCluster>;
}

/**
 * The first part of an analysis's write: the previous analysis's results deleted, and the
 * secondary indexes of the tables written next dropped (rebuilt after the load: one sort instead
 * of a random insert per row).
 */
export function clearLinkage(db: Db): void {
  db.exec(
    'DELETE FROM account_values; DELETE FROM account_value_sets; DELETE FROM value_holders; DELETE FROM link_values; DELETE FROM edges; DELETE FROM cluster_members; DELETE FROM clusters;',
  );
  db.exec('DROP INDEX IF EXISTS account_values_account; DROP INDEX IF EXISTS edges_b; DROP INDEX IF EXISTS link_values_signal;');
}

/** Each value's kind in the write: 0 not stored (held by one account), 1 hard (a row per holder), 2 soft (packed). */
export function valueKinds(c: Collected, lv: LinkValues): Uint8Array {
  const t = c.table;
  const hardSignal = new Map<string, boolean>();
  const nv = lv.degree.length;
  const kind = new Uint8Array(nv);
  for (let v = 0; v < nv; v++) {
    if (lv.degree[v]! < 2) continue;
    const signal = t.values[v]!.signal;
    let hard = hardSignal.get(signal);
    if (hard === undefined) hardSignal.set(signal, (hard = signalDef(signal).strength === 'hard'));
    kind[v] = hard ? 1 : 2;
  }
  return kind;
}

/** The hard values' holders (the rows of account_values) as persistValues writes them, value
 * after value, each value's holders in lv.order: their pairs in the value table, first and last
 * times seen and example exchanges. */
export interface HardHolderTimes {
  pair: Int32Array;
  first: Float64Array;
  last: Float64Array;
  example: Float64Array;
}

/**
 * What persistValues needs of the value table's times and examples and of lv.order (the hard
 * values' holders: a few tens of thousands at the reported scale), kept apart so that those
 * columns (24 bytes for each of 25 million pairs) can be let go once the packed sets are written.
 */
export function hardHolderTimes(c: Collected, lv: LinkValues, kind: Uint8Array): HardHolderTimes {
  const t = c.table;
  let n = 0;
  for (let v = 0; v < kind.length; v++) if (kind[v] === 1) n += lv.start[v + 1]! - lv.start[v]!;
  const out = { pair: new Int32Array(n), first: new Float64Array(n), last: new Float64Array(n), example: new Float64Array(n) };
  let i = 0;
  for (let v = 0; v < kind.length; v++) {
    if (kind[v] !== 1) continue;
    for (let k = lv.start[v]!; k < lv.start[v + 1]!; k++, i++) {
      const q = lv.order[k]!;
      out.pair[i] = q;
      out.first[i] = t.first[q]!;
      out.last[i] = t.last[q]!;
      out.example[i] = t.example[q]!;
    }
  }
  return out;
}

/**
 * The values and who holds them (after clearLinkage, in the same transaction): link_values, the
 * hard values' holders as rows (from `times`, see hardHolderTimes: lv.order is not read), the
 * soft values' holders packed (value_holders), and those tables' indexes. analyze() runs it while the
 * clustering's worker splits the large components (component-splits-async.ts).
 */
export function persistValues(db: Db, c: Collected, lv: LinkValues, kind: Uint8Array, times: HardHolderTimes): void {
  const dbId = c.accounts.dbId;
  const t = c.table;
  const nf = (x: number) => (Number.isNaN(x) ? null : x);
  const nv = lv.degree.length;
  const soft = softHolders(c, lv, kind);
  // values, every one held by two or more accounts; rows for the holders of the hard ones
  const insValue = bulkInsert(db, 'link_values', ['id', 'signal', 'value', 'degree', 'weight', 'hub']);
  const insAv = bulkInsert(db, 'account_values', ['value_id', 'account', 'count', 'first_ts', 'last_ts', 'example_exchange']);
  let i = 0;
  for (let v = 0; v < nv; v++) {
    const d = lv.degree[v]!;
    if (d < 2) continue;
    insValue.push(v + 1, t.values[v]!.signal, t.text(v), d, lv.weight[v]!, lv.hub[v]!);
    if (kind[v] !== 1) continue;
    for (let k = lv.start[v]!; k < lv.start[v + 1]!; k++, i++) {
      const q = times.pair[i]!;
      insAv.push(v + 1, dbId[t.pa[q]!]!, t.count[q]!, nf(times.first[i]!), nf(times.last[i]!), times.example[i]! >= 0 ? times.example[i]! : null);
    }
  }
  // the holders of the soft values, packed by blocks of HOLDER_BLOCK consecutive ids: a block's
  // holders are one run of soft.holders, and its slots' ends are read off soft.start
  const insHolders = db.prepare('INSERT INTO value_holders (block, data) VALUES (?, ?)');
  const ends = new Int32Array(HOLDER_BLOCK);
  for (let block = 0; block * HOLDER_BLOCK < nv; block++) {
    const v0 = block * HOLDER_BLOCK;
    const base = soft.start[v0]!;
    for (let slot = 0; slot < HOLDER_BLOCK; slot++) ends[slot] = soft.start[Math.min(v0 + slot + 1, nv)]! - base;
    const held = ends[HOLDER_BLOCK - 1]!;
    if (held > 0) insHolders.run(block, packHolderBlock(ends, soft.holders.subarray(base), held));
  }
  insValue.flush();
  insAv.flush();
  createIndexSorted(db, 'CREATE INDEX IF NOT EXISTS account_values_account ON account_values (account, value_id)');
  createIndexSorted(db, 'CREATE INDEX IF NOT EXISTS link_values_signal ON link_values (signal)');
}

/**
 * The holders (accounts.id) of every soft value (kind 2), value after value, each value's in
 * account order: values' holders [start[v], start[v + 1]). Read account by account (an account's
 * pairs lie together in the value table), where reading each value's holders through lv.order
 * jumped across the whole pair table, a cache miss per holder.
 */
function softHolders(c: Collected, lv: LinkValues, kind: Uint8Array): { start: Int32Array; holders: Int32Array } {
  const t = c.table;
  const nv = kind.length;
  const start = new Int32Array(nv + 1);
  for (let v = 0; v < nv; v++) start[v + 1] = start[v]! + (kind[v] === 2 ? lv.degree[v]! : 0);
  const fill = start.slice(0, nv);
  const holders = new Int32Array(start[nv]!);
  const byAccount = t.byAccount();
  const dbId = c.accounts.dbId;
  for (let a = 0; a < c.accounts.n; a++) {
    for (let k = byAccount.start[a]!; k < byAccount.start[a + 1]!; k++) {
      const v = t.pv[byAccount.order[k]!]!;
      if (kind[v] === 2) holders[fill[v]!++] = dbId[a]!;
    }
  }
  return { start, holders };
}

/**
 * Every account's soft values, one packed set each (after clearLinkage, in the same
 * transaction). analyze() runs it while the projection's worker projects rows (project-async.ts),
 * before this thread claims rows of its own; the times and examples it reads are then let go
 * (ValueTable.releaseTimes).
 */
export function persistValueSets(db: Db, c: Collected, kind: Uint8Array): void {
  const n = c.accounts.n;
  const dbId = c.accounts.dbId;
  const t = c.table;
  const byAccount = t.byAccount();
  const insSet = db.prepare('INSERT INTO account_value_sets (account, n, data) VALUES (?, ?, ?)');
  let mine: Int32Array = new Int32Array(256);
  let scratch = new ArrayBuffer(28 * 256);
  for (let a = 0; a < n; a++) {
    let m = 0;
    for (let k = byAccount.start[a]!; k < byAccount.start[a + 1]!; k++) {
      const q = byAccount.order[k]!;
      if (kind[t.pv[q]!] !== 2) continue;
      if (m === mine.length) mine = grown(mine, 2 * m);
      mine[m++] = q;
    }
    if (m === 0) continue;
    if (scratch.byteLength < 28 * m) scratch = new ArrayBuffer(28 * mine.length);
    const set = new PackedValueSet(m, scratch);
    for (let i = 0; i < m; i++) {
      const q = mine[i]!;
      set.ids[i] = t.pv[q]! + 1;
      set.counts[i] = t.count[q]!;
      set.first[i] = t.first[q]!;
      set.last[i] = t.last[q]!;
      set.examples[i] = t.example[q]! >= 0 ? t.example[q]! : -1;
    }
    insSet.run(dbId[a]!, m, set.bytes());
  }
}

/**
 * The stored links (after clearLinkage, in the same transaction) and their second index. They
 * depend on the edges alone (once requireCorroboration has set their strong flags), not on the
 * clusters: analyze() writes them while the clustering's worker splits the large components, or
 * selects them on a worker while it scores the clusters (`store`: storedEdgeSelection's flags).
 */
export function persistEdges(db: Db, c: Collected, edges: Edges, store: Uint8Array): void {
  writeEdges(db, c, edges, store);
  createIndexSorted(db, 'CREATE INDEX IF NOT EXISTS edges_b ON edges (b, a)');
}

/**
 * Which links are stored: those of strongly linked accounts (every clustered one), and every edge
 * heavy enough to be strong but lacking corroboration: exactly the pairs an investigator asks
 * about ("why are these two NOT linked?"). The light links among the unlinked background are not
 * stored (their shared values still are, for explain). Of those candidates (projection already
 * dropped the pairs lighter than half the strong weight): each account's `edgesPerAccount`
 * heaviest links plus a maximum spanning forest of the strong ones (so every cluster stays
 * connected for paths), not the dense interior of a big campaign. Shared values stay complete
 * (account_values and account_value_sets); explain reads those. selectStoredEdges' arguments.
 */
export function storedEdgeSelection(p: AnalysisParameters, n: number, edges: Edges): SelectionTask {
  const nearStrong = (p.strongEdgeWeight + Math.max(p.strongEdgeWeight, p.softMinWeight)) / 2;
  return { n, edges, kept: stronglyLinked(n, edges), perAccount: p.edgesPerAccount, alsoFrom: nearStrong };
}

/** 1 for each account with a strong edge: every account a cluster can hold (clusters group
 * accounts joined by strong edges), and the few a split leaves alone. */
function stronglyLinked(n: number, edges: Pick<Edges, 'a' | 'b' | 'strong' | 'count'>): Uint8Array {
  const out = new Uint8Array(n);
  for (let e = 0; e < edges.count; e++) {
    if (edges.strong[e] !== 1) continue;
    out[edges.a[e]!] = 1;
    out[edges.b[e]!] = 1;
  }
  return out;
}

/** The rest of the write (after persistValues and persistEdges, in the same transaction): clusters and their members. */
export function persistClusters(db: Db, analysisId: number, c: Collected, scored: ScoredGroup[], ids: string[]): void {
  const dbId = c.accounts.dbId;
  const insCluster = db.prepare(
    'INSERT INTO clusters (id, analysis_id, size, score, flagged, features_json, reasons_json, first_ts, last_ts, exchanges) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insMember = db.prepare('INSERT INTO cluster_members (account, cluster_id) VALUES (?, ?)');
  scored.forEach((x, i) => {
    const { firstTs, lastTs, ...features } = x.f;
    insCluster.run(ids[i]!, analysisId, x.members.length, x.s.score, x.s.flagged ? 1 : 0, JSON.stringify({ ...features, ...prefixed(x.s.strengths) }), JSON.stringify(x.s.reasons), firstTs, lastTs, x.f.exchanges);
    for (const a of x.members) insMember.run(dbId[a]!, ids[i]!);
  });
}

/** The edges flagged in `store`, in primary-key order. */
function writeEdges(db: Db, c: Collected, edges: Edges, store: Uint8Array): void {
  // Rows by batches of EDGE_ROWS: numbers as parameters, the signals_json texts of the batch
  // written as bytes into one blob that each row cuts its text from (see signals-json.ts).
  const enc = new SignalsJsonEncoder(SIGNAL_NAMES);
  const texts = Buffer.allocUnsafe(EDGE_ROWS * enc.maxBytes);
  const params: unknown[] = new Array(1 + EDGE_WIDTH * EDGE_ROWS).fill(null);
  const full = edgeInsert(db, EDGE_ROWS);
  let k = 1;
  let pos = 0;
  const dbId = c.accounts.dbId;
  // in primary-key order (a, b by accounts.id): the B-tree is appended to, not split at random.
  // Projection emits edges by (a, b) in dense order, which is accounts.id order.
  for (let e = 0; e < edges.count; e++) {
    if (!store[e]) continue;
    const end = enc.write(texts, pos, edges.sigK, edges.sigW, edges.sigStart[e]!, edges.sigStart[e + 1]!);
    const da = dbId[edges.a[e]!]!;
    const dbb = dbId[edges.b[e]!]!;
    params[k++] = Math.min(da, dbb);
    params[k++] = Math.max(da, dbb);
    params[k++] = edges.weight[e]!;
    params[k++] = pos + 1; // substr counts from 1
    params[k++] = end - pos;
    params[k++] = edges.strong[e]!;
    pos = end;
    if (k === params.length) {
      params[0] = texts.subarray(0, pos);
      full.run(params);
      k = 1;
      pos = 0;
    }
  }
  if (k > 1) {
    params[0] = texts.subarray(0, pos);
    edgeInsert(db, (k - 1) / EDGE_WIDTH).run(params.slice(0, k));
  }
}

/** Edge rows per INSERT, and parameters per row (a, b, weight, text offset, text length, strong). */
const EDGE_ROWS = 256;
const EDGE_WIDTH = 6;

/** An INSERT of `rows` edges: the first parameter is the blob of their signals_json texts. */
function edgeInsert(db: Db, rows: number) {
  const values = Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ');
  return db.prepare(
    `INSERT INTO edges (a, b, weight, signals_json, strong) SELECT column1, column2, column3, CAST(substr(?, column4, column5) AS TEXT), column6 FROM (VALUES ${values})`,
  );
}

function prefixed(strengths: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(strengths)) out[`strength.${k}`] = Math.round(v * 1e4) / 1e4;
  return out;
}
