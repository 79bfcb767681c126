// Integration: tags and notes on a cluster that a re-analysis regrouped (its id gone) are not lost
// from view: the analysis records where its accounts went, the work is listed, and carrying it
// over to a current cluster is an undoable action. On a real case file, with the real analysis job.
import { describe, expect, it } from 'vitest';
import { verifyCaseAudit } from '../../../electron/engine/audit/audit-log';
import { runJobInProcess } from '../../../electron/cli/run-job';
import { analyzeJob } from '../../../electron/engine/linkage/analyze-job';
import { CaseSession } from '../../../electron/engine/session';
import { undo } from '../../../electron/engine/workflow/actions';
import { listNotes, saveNote } from '../../../electron/engine/workflow/notes';
import { carryOver, clustersWithWork, recordRegrouped, regroupedWork } from '../../../electron/engine/workflow/regrouped';
import { setTagged, tagsOf } from '../../../electron/engine/workflow/tags';
import { fixtureCase } from '../evidence/fixture-case';

type Db = CaseSession['db'];

/** what an analysis does to the derived tables: clusters rebuilt from scratch */
function recluster(db: Db, clusters: Record<string, number[]>): void {
  db.transaction(() => {
    db.exec('DELETE FROM cluster_members; DELETE FROM clusters');
    const insC = db.prepare("INSERT INTO clusters (id, analysis_id, size, score, flagged, features_json, reasons_json, exchanges) VALUES (?, 2, ?, 0.8, 1, '{}', '[]', 0)");
    const insM = db.prepare('INSERT INTO cluster_members (account, cluster_id) VALUES (?, ?)');
    for (const [id, members] of Object.entries(clusters)) {
      insC.run(id, members.length);
      for (const a of members) insM.run(a, id);
    }
  })();
}

