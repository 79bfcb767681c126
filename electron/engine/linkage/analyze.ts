// Engine, job worker. The analysis pipeline, phase by phase: collect values -> derive values ->
// weight and cap -> project edges -> cluster -> score -> persist, with its audit entry.
// One write transaction opens once the values are weighed: its first parts (the previous results
// deleted and each account's packed values written, then the values and their holders) run on
// this thread while the projection's and the clustering's workers work, and nothing else writes
// before the end. Cancelling or failing at any point rolls it back, leaving the case exactly as
// it was.
import { AnalysisParameters, type AnalysisParametersInput } from '../../shared/contract/analysis';
import { appendAudit } from '../audit/audit-log';
import { checkpointOnThread } from '../db/background-checkpoints';
import { withTempFiles } from '../db/sorted-index';
import type { Db } from '../db/connection';
import { APP_VERSION } from '../version';
import { applyManualOverrides } from '../workflow/overrides';
import { clusterAccounts } from './clustering';
import { splitOnWorker } from './component-splits-async';
import { WORKER_MIN_EDGES as TRIES_WORKER_MIN_EDGES } from './communities-async';
import { clusterFeatures, valueRoles } from './cluster-features';
import { collect } from './collect';
import { ensureAggregates } from './aggregates/state';
import { addDerivedValues, templateSignatures } from './derived-values';
import { startTemplateFamilies } from './template-families-async';
import { linkValues, projectEdges } from './project';
import { valueSignals, type Prepared } from './project-input';
import { startHubStructures } from './project-hubs-async';
import { twoThreadRows } from './project-async';
import { clearLinkage, hardHolderTimes, persistClusters, persistEdges, persistValueSets, persistValues, storedEdgeSelection, valueKinds, type HardHolderTimes } from './persist';
import { selectForTask } from './edge-selection';
import { startStoredEdgeSelection } from './edge-selection-async';
import { scoreCluster } from './scoring';
import { assignClusterIds } from './stable-ids';
import { falsePositiveAccounts } from './verdicts';
import { keepTexts } from './value-texts';

export interface AnalyzeHooks {
  progress(phase: string, done: number, total?: number | null): void;
  checkCancelled(): void;
  /** Called first in the write's transaction, which holds the case's write lock from its start:
   * what it reads includes every change the investigator made while the analysis computed
   * (tags, notes, merges), and none can come between that read and the write. */
  atWrite?(): void;
}

export interface AnalysisResult {
  analysisId: number;
  parameters: AnalysisParameters;
  stats: Record<string, number>;
  phases: Record<string, number>;
  /** process CPU time (user + system) per phase, ms: comparable across machine loads */
  phasesCpu: Record<string, number>;
}

/** Bytes per pair of the value table's first/last seen and example columns (ValueTable.releaseTimes). */
const TIMES_BYTES_PER_PAIR = 20;
/** Times columns from this size are written and let go before the projection (see analyze). */
const EARLY_TIMES_BYTES = 256 * 2 ** 20;

const noHooks: AnalyzeHooks = { progress: () => {}, checkCancelled: () => {} };

export function resolveParameters(input?: Partial<AnalysisParametersInput>): AnalysisParameters {
  return AnalysisParameters.parse(input ?? {});
}

/** `earlyTimesBytes`: times columns from this size are written and let go before the projection
 * (EARLY_TIMES_BYTES; tests set 0 to take that path on a small case). */
