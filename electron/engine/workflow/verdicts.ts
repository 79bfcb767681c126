// Engine. Account verdicts: confirmed_member, false_positive, needs_review (or none). A false
// positive leaves its cluster at once, and the linkage analysis never pulls it back in (it reads
// account_verdicts; applyManualOverrides also enforces it).
import type { Db } from '../db/connection';
import { runAction } from './actions';
import { change, type Change } from './changes';
import { accountIntIds, clustersOfAccounts, planMoves } from './membership';

export const VERDICTS = ['confirmed_member', 'false_positive', 'needs_review'] as const;
export type Verdict = (typeof VERDICTS)[number];

export function setVerdicts(db: Db, input: { accountIds: readonly string[]; verdict: Verdict | null; clusterId?: string | null }) {
  const ids = [...new Set(input.accountIds)].sort();
  const label = input.verdict ? `Mark ${ids.length} account${ids.length === 1 ? '' : 's'} ${input.verdict.replace('_', ' ')}` : `Clear the verdict of ${ids.length} account${ids.length === 1 ? '' : 's'}`;
  return runAction(
    db,
    { kind: 'verdict.set', label, subject: ids.length === 1 ? `account:${ids[0]}` : (input.clusterId ? `cluster:${input.clusterId}` : null), details: { verdict: input.verdict, accountIds: ids.slice(0, 1000), count: ids.length, clusterId: input.clusterId ?? null } },
    () => {
      const now = new Date().toISOString();
      const ints = accountIntIds(db, ids);
      const clusterOf = clustersOfAccounts(db, [...ints.values()]);
      const changes: Array<Change | null> = ids.map((aid) => {
        const cid = input.clusterId ?? (ints.has(aid) ? (clusterOf.get(ints.get(aid)!) ?? null) : null);
        return change(db, 'account_verdicts', { account_id: aid }, input.verdict ? { account_id: aid, verdict: input.verdict, cluster_id: cid, updated_at: now } : null);
      });
      if (input.verdict === 'false_positive') {
        const moves = new Map<number, string | null>();
        for (const id of ints.values()) if (clusterOf.has(id)) moves.set(id, null);
        changes.push(...planMoves(db, moves));
      }
      return { changes, value: { changed: changes.filter((c) => c?.table === 'account_verdicts').length } };
    },
  );
}

export function verdictsOf(db: Db, accountIds: readonly string[]): Record<string, Verdict> {
  const rows = db
    .prepare('SELECT v.account_id AS id, v.verdict AS verdict FROM account_verdicts v JOIN json_each(?) j ON j.value = v.account_id')
    .all(JSON.stringify(accountIds)) as Array<{ id: string; verdict: Verdict }>;
  return Object.fromEntries(rows.map((r) => [r.id, r.verdict]));
}

export function falsePositiveAccounts(db: Db): string[] {
  return (db.prepare("SELECT account_id FROM account_verdicts WHERE verdict = 'false_positive' ORDER BY account_id").all() as Array<{ account_id: string }>).map((r) => r.account_id);
}
