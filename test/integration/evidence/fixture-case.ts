// Test fixture. A small case with two analysed clusters written straight into the schema
// (imports, accounts, exchanges, linkage results), with the simulator's hostile strings in
// emails, user agents and prompts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { appendAudit } from '../../../electron/engine/audit/audit-log';
import { CaseSession } from '../../../electron/engine/session';
import { HOSTILE } from '../../../electron/engine/simulator/vocab';

export const T0 = Date.UTC(2026, 3, 22, 8, 0, 0);

const made: string[] = [];
// the test file that made fixture cases removes them once its tests ran
afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempCaseDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'lw-evidence-'));
  made.push(d);
  return d;
}

export function fixtureCase(dir = tempCaseDir()): { path: string; dir: string } {
  const path = join(dir, 'case.lwcase.sqlite');
  const s = CaseSession.open(path, { create: true, name: 'Fixture <case>' });
  const db = s.db;
  db.transaction(() => {
    db.prepare(
      "INSERT INTO imports (id, file_name, file_path, sha256, size_bytes, format, compression, kind, mapping_json, status, rows, started_at, finished_at, app_version) VALUES (?, ?, ?, ?, ?, 'jsonl', 'none', ?, '{}', 'complete', ?, '2026-06-01T00:00:00Z', '2026-06-01T00:01:00Z', 'test')",
    ).run(1, 'accounts.jsonl', '/data/accounts.jsonl', 'a'.repeat(64), 1000, 'accounts', 8);
    db.prepare(
      "INSERT INTO imports (id, file_name, file_path, sha256, size_bytes, format, compression, kind, mapping_json, status, rows, started_at, finished_at, app_version, first_ts, last_ts) VALUES (?, ?, ?, ?, ?, 'jsonl', 'none', ?, '{}', 'complete', ?, '2026-06-01T00:00:00Z', '2026-06-01T00:02:00Z', 'test', ?, ?)",
    ).run(2, 'exchanges "<b>".jsonl', '/data/exchanges.jsonl', 'b'.repeat(64), 50000, 'exchanges', 64, Date.UTC(2026, 3, 22), Date.UTC(2026, 4, 31, 23, 59));
    const insAcc = db.prepare(
      'INSERT INTO accounts (id, account_id, created_at, email, email_norm, email_domain, payment_fingerprint, card_bin, signup_ip, device_id, import_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)',
    );
    const emails = ['=HYPERLINK("http://evil.example")@x.com', 'bob@mail.example', 'carol@mail.example', '+cmd@x.com', 'eve@corp.example', 'frank@corp.example', '@SUM(1)@y.com', 'zed@z.example'];
    for (let i = 1; i <= 8; i++) {
      const cl = i <= 4 ? 1 : i <= 7 ? 2 : 0;
      insAcc.run(i, `acct-${i}`, T0 - 86_400_000 + i * 60_000, emails[i - 1], emails[i - 1], 'mail.example', cl === 1 ? 'fp-card-1' : `fp-${i}`, '411111', `10.0.${cl}.${i}`, `dev-${cl}`, i);
    }
    const str = db.prepare('INSERT INTO strings (value) VALUES (?) RETURNING id');
    const sid = (v: string) => (str.get(v) as { id: number }).id;
    const ua = sid(HOSTILE[0]!);
    const ua2 = sid('python-httpx/0.27');
    const ip1 = sid('203.0.113.7');
    const ip2 = sid('198.51.100.9');
    const model = sid('frontier-1');
    const insEx = db.prepare(
      'INSERT INTO exchanges (id, request_id, ts, account, ip_s, user_agent_s, model_s, input_tokens, output_tokens, template, import_id, line) VALUES (?, ?, ?, ?, ?, ?, ?, 10, 500, ?, 2, ?)',
    );
    const insPrompt = db.prepare('INSERT INTO prompt_samples (exchange_id, account, prompt) VALUES (?, ?, ?)');
    let id = 1;
    for (let acc = 1; acc <= 8; acc++) {
      for (let k = 0; k < 8; k++) {
        const cl = acc <= 4 ? 1 : 2;
        insEx.run(id, `req-${id}`, T0 + (k * 6 + acc) * 3_600_000, acc, cl === 1 ? ip1 : ip2, cl === 1 ? ua : ua2, model, 1234567 + cl, id);
        insPrompt.run(id, acc, `Step by step: ${HOSTILE[id % HOSTILE.length]} task ${k}`);
        id++;
      }
    }
    const an = db
      .prepare("INSERT INTO analyses (started_at, finished_at, status, parameters_json, app_version) VALUES ('2026-06-02T00:00:00Z', '2026-06-02T00:00:05Z', 'complete', ?, 'test') RETURNING id")
      .get(JSON.stringify({ strongEdgeWeight: 1, louvainSeed: 42 })) as { id: number };
    const insV = db.prepare('INSERT INTO link_values (id, signal, value, degree, weight, hub) VALUES (?, ?, ?, ?, ?, 0)');
    const insAv = db.prepare('INSERT INTO account_values (value_id, account, count, first_ts, last_ts, example_exchange) VALUES (?, ?, 8, ?, ?, ?)');
    insV.run(1, 'ip', '203.0.113.7', 4, 0.8);
    insV.run(2, 'payment', 'fp-card-1', 4, 2.5);
    insV.run(3, 'user_agent', HOSTILE[0]!, 4, 0.4);
    insV.run(4, 'ip', '198.51.100.9', 3, 0.9);
    insV.run(5, 'template', '000000000012d688', 3, 1.1);
    insV.run(6, 'email_domain', '=cmd|calc', 2, 0.3);
    for (let acc = 1; acc <= 4; acc++) for (const v of [1, 2, 3]) insAv.run(v, acc, T0, T0, (acc - 1) * 8 + 1);
    for (let acc = 5; acc <= 7; acc++) for (const v of [4, 5]) insAv.run(v, acc, T0, T0, (acc - 1) * 8 + 1);
    for (const acc of [5, 6]) insAv.run(6, acc, T0, T0, (acc - 1) * 8 + 2);
    const insE = db.prepare('INSERT INTO edges (a, b, weight, signals_json, strong) VALUES (?, ?, ?, ?, 1)');
    for (let a = 1; a <= 4; a++) for (let b = a + 1; b <= 4; b++) insE.run(a, b, 3.7, JSON.stringify([{ signal: 'payment', weight: 2.5 }, { signal: 'ip', weight: 0.8 }, { signal: 'user_agent', weight: 0.4 }]));
    for (let a = 5; a <= 7; a++) for (let b = a + 1; b <= 7; b++) insE.run(a, b, 2.0, JSON.stringify([{ signal: 'template', weight: 1.1 }, { signal: 'ip', weight: 0.9 }]));
    const insC = db.prepare(
      'INSERT INTO clusters (id, analysis_id, size, score, flagged, features_json, reasons_json, first_ts, last_ts, exchanges) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    insC.run('C-alpha', an.id, 4, 0.82, 1, '{}', JSON.stringify([{ signal: 'payment', contribution: 0.4, detail: 'one card <fp-card-1> for 4 accounts' }, { signal: 'burst', contribution: 0.2, detail: 'created within 4 minutes from 10.0.1.1' }]), T0, T0 + 48 * 3_600_000, 32);
    insC.run('C-beta', an.id, 3, 0.55, 1, '{}', JSON.stringify([{ signal: 'template', contribution: 0.3, detail: 'same template' }]), T0, T0 + 48 * 3_600_000, 24);
    const insM = db.prepare('INSERT INTO cluster_members (account, cluster_id) VALUES (?, ?)');
    for (let a = 1; a <= 4; a++) insM.run(a, 'C-alpha');
    for (let a = 5; a <= 7; a++) insM.run(a, 'C-beta');
    appendAudit(db, { actor: 'linkwork', action: 'import', subject: 'import 1', details: { file: 'accounts.jsonl' } });
    appendAudit(db, { actor: 'linkwork', action: 'import', subject: 'import 2', details: { file: 'exchanges.jsonl' } });
    appendAudit(db, { actor: 'linkwork', action: 'analysis', subject: `analysis ${an.id}`, details: { parameters: { strongEdgeWeight: 1 } } });
  })();
  s.close();
  return { path, dir };
}
