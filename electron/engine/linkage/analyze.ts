// Engine, job worker. The analysis pipeline, phase by phase: collect values -> derive values ->
// weight and cap -> project edges -> cluster -> score -> persist (one write transaction, with
// its audit entry). Reading happens before the transaction, so cancelling at any point before
// the write leaves the case exactly as it was.
import { AnalysisParameters, type AnalysisParametersInput } from '../../shared/contract/analysis';
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { APP_VERSION } from '../version';
import { applyManualOverrides } from '../workflow/overrides';
import { bulkInsert } from './bulk-insert';
import { clusterAccounts } from './clustering';
import { clusterFeatures } from './cluster-features';
import { collect } from './collect';
import { selectStoredEdges } from './edge-selection';
import { ensureAggregates } from './aggregates/state';
import { addDerivedValues, templateSignatures } from './derived-values';
import { startTemplateFamilies } from './template-families-async';
import { linkValues, projectEdges } from './project';
import { scoreCluster } from './scoring';
import { signalDef, SIGNAL_NAMES } from './signals';
import { assignClusterIds } from './stable-ids';
import { falsePositiveAccounts } from './verdicts';

export interface AnalyzeHooks {
  progress(phase: string, done: number, total?: number | null): void;
  checkCancelled(): void;
}

export interface AnalysisResult {
  analysisId: number;
  parameters: AnalysisParameters;
  stats: Record<string, number>;
  phases: Record<string, number>;
  /** process CPU time (user + system) per phase, ms: comparable across machine loads */
  phasesCpu: Record<string, number>;
}

const noHooks: AnalyzeHooks = { progress: () => {}, checkCancelled: () => {} };

export function resolveParameters(input?: Partial<AnalysisParametersInput>): AnalysisParameters {
  return AnalysisParameters.parse(input ?? {});
}

