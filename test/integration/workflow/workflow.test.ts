// Integration: investigator actions on a real case file: tags, notes, verdicts, merge, split,
// undo/redo (also after reopening), replay after re-analysis, and the audit chain.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { readAudit, verifyCaseAudit } from '../../../electron/engine/audit/audit-log';
import { CaseSession } from '../../../electron/engine/session';
import { history, redo, undo } from '../../../electron/engine/workflow/actions';
import { mergeClusters, splitCluster } from '../../../electron/engine/workflow/cluster-edit';
import { listNotes, saveNote } from '../../../electron/engine/workflow/notes';
import { applyManualOverrides } from '../../../electron/engine/workflow/overrides';
import { deleteTag, listTags, saveTag, setTagged, tagsOf } from '../../../electron/engine/workflow/tags';
import { setVerdicts, verdictsOf } from '../../../electron/engine/workflow/verdicts';
import { fixtureCase } from '../evidence/fixture-case';

type Db = CaseSession['db'];
const members = (db: Db, c: string) =>
  (db.prepare('SELECT a.account_id AS id FROM cluster_members m JOIN accounts a ON a.id = m.account WHERE m.cluster_id = ? ORDER BY a.account_id').all(c) as Array<{ id: string }>).map((r) => r.id);
const clusterIds = (db: Db) => (db.prepare('SELECT id FROM clusters ORDER BY id').all() as Array<{ id: string }>).map((r) => r.id);
/** everything an action may change, as one comparable value */
const SNAPSHOT_SQL = [
  'SELECT * FROM tags ORDER BY 1',
  'SELECT * FROM tag_links ORDER BY 1, 2, 3',
  'SELECT * FROM notes ORDER BY 1',
  'SELECT * FROM account_verdicts ORDER BY 1',
  'SELECT * FROM cluster_overrides ORDER BY 1',
  'SELECT * FROM clusters ORDER BY 1',
  'SELECT * FROM cluster_members ORDER BY 1',
];
const snapshot = (db: Db) => JSON.stringify(SNAPSHOT_SQL.map((sql) => db.prepare(sql).all()));