export function analyze(db: Db, input?: Partial<AnalysisParametersInput>, hooks: AnalyzeHooks = noHooks, opts: { earlyTimesBytes?: number } = {}): AnalysisResult {
  const p = resolveParameters(input);
  const phases: Record<string, number> = {};
  const phasesCpu: Record<string, number> = {};
  let t0 = performance.now();
  let c0 = process.cpuUsage();
  const lap = (name: string) => {
    const t = performance.now();
    phases[name] = Math.round(t - t0);
    t0 = t;
    const cu = process.cpuUsage(c0);
    phasesCpu[name] = Math.round((cu.user + cu.system) / 1000);
    c0 = process.cpuUsage();
    hooks.checkCancelled();
  };
  const startedAt = new Date().toISOString();

  // aggregates kept at import time; rebuilt once (reading every exchange) when they do not cover the case
  ensureAggregates(db, {
    progress: (done, total) => hooks.progress('building aggregates from exchanges (once per case)', done, total),
    checkCancelled: () => hooks.checkCancelled(),
  });
  lap('aggregates');
  // the template family search starts as soon as the templates are read (on a worker thread
  // when built and worth it) and runs while the other aggregates are read
  let families: { result(): Int32Array } | undefined;
  const c = collect(
    db,
    (done, total) => {
      hooks.progress('reading aggregates', done, total);
      hooks.checkCancelled();
    },
    {
      aggregatesChecked: true,
      deferTexts: true,
      onTemplates: (t) => {
        const { hi, lo } = templateSignatures(t);
        families = startTemplateFamilies(hi, lo, p.templateHammingMax);
      },
    },
  );
  lap('collect');
  hooks.progress('deriving values', 0, null);
  const derived = addDerivedValues(c, p, families);
  c.table.seal();
  c.templates.release();
  lap('derive');
  const n = c.accounts.n;
  const lv = linkValues(c.table, n, p);
  // only the texts the write stores are kept (values held by two or more accounts; family labels made as written)
  keepTexts(db, c.table, (v) => lv.degree[v]! >= 2);
  lap('weigh');
  const fp = falsePositiveAccounts(db);
  const excluded = new Uint8Array(n);
  for (const id of fp) {
    const i = id < c.accounts.indexOfDbId.length ? c.accounts.indexOfDbId[id]! : -1;
    if (i >= 0) excluded[i] = 1;
  }
  let linkValuesStored = 0;
  let hubs = 0;
  for (let v = 0; v < lv.degree.length; v++) {
    if (lv.degree[v]! >= 2) linkValuesStored++;
    if (lv.degree[v]! >= 2 && lv.hub[v]) hubs++;
  }
  // in this order in the stored record; the edge and cluster figures are set in the write
  const stats: Record<string, number> = {
    accounts: n,
    exchanges: c.exchangeCount,
    values: linkValuesStored,
    hubs,
    templateFamilies: derived.templateFamilies,
    projectedPairs: 0,
    candidateEdges: 0,
    strongEdges: 0,
    clusters: 0,
    flagged: 0,
    flaggedAccounts: 0,
    louvainSplits: 0,
    clusterIdsKept: 0,
    falsePositivesExcluded: fp.size,
    adaptiveSoftHubCap: lv.softCap ?? 0,
  };

  const write = db.transaction((): number => {
    // the current clusters (for stable ids), read here (see atWrite) before the write deletes
    // them: a merge made while the analysis computed keeps its id
    const previous = currentClusters(db);
    hooks.atWrite?.();
    hooks.progress('projecting edges', 0, null);
    // The write runs beside the workers. While the projection's worker projects rows (before it
    // starts, when they are large: see below): the previous results deleted and each account's
    // packed values written, after which the value table's times and examples and lv.order (read
    // by nothing else) are let go (700 MB at the reported scale, handed back at once), before
    // this thread reserves its edge columns; in small cases the values and who holds them too.
    // At the reported scale those are written while the clustering's worker splits the large
    // components.
    let kinds: Uint8Array | null = null;
    let times: HardHolderTimes | null = null;
    let valuesWritten = false;
    const valueSets = () => {
      const t = performance.now();
      clearLinkage(db);
      kinds = valueKinds(c, lv);
      persistValueSets(db, c, kinds);
      times = hardHolderTimes(c, lv, kinds);
      phases.valueSetsWrittenDuringProject = Math.round(performance.now() - t);
    };
    // nothing reads them once the values are written and the projection's input (which copies
    // what its rows need of them) is built
    const releaseTimes = () => {
      lv.order = new Int32Array(0);
      c.table.releaseTimes();
    };
    const values = (during = 'Cluster') => {
      if (valuesWritten) return;
      valuesWritten = true;
      const t = performance.now();
      persistValues(db, c, lv, kinds!, times!);
      times = null;
      phases[`valuesWrittenDuring${during}`] = Math.round(performance.now() - t);
    };
    // Large times columns: the values that read them are written first, the examples let go, and
    // the rest as soon as the projection's input has read its positions' times (before its hub
    // samples, 190 MB at the reported scale, and the worker start). Held under the input and the
    // worker's first edges, they set the analysis's peak (28.8M exchanges: 2.19 GB,
    // mid-projection). Meanwhile a worker builds the input's hub structures, which read neither
    // (project-hubs-async.ts). Small ones are written while the worker starts on the rows (the
    // wall time that saves matters more there).
    const early = c.table.pairs * TIMES_BYTES_PER_PAIR >= (opts.earlyTimesBytes ?? EARLY_TIMES_BYTES);
    let ready: Prepared | undefined;
    if (early) {
      const signals = valueSignals(c.table, true);
      const hubs = startHubStructures(c.table, lv, n, p.hubSampleNeighbours, excluded, signals.sigOf, signals.famOf);
      ready = { signals, hubs: hubs.result };
      valueSets();
      c.table.releaseExamples();
    }
    const rows = early
      ? twoThreadRows({ meanwhile: () => {} })
      : twoThreadRows({
          // the values and their holders too: the rows' claims balance this thread's share
          // (clustering small cases runs on this thread alone)
          meanwhile: () => {
            valueSets();
            releaseTimes();
            values('Project');
          },
        });
    const edges = projectEdges(c.table, lv, n, p, excluded, c.behaviour.exchanges, rows, early ? releaseTimes : undefined, ready);
    lap('project');
    hooks.progress('clustering', 0, null);
    // The stored links depend on the edges alone (their strong flags set as the clustering
    // begins). When the split's tries run on one thread (below TRIES_WORKER_MIN_EDGES: a million
    // exchanges), they are written while its worker splits the large components, on the other
    // core; at the reported scale the tries take both cores and the values fill this thread's
    // wait, so the links are written after.
    let edgesWritten = false;
    // where they are written after the clustering, selected on a worker while this thread scores
    let selection: { result(): Uint8Array } | null = null;
    const links = (during: string) => {
      if (edgesWritten) return;
      edgesWritten = true;
      const t = performance.now();
      persistEdges(db, c, edges, selection ? selection.result() : selectForTask(storedEdgeSelection(p, n, edges)));
      phases[`edgesWrittenDuring${during}`] = Math.round(performance.now() - t);
    };
    const split = splitOnWorker({
      meanwhile: (splitEdges, onWorker) => {
        values();
        if (onWorker && splitEdges < TRIES_WORKER_MIN_EDGES) links('Cluster');
      },
    });
    const { groups, louvainSplits } = clusterAccounts(n, edges, p, split);
    values(); // when no component was large enough to split
    if (!edgesWritten) selection = startStoredEdgeSelection(storedEdgeSelection(p, n, edges));
    lap('cluster');
    hooks.progress('scoring', 0, groups.length);
    const byAccount = c.table.byAccount();
    const roles = valueRoles(c, lv);
    const scored = groups.map((members) => {
      const f = clusterFeatures(c, lv, byAccount, members, p.binClusterShare, roles);
      const s = scoreCluster(f, p.flagScore);
      return { members, f, s };
    });
    lap('score');
    const ids = assignClusterIds(
      scored.map((x) => x.members.map((a) => c.accounts.accountId[a]!)),
      previous,
      p.stableIdJaccard,
    );
    let idsKept = 0;
    for (const id of ids) if (previous.has(id)) idsKept++;
    let strongEdges = 0;
    for (let e = 0; e < edges.count; e++) strongEdges += edges.strong[e]!;
    Object.assign(stats, {
      projectedPairs: edges.projected,
      candidateEdges: edges.count,
      strongEdges,
      clusters: groups.length,
      flagged: scored.filter((x) => x.s.flagged).length,
      flaggedAccounts: scored.filter((x) => x.s.flagged).reduce((s, x) => s + x.members.length, 0),
      louvainSplits,
      clusterIdsKept: idsKept,
    });
    hooks.checkCancelled();
    hooks.progress('saving', 0, null);
    links('Persist');
    const id = Number(
      db
        .prepare("INSERT INTO analyses (started_at, status, parameters_json, app_version) VALUES (?, 'running', ?, ?)")
        .run(startedAt, JSON.stringify(p), APP_VERSION).lastInsertRowid,
    );
    persistClusters(db, id, c, scored, ids);
    // the investigator's merges, splits and false positives are replayed on the fresh clustering
    const o = applyManualOverrides(db, id);
    stats.manualMerges = o.merges;
    stats.manualSplits = o.splits;
    stats.falsePositivesRemoved = o.falsePositivesRemoved;
    lap('persist');
    db.prepare("UPDATE analyses SET status = 'complete', finished_at = ?, stats_json = ? WHERE id = ?").run(new Date().toISOString(), JSON.stringify({ ...stats, phases }), id);
    appendAudit(db, { actor: 'linkwork', action: 'analysis', subject: `analysis ${id}`, details: { parameters: p, stats } });
    return id;
  });
  // The log the write leaves (1.4 GB at the reported scale) is copied into the case on a thread
  // of its own after the commit, not by SQLite's automatic checkpoint in this one.
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  // the write's index builds sort through temporary files on helper threads (createIndexSorted),
  // which SQLite lets a transaction choose only before it begins
  let analysisId: number;
  try {
    // IMMEDIATE: the lock is taken as the transaction begins, before its first reads (a deferred
    // one that read first could not write if a change landed in between)
    analysisId = withTempFiles(db, () => write.immediate());
  } finally {
    db.pragma(`wal_autocheckpoint = ${Number(autoCheckpoint) | 0}`);
  }
  if (!checkpointOnThread(db)) db.pragma('wal_checkpoint(PASSIVE)');
  return { analysisId, parameters: p, stats, phases, phasesCpu };
}

/** Each current cluster's accounts (account ids). */
function currentClusters(db: Db): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of db
    .prepare('SELECT m.cluster_id AS id, a.account_id AS account FROM cluster_members m JOIN accounts a ON a.id = m.account')
    .all() as { id: string; account: string }[]) {
    const l = out.get(r.id);
    if (l) l.push(r.account);
    else out.set(r.id, [r.account]);
  }
  return out;
}