export function analyze(db: Db, input?: Partial<AnalysisParametersInput>, hooks: AnalyzeHooks = noHooks): AnalysisResult {
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
  lap('weigh');
  hooks.progress('projecting edges', 0, null);
  const fp = falsePositiveAccounts(db);
  const excluded = new Uint8Array(n);
  for (const id of fp) {
    const i = id < c.accounts.indexOfDbId.length ? c.accounts.indexOfDbId[id]! : -1;
    if (i >= 0) excluded[i] = 1;
  }
  const edges = projectEdges(c.table, lv, n, p, excluded, c.behaviour.exchanges);
  lap('project');
  hooks.progress('clustering', 0, null);
  const { groups, louvainSplits } = clusterAccounts(n, edges, p);
  lap('cluster');
  hooks.progress('scoring', 0, groups.length);
  const byAccount = c.table.byAccount();
  const scored = groups.map((members) => {
    const f = clusterFeatures(c, lv, byAccount, members, p.binClusterShare);
    const s = scoreCluster(f, p.flagScore);
    return { members, f, s };
  });
  lap('score');

  const previous = new Map<string, string[]>();
  for (const r of db
    .prepare('SELECT m.cluster_id AS id, a.account_id AS account FROM cluster_members m JOIN accounts a ON a.id = m.account')
    .all() as { id: string; account: string }[]) {
    const l = previous.get(r.id);
    if (l) l.push(r.account);
    else previous.set(r.id, [r.account]);
  }
  const ids = assignClusterIds(
    scored.map((x) => x.members.map((a) => c.accounts.accountId[a]!)),
    previous,
    p.stableIdJaccard,
  );
  let idsKept = 0;
  for (const id of ids) if (previous.has(id)) idsKept++;
  let strongEdges = 0;
  for (let e = 0; e < edges.count; e++) strongEdges += edges.strong[e]!;
  let linkValuesStored = 0;
  let hubs = 0;
  for (let v = 0; v < lv.degree.length; v++) {
    if (lv.degree[v]! >= 2) linkValuesStored++;
    if (lv.degree[v]! >= 2 && lv.hub[v]) hubs++;
  }
  const stats: Record<string, number> = {
    accounts: n,
    exchanges: c.exchangeCount,
    values: linkValuesStored,
    hubs,
    templateFamilies: derived.templateFamilies,
    projectedPairs: edges.projected,
    candidateEdges: edges.count,
    strongEdges,
    clusters: groups.length,
    flagged: scored.filter((x) => x.s.flagged).length,
    flaggedAccounts: scored.filter((x) => x.s.flagged).reduce((s, x) => s + x.members.length, 0),
    louvainSplits,
    clusterIdsKept: idsKept,
    falsePositivesExcluded: fp.size,
    adaptiveSoftHubCap: lv.softCap ?? 0,
  };
  hooks.checkCancelled();
  hooks.progress('saving', 0, null);

  const analysisId = db.transaction(() => {
    const id = Number(
      db
        .prepare("INSERT INTO analyses (started_at, status, parameters_json, app_version) VALUES (?, 'running', ?, ?)")
        .run(startedAt, JSON.stringify(p), APP_VERSION).lastInsertRowid,
    );
    db.exec('DELETE FROM account_values; DELETE FROM link_values; DELETE FROM edges; DELETE FROM cluster_members; DELETE FROM clusters;');
    // secondary indexes are rebuilt after the load: one sort instead of a random insert per row
    db.exec('DROP INDEX IF EXISTS account_values_account; DROP INDEX IF EXISTS edges_b;');
    const insValue = bulkInsert(db, 'link_values', ['id', 'signal', 'value', 'degree', 'weight', 'hub']);
    const insAv = bulkInsert(db, 'account_values', ['value_id', 'account', 'count', 'first_ts', 'last_ts', 'example_exchange']);
    const t = c.table;
    // Kept: hard values with all their holders; soft values (hubs included: the value itself is
    // always recorded with its degree) only for accounts that are in a cluster. Soft values among
    // the benign background linked nothing; leaving them out keeps the write proportional to the
    // findings, not to the data (a carrier NAT would otherwise write a row per subscriber).
    const clustered = new Uint8Array(n);
    for (const g of groups) for (const a of g) clustered[a] = 1;
    // ... and accounts joined by an edge heavy enough to be strong but lacking corroboration:
    // exactly the pairs an investigator asks about ("why are these two NOT linked?")
    const kept = clustered.slice();
    const nearStrong = (p.strongEdgeWeight + Math.max(p.strongEdgeWeight, p.softMinWeight)) / 2;
    for (let e = 0; e < edges.count; e++) {
      if (edges.weight[e]! >= nearStrong) {
        kept[edges.a[e]!] = 1;
        kept[edges.b[e]!] = 1;
      }
    }
    const nf = (x: number) => (Number.isNaN(x) ? null : x);
    for (let v = 0; v < lv.degree.length; v++) {
      const d = lv.degree[v]!;
      if (d < 2) continue;
      const info = t.values[v]!;
      const all = signalDef(info.signal).strength === 'hard';
      let holders = 0;
      if (!all) for (let k = lv.start[v]!; k < lv.start[v + 1]!; k++) holders += kept[t.pa[lv.order[k]!]!]!;
      if (!all && holders < 1 && !lv.hub[v]) continue;
      insValue.push(v + 1, info.signal, info.text, d, lv.weight[v]!, lv.hub[v]!);
      for (let k = lv.start[v]!; k < lv.start[v + 1]!; k++) {
        const q = lv.order[k]!;
        if (!all && !kept[t.pa[q]!]) continue;
        insAv.push(v + 1, c.accounts.dbId[t.pa[q]!]!, t.count[q]!, nf(t.first[q]!), nf(t.last[q]!), t.example[q]! >= 0 ? t.example[q]! : null);
      }
    }
    insValue.flush();
    insAv.flush();
    const insEdge = bulkInsert(db, 'edges', ['a', 'b', 'weight', 'signals_json', 'strong']);
    const nsig = SIGNAL_NAMES.length;
    // Stored: each account's `edgesPerAccount` heaviest links plus a maximum spanning forest of
    // the strong ones (so every cluster stays connected for paths), not the dense interior of a
    // big campaign. Shared values stay complete in account_values; explain reads those.
    // Candidates: strong edges and those of kept accounts (projection already dropped the pairs
    // lighter than half the strong weight).
    const store = selectStoredEdges(n, edges, kept, p.edgesPerAccount);
    // signals_json written as text directly: the same JSON as JSON.stringify of
    // [{signal, weight}] sorted by weight (descending, stable), without an object per signal
    const sigHead = SIGNAL_NAMES.map((name) => `{"signal":${JSON.stringify(name)},"weight":`);
    const sIdx = new Int32Array(nsig);
    const sW = new Float64Array(nsig);
    // in primary-key order (a, b by accounts.id): the B-tree is appended to, not split at random.
    // Projection emits edges by (a, b) in dense order, which is accounts.id order.
    for (let e = 0; e < edges.count; e++) {
      if (!store[e]) continue;
      let m = 0;
      for (let x = edges.sigStart[e]!; x < edges.sigStart[e + 1]!; x++) {
        const s = edges.sigK[x]!;
        const w = edges.sigW[x]!;
        if (!(w > 0)) continue;
        const r = Math.round(w * 1e4) / 1e4;
        // insertion sort, stable: after every earlier signal of equal or greater weight
        let k = m++;
        while (k > 0 && sW[k - 1]! < r) {
          sW[k] = sW[k - 1]!;
          sIdx[k] = sIdx[k - 1]!;
          k--;
        }
        sW[k] = r;
        sIdx[k] = s;
      }
      let json = '[';
      for (let k = 0; k < m; k++) json += `${k ? ',' : ''}${sigHead[sIdx[k]!]!}${sW[k]!}}`;
      json += ']';
      const da = c.accounts.dbId[edges.a[e]!]!;
      const dbb = c.accounts.dbId[edges.b[e]!]!;
      insEdge.push(Math.min(da, dbb), Math.max(da, dbb), edges.weight[e]!, json, edges.strong[e]!);
    }
    insEdge.flush();
    db.exec('CREATE INDEX IF NOT EXISTS account_values_account ON account_values (account, value_id); CREATE INDEX IF NOT EXISTS edges_b ON edges (b, a);');
    const insCluster = db.prepare(
      'INSERT INTO clusters (id, analysis_id, size, score, flagged, features_json, reasons_json, first_ts, last_ts, exchanges) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insMember = db.prepare('INSERT INTO cluster_members (account, cluster_id) VALUES (?, ?)');
    scored.forEach((x, i) => {
      const { firstTs, lastTs, ...features } = x.f;
      insCluster.run(ids[i]!, id, x.members.length, x.s.score, x.s.flagged ? 1 : 0, JSON.stringify({ ...features, ...prefixed(x.s.strengths) }), JSON.stringify(x.s.reasons), firstTs, lastTs, x.f.exchanges);
      for (const a of x.members) insMember.run(c.accounts.dbId[a]!, ids[i]!);
    });
    // the investigator's merges, splits and false positives are replayed on the fresh clustering
    const o = applyManualOverrides(db, id);
    stats.manualMerges = o.merges;
    stats.manualSplits = o.splits;
    stats.falsePositivesRemoved = o.falsePositivesRemoved;
    lap('persist');
    db.prepare("UPDATE analyses SET status = 'complete', finished_at = ?, stats_json = ? WHERE id = ?").run(new Date().toISOString(), JSON.stringify({ ...stats, phases }), id);
    appendAudit(db, { actor: 'linkwork', action: 'analysis', subject: `analysis ${id}`, details: { parameters: p, stats } });
    return id;
  })();
  return { analysisId, parameters: p, stats, phases, phasesCpu };
}

function prefixed(strengths: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(strengths)) out[`strength.${k}`] = Math.round(v * 1e4) / 1e4;
  return out;
}