describe('workflow actions', () => {
  it('tags in bulk, notes, verdicts, and undoes/redoes every one of them, also after reopening', () => {
    const { path } = fixtureCase();
    let s = CaseSession.open(path);
    const states = [snapshot(s.db)];
    saveTag(s.db, { name: 'Campaign Hydra', color: '#ff0000', description: 'the hydra <b>' });
    states.push(snapshot(s.db));
    setTagged(s.db, { tag: 'Campaign Hydra', kind: 'cluster', ids: ['C-alpha', 'C-beta'], on: true });
    setTagged(s.db, { tag: 'benign', kind: 'account', ids: ['acct-8', 'acct-7'], on: true });
    states.push(snapshot(s.db));
    expect(tagsOf(s.db, 'cluster', ['C-alpha', 'C-beta'])).toEqual({ 'C-alpha': ['Campaign Hydra'], 'C-beta': ['Campaign Hydra'] });
    expect(listTags(s.db).map((t) => [t.name, t.clusters, t.accounts])).toEqual([
      ['benign', 0, 2],
      ['Campaign Hydra', 2, 0],
    ]);
    const note = saveNote(s.db, { targetKind: 'cluster', targetId: 'C-alpha', format: 'markdown', body: '**Card** shared <script>' }).value;
    saveNote(s.db, { id: note.id, targetKind: 'cluster', targetId: 'C-alpha', format: 'markdown', body: 'edited' });
    setVerdicts(s.db, { accountIds: ['acct-1', 'acct-2'], verdict: 'confirmed_member' });
    states.push(snapshot(s.db));
    expect(verdictsOf(s.db, ['acct-1', 'acct-2', 'acct-3'])).toEqual({ 'acct-1': 'confirmed_member', 'acct-2': 'confirmed_member' });
    expect(listNotes(s.db, 'cluster', 'C-alpha').map((n) => n.body)).toEqual(['edited']);
    s.close();

    // reopen: the undo stack is still there
    s = CaseSession.open(path);
    expect(history(s.db).undo?.label).toMatch(/confirmed member/);
    expect(undo(s.db)?.label).toMatch(/confirmed member/);
    expect(verdictsOf(s.db, ['acct-1'])).toEqual({});
    expect(undo(s.db)?.label).toMatch(/Edit note/);
    expect(listNotes(s.db, 'cluster', 'C-alpha').map((n) => n.body)).toEqual(['**Card** shared <script>']);
    undo(s.db);
    expect(listNotes(s.db, 'cluster', 'C-alpha')).toEqual([]);
    undo(s.db);
    undo(s.db);
    expect(snapshot(s.db)).toBe(states[1]);
    undo(s.db);
    expect(snapshot(s.db)).toBe(states[0]);
    expect(undo(s.db)).toBeNull();
    s.close();
    s = CaseSession.open(path);
    for (let i = 0; i < 6; i++) expect(redo(s.db)).not.toBeNull();
    expect(redo(s.db)).toBeNull();
    expect(snapshot(s.db)).toBe(states[3]);
    // a new action clears the redo stack
    undo(s.db);
    deleteTag(s.db, 'benign');
    expect(history(s.db).redo).toBeNull();
    expect(tagsOf(s.db, 'account', ['acct-7', 'acct-8'])).toEqual({});
    undo(s.db);
    expect(tagsOf(s.db, 'account', ['acct-7', 'acct-8'])).toEqual({ 'acct-7': ['benign'], 'acct-8': ['benign'] });
    // every action, undo and redo is in the audit log, and the chain holds
    const actions = readAudit(s.db).map((e) => e.action);
    expect(actions.filter((a) => a === 'workflow.undo').length).toBe(8);
    expect(actions.filter((a) => a === 'workflow.redo').length).toBe(6);
    expect(actions).toContain('tag.add');
    expect(verifyCaseAudit(s.db).ok).toBe(true);
    s.close();
  });

  it('merges and splits clusters, undoes them, and replays them after a re-analysis', () => {
    const { path } = fixtureCase();
    const s = CaseSession.open(path);
    const db = s.db;
    const before = snapshot(db);
    setTagged(db, { tag: 'beta-tag', kind: 'cluster', ids: ['C-beta'], on: true });
    const m = mergeClusters(db, { clusterIds: ['C-alpha', 'C-beta'] });
    expect(m.value.clusterId).toBe('C-alpha');
    expect(members(db, 'C-alpha')).toEqual(['acct-1', 'acct-2', 'acct-3', 'acct-4', 'acct-5', 'acct-6', 'acct-7']);
    expect(clusterIds(db)).toEqual(['C-alpha']);
    expect(tagsOf(db, 'cluster', ['C-alpha'])).toEqual({ 'C-alpha': ['beta-tag'] });
    const row = db.prepare('SELECT size, exchanges, reasons_json FROM clusters WHERE id = ?').get('C-alpha') as { size: number; exchanges: number; reasons_json: string };
    expect(row.size).toBe(7);
    expect(row.exchanges).toBe(56);
    expect(row.reasons_json).toContain('Merged by the investigator');
    const sp = splitCluster(db, { clusterId: 'C-alpha', accountIds: ['acct-6', 'acct-7'] });
    expect(members(db, sp.value.clusterId)).toEqual(['acct-6', 'acct-7']);
    expect(members(db, 'C-alpha')).toHaveLength(5);
    expect(() => splitCluster(db, { clusterId: 'C-alpha', accountIds: ['acct-8'] })).toThrow(/Not members/);
    undo(db);
    undo(db);
    undo(db);
    expect(snapshot(db)).toBe(before);
    redo(db);
    redo(db);
    redo(db);
    expect(members(db, sp.value.clusterId)).toEqual(['acct-6', 'acct-7']);

    // re-analysis: the analysis rewrites clusters from scratch (as linkage does), then replays
    db.transaction(() => {
      db.exec('DELETE FROM cluster_members; DELETE FROM clusters;');
      db.prepare("INSERT INTO clusters (id, analysis_id, size, score, flagged, features_json, reasons_json, first_ts, last_ts, exchanges) VALUES ('C-alpha', 2, 4, 0.8, 1, '{}', '[]', 0, 0, 32), ('C-beta', 2, 4, 0.5, 1, '{}', '[]', 0, 0, 32)").run();
      db.exec("INSERT INTO cluster_members VALUES (1,'C-alpha'),(2,'C-alpha'),(3,'C-alpha'),(4,'C-alpha'),(5,'C-beta'),(6,'C-beta'),(7,'C-beta'),(8,'C-beta')");
    })();
    setVerdicts(db, { accountIds: ['acct-8'], verdict: 'false_positive' });
    expect(members(db, 'C-beta')).not.toContain('acct-8');
    db.exec("INSERT INTO cluster_members VALUES (8,'C-beta')"); // a careless analysis pulls it back in
    const summary = applyManualOverrides(db, 2);
    expect(summary).toMatchObject({ merges: 1, splits: 1, falsePositivesRemoved: 1 });
    expect(members(db, 'C-alpha')).toEqual(['acct-1', 'acct-2', 'acct-3', 'acct-4', 'acct-5']);
    expect(members(db, sp.value.clusterId)).toEqual(['acct-6', 'acct-7']);
    expect(clusterIds(db)).toEqual(['C-alpha', sp.value.clusterId].sort());
    expect(verifyCaseAudit(db).ok).toBe(true);
    s.close();
  });
});

describe('audit chain', () => {
  it('an audit log edited by hand fails verification, naming the entry', () => {
    const { path } = fixtureCase();
    const s = CaseSession.open(path);
    saveTag(s.db, { name: 'x' });
    expect(verifyCaseAudit(s.db)).toMatchObject({ ok: true, entries: 4 });
    s.close();
    const raw = new Database(path);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET details = replace(details, 'accounts', 'nothing') WHERE seq = 1").run();
    raw.close();
    const s2 = CaseSession.open(path);
    const v = verifyCaseAudit(s2.db);
    expect(v.ok).toBe(false);
    expect(v.problems[0]).toMatchObject({ seq: 1, problem: expect.stringMatching(/altered/) });
    s2.close();
  });

  it('removing the last entries is detected', () => {
    const { path } = fixtureCase();
    const raw = new Database(path);
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE seq = 3').run();
    raw.close();
    const s = CaseSession.open(path);
    const v = verifyCaseAudit(s.db);
    expect(v.ok).toBe(false);
    expect(v.problems[0]!.seq).toBe(3);
    s.close();
  });
});
