// Engine. An investigator's tags and notes on clusters that a later analysis regrouped. A cluster
// keeps its id across re-analysis when its members barely change; when they do change (new
// imports, other parameters), its id goes and its tags and notes stay keyed by it, where no view
// shows them. So each analysis records, in the audit log, where the accounts of every cluster
// that carried work went; the app lists that work and carries it over, as an undoable action,
// to the cluster the investigator picks.
import { appendAudit } from '../audit/audit-log';
import { EngineError } from '../../shared/result';
import type { Db } from '../db/connection';
import { runAction } from './actions';
import { change, type Change, type Row } from './changes';
import { requireClusters } from './membership';

const REGROUPED_ACTION = 'analysis.regrouped';
/** where a regrouped cluster's accounts went: its largest destinations, this many */
const DESTINATIONS = 5;

/** The current clusters that carry tags or notes, and their members (read before an analysis). */
export function clustersWithWork(db: Db): Map<string, number[]> {
  const rows = db
    .prepare(
      `SELECT m.cluster_id AS id, m.account AS account FROM cluster_members m
       WHERE m.cluster_id IN (SELECT target_id FROM tag_links WHERE target_kind = 'cluster'
                              UNION SELECT target_id FROM notes WHERE target_kind = 'cluster')
       ORDER BY m.cluster_id, m.account`,
    )
    .all() as Array<{ id: string; account: number }>;
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const l = out.get(r.id);
    if (l) l.push(r.account);
    else out.set(r.id, [r.account]);
  }
  return out;
}

export interface Destination {
  clusterId: string;
  accounts: number;
}

export interface RegroupedRecord {
  clusterId: string;
  accounts: number;
  /** the clusters holding its accounts now, most accounts first */
  now: Destination[];
  /** its accounts in no cluster now */
  unclustered: number;
}

/**
 * After an analysis: the clusters of `before` whose id it did not keep, with where their accounts
 * went, recorded in the audit log (one entry, none when every id was kept). Returns the records.
 */
export function recordRegrouped(db: Db, before: ReadonlyMap<string, readonly number[]>, analysisId: number): RegroupedRecord[] {
  if (before.size === 0) return [];
  return db.transaction(() => {
    const exists = db.prepare('SELECT 1 FROM clusters WHERE id = ?').pluck();
    const clusterOf = db.prepare('SELECT cluster_id FROM cluster_members WHERE account = ?').pluck();
    const records: RegroupedRecord[] = [];
    for (const [id, accounts] of before) {
      if (exists.get(id)) continue;
      const counts = new Map<string, number>();
      let unclustered = 0;
      for (const a of accounts) {
        const c = clusterOf.get(a) as string | undefined;
        if (c === undefined) unclustered++;
        else counts.set(c, (counts.get(c) ?? 0) + 1);
      }
      const now = [...counts]
        .map(([clusterId, n]) => ({ clusterId, accounts: n }))
        .sort((x, y) => y.accounts - x.accounts || x.clusterId.localeCompare(y.clusterId))
        .slice(0, DESTINATIONS);
      records.push({ clusterId: id, accounts: accounts.length, now, unclustered });
    }
    if (records.length > 0) appendAudit(db, { actor: 'linkwork', action: REGROUPED_ACTION, subject: `analysis ${analysisId}`, details: { analysisId, clusters: records } });
    return records;
  })();
}

export interface RegroupedWork extends RegroupedRecord {
  tags: string[];
  notes: number;
  /** the analysis that regrouped it; null when no analysis of this version recorded it */
  analysisId: number | null;
}

/** Tags and notes on clusters that no longer exist, with where their accounts went (if recorded). */
export function regroupedWork(db: Db): RegroupedWork[] {
  const gone = db
    .prepare(
      `SELECT id, group_concat(tag, char(31)) AS tags, sum(note) AS notes FROM (
         SELECT l.target_id AS id, t.name AS tag, 0 AS note FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE l.target_kind = 'cluster'
         UNION ALL SELECT target_id, NULL, 1 FROM notes WHERE target_kind = 'cluster')
       WHERE id NOT IN (SELECT id FROM clusters) GROUP BY id ORDER BY id`,
    )
    .all() as Array<{ id: string; tags: string | null; notes: number }>;
  if (gone.length === 0) return [];
  const wanted = new Set(gone.map((g) => g.id));
  const recorded = new Map<string, { analysisId: number; record: RegroupedRecord }>();
  const exists = db.prepare('SELECT 1 FROM clusters WHERE id = ?').pluck();
  // newest first: the analysis that last regrouped it says where its accounts are
  for (const e of db.prepare('SELECT details FROM audit_log WHERE action = ? ORDER BY seq DESC').iterate(REGROUPED_ACTION) as Iterable<{ details: string }>) {
    const d = JSON.parse(e.details) as { analysisId: number; clusters: RegroupedRecord[] };
    for (const r of d.clusters) if (wanted.has(r.clusterId) && !recorded.has(r.clusterId)) recorded.set(r.clusterId, { analysisId: d.analysisId, record: r });
    if (recorded.size === wanted.size) break;
  }
  return gone.map((g) => {
    const rec = recorded.get(g.id);
    return {
      clusterId: g.id,
      tags: g.tags ? [...new Set(g.tags.split('\x1f'))].sort() : [],
      notes: g.notes,
      accounts: rec?.record.accounts ?? 0,
      // a later analysis may have regrouped those clusters too: only those that exist can take the work
      now: (rec?.record.now ?? []).filter((d) => exists.get(d.clusterId)),
      unclustered: rec?.record.unclustered ?? 0,
      analysisId: rec?.analysisId ?? null,
    };
  });
}

/** Moves the tags and notes of a regrouped cluster onto a current one (undoable). */
export function carryOver(db: Db, input: { from: string; to: string }) {
  return runAction(db, { kind: 'cluster.carryOver', label: `Carry the tags and notes of ${input.from} over to ${input.to}`, subject: `cluster:${input.to}`, details: { ...input } }, () => {
    requireClusters(db, [input.to]);
    if (db.prepare('SELECT 1 FROM clusters WHERE id = ?').get(input.from)) throw new EngineError('BAD_REQUEST', `${input.from} still exists: tag it or write on it directly.`);
    const changes: Array<Change | null> = [];
    const links = db.prepare("SELECT tag_id, created_at FROM tag_links WHERE target_kind = 'cluster' AND target_id = ? ORDER BY tag_id").all(input.from) as Array<{ tag_id: number; created_at: string }>;
    const has = db.prepare("SELECT 1 FROM tag_links WHERE tag_id = ? AND target_kind = 'cluster' AND target_id = ?");
    for (const l of links) {
      changes.push(change(db, 'tag_links', { tag_id: l.tag_id, target_kind: 'cluster', target_id: input.from }, null));
      if (!has.get(l.tag_id, input.to)) {
        const key = { tag_id: l.tag_id, target_kind: 'cluster', target_id: input.to };
        changes.push(change(db, 'tag_links', key, { ...key, created_at: l.created_at }));
      }
    }
    const notes = db.prepare("SELECT * FROM notes WHERE target_kind = 'cluster' AND target_id = ? ORDER BY id").all(input.from) as Array<Row & { id: number }>;
    for (const n of notes) changes.push(change(db, 'notes', { id: n.id }, { ...n, target_id: input.to }));
    if (links.length === 0 && notes.length === 0) throw new EngineError('NOT_FOUND', `No tags or notes on ${input.from}.`);
    return { changes, value: { tags: links.length, notes: notes.length } };
  });
}