describe('work on regrouped clusters', () => {
  it('is recorded with where its accounts went, listed, carried over and undone', () => {
    const s = CaseSession.open(fixtureCase().path);
    const db = s.db;
    setTagged(db, { tag: 'Hydra', kind: 'cluster', ids: ['C-alpha'], on: true });
    setTagged(db, { tag: 'shared card', kind: 'cluster', ids: ['C-alpha'], on: true });
    saveNote(db, { targetKind: 'cluster', targetId: 'C-alpha', format: 'text', body: 'card fp-card-1 on all four' });
    saveNote(db, { targetKind: 'cluster', targetId: 'C-beta', format: 'text', body: 'same template' });
    const before = clustersWithWork(db);
    expect([...before.keys()]).toEqual(['C-alpha', 'C-beta']);

    // the re-analysis split C-alpha: three accounts joined C-beta's successor, one left every cluster
    recluster(db, { 'C-beta': [2, 3, 4, 5, 6, 7] });
    const records = recordRegrouped(db, before, 2);
    expect(records).toEqual([{ clusterId: 'C-alpha', accounts: 4, now: [{ clusterId: 'C-beta', accounts: 3 }], unclustered: 1 }]);
    expect(regroupedWork(db)).toEqual([{ clusterId: 'C-alpha', tags: ['Hydra', 'shared card'], notes: 1, accounts: 4, now: [{ clusterId: 'C-beta', accounts: 3 }], unclustered: 1, analysisId: 2 }]);

    const r = carryOver(db, { from: 'C-alpha', to: 'C-beta' });
    expect(r.value).toEqual({ tags: 2, notes: 1 });
    expect(tagsOf(db, 'cluster', ['C-alpha', 'C-beta'])).toEqual({ 'C-beta': ['Hydra', 'shared card'] });
    expect(listNotes(db, 'cluster', 'C-beta').map((n) => n.body)).toEqual(['card fp-card-1 on all four', 'same template']);
    expect(regroupedWork(db)).toEqual([]);
    expect(() => carryOver(db, { from: 'C-beta', to: 'C-beta' })).toThrow(/still exists/);

    expect(undo(db)?.label).toBe('Carry the tags and notes of C-alpha over to C-beta');
    expect(regroupedWork(db).map((w) => [w.clusterId, w.tags, w.notes])).toEqual([['C-alpha', ['Hydra', 'shared card'], 1]]);
    expect(listNotes(db, 'cluster', 'C-beta').map((n) => n.body)).toEqual(['same template']);
    // nowhere to carry to once the cluster it went to is gone too
    recluster(db, { 'C-other': [5, 6, 7] });
    expect(regroupedWork(db).find((w) => w.clusterId === 'C-alpha')?.now).toEqual([]);
    expect(() => carryOver(db, { from: 'C-alpha', to: 'C-beta' })).toThrow(/no longer exists/);
    expect(verifyCaseAudit(db).ok).toBe(true);
    s.close();
  });

  it('is recorded by the real analysis job for a tagged cluster it did not keep', async () => {
    const { path } = fixtureCase();
    let s = CaseSession.open(path);
    // a one-account cluster (as a split leaves): no analysis makes a cluster of one
    s.db.prepare("INSERT INTO clusters (id, analysis_id, size, score, flagged, features_json, reasons_json, exchanges) VALUES ('C-lone', 1, 1, 0.1, 0, '{}', '[]', 8)").run();
    s.db.prepare("INSERT INTO cluster_members (account, cluster_id) VALUES (8, 'C-lone')").run();
    setTagged(s.db, { tag: 'look again', kind: 'cluster', ids: ['C-lone'], on: true });
    s.close();
    const result = await runJobInProcess(analyzeJob, path, {}, { quiet: true });
    s = CaseSession.open(path);
    expect(regroupedWork(s.db)).toEqual([{ clusterId: 'C-lone', tags: ['look again'], notes: 0, accounts: 1, now: [], unclustered: 1, analysisId: result.analysisId }]);
    const entry = s.db.prepare("SELECT actor, subject FROM audit_log WHERE action = 'analysis.regrouped'").get();
    expect(entry).toEqual({ actor: 'linkwork', subject: `analysis ${result.analysisId}` });
    s.close();
  }, 60_000);

  it('records work added while the analysis computed, before its write began', async () => {
    const { path } = fixtureCase();
    const s = CaseSession.open(path);
    s.db.prepare("INSERT INTO clusters (id, analysis_id, size, score, flagged, features_json, reasons_json, exchanges) VALUES ('C-lone', 1, 1, 0.1, 0, '{}', '[]', 8)").run();
    s.db.prepare("INSERT INTO cluster_members (account, cluster_id) VALUES (8, 'C-lone')").run();
    s.close();
    // the job on its own connection, as the job worker runs it; the investigator tags and notes
    // the cluster from another connection (the app's engine) while the values are derived
    const job = CaseSession.open(path);
    const app = CaseSession.open(path);
    const phases: string[] = [];
    const result = await analyzeJob(
      {
        db: job.db,
        casePath: path,
        progress: ({ phase }) => {
          if (phase === 'deriving values' && !phases.includes(phase)) {
            setTagged(app.db, { tag: 'tagged meanwhile', kind: 'cluster', ids: ['C-lone'], on: true });
            saveNote(app.db, { targetKind: 'cluster', targetId: 'C-lone', format: 'text', body: 'seen meanwhile' });
          }
          phases.push(phase);
        },
        isCancelled: () => false,
        checkCancelled: () => {},
      },
      {},
    );
    expect(phases).toContain('deriving values');
    job.close();
    expect(regroupedWork(app.db)).toEqual([{ clusterId: 'C-lone', tags: ['tagged meanwhile'], notes: 1, accounts: 1, now: [], unclustered: 1, analysisId: result.analysisId }]);
    expect(verifyCaseAudit(app.db).ok).toBe(true);
    app.close();
  }, 60_000);
});
