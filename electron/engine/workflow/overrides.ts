// Engine (analysis job). Replays the investigator's decisions on a fresh clustering:
// - merges: every current cluster holding one of a merge's accounts joins the merge's cluster id;
// - splits: a split's accounts leave whatever cluster they are in, into the split's cluster id;
// - false positives: accounts with that verdict are taken out of every cluster.
// The linkage analysis calls applyManualOverrides(db) inside its write transaction, after it has
// written clusters and cluster_members (with stable ids) and before it reads them back. Nothing
// here is an undoable action: it re-derives state from the durable decisions.
import type { Db } from '../db/connection';
import { applyForward } from './changes';
import { accountIntIds, clustersOfAccounts, membersOf, planMoves } from './membership';
import { falsePositiveAccounts } from './verdicts';

export interface OverrideSummary {
  merges: number;
  splits: number;
  falsePositivesRemoved: number;
  accountsMoved: number;
}

interface OverrideRow {
  id: number;
  op: 'merge' | 'split';
  target: string;
  accounts: string;
  sources: string;
}

export function applyManualOverrides(db: Db, analysisId?: number): OverrideSummary {
  const summary: OverrideSummary = { merges: 0, splits: 0, falsePositivesRemoved: 0, accountsMoved: 0 };
  const run = db.transaction(() => {
    const fp = new Set(falsePositiveAccounts(db));
    const overrides = db.prepare('SELECT id, op, target, accounts, sources FROM cluster_overrides WHERE active = 1 ORDER BY id').all() as OverrideRow[];
    for (const o of overrides) {
      const accounts = (JSON.parse(o.accounts) as string[]).filter((a) => !fp.has(a));
      const ints = [...accountIntIds(db, accounts).values()];
      if (ints.length === 0) continue;
      const moves = new Map<number, string | null>();
      const current = new Set([...clustersOfAccounts(db, ints).values()].sort());
      if (o.op === 'merge') {
        // whole clusters join: the merge said these groups are one
        for (const c of current) for (const m of membersOf(db, c)) moves.set(m, o.target);
        for (const i of ints) moves.set(i, o.target);
      } else {
        for (const i of ints) moves.set(i, o.target);
      }
      const reason = o.op === 'merge' ? `Merged by the investigator from ${(JSON.parse(o.sources) as string[]).join(', ')}` : `Split off ${(JSON.parse(o.sources) as string[]).join(', ')} by the investigator`;
      // the cluster whose score and reasons the result starts from: the target if the analysis
      // kept its id, else a cluster the accounts are in now
      const base = current.has(o.target) ? o.target : ([...current][0] ?? null);
      const changes = planMoves(db, moves, new Map([[o.target, { base, reason }]]), analysisId);
      applyForward(db, changes);
      summary.accountsMoved += changes.filter((c) => c.table === 'cluster_members').length;
      if (o.op === 'merge') summary.merges++;
      else summary.splits++;
    }
    const fpInts = [...accountIntIds(db, [...fp]).values()];
    const inClusters = clustersOfAccounts(db, fpInts);
    if (inClusters.size) {
      const changes = planMoves(db, new Map([...inClusters.keys()].map((i) => [i, null])), new Map(), analysisId);
      applyForward(db, changes);
      summary.falsePositivesRemoved = inClusters.size;
    }
  });
  run();
  return summary;
}
