// Generated files import cleanly with the real importer (JSONL and gzip CSV), counts match the
// generator's, hostile prompts, user agents and account ids survive byte for byte, and the
// analysis + evaluate path runs on the result.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJob } from '../../../electron/engine/ingest/import-job';
import type { JobContext } from '../../../electron/engine/jobs/job-context';
import { analyze } from '../../../electron/engine/linkage/analyze';
import { readClusters } from '../../../electron/engine/linkage/cluster-store';
import { CaseSession } from '../../../electron/engine/session';
import { evaluate } from '../../../electron/engine/simulator/evaluate';
import { generateDataset, type GenerateResult } from '../../../electron/engine/simulator/generate';
import type { Truth } from '../../../electron/engine/simulator/truth';
import { HOSTILE } from '../../../electron/engine/simulator/vocab';

const dir = mkdtempSync(join(tmpdir(), 'lw-sim-import-'));
const ctxOf = (s: CaseSession, casePath: string): JobContext => ({ db: s.db, casePath, progress: () => {}, isCancelled: () => false, checkCancelled: () => {} });
const opts = { accounts: 400, exchanges: 8000, days: 7, campaigns: 'hydra:50,stealth:20,crew:5', seed: 21, hostileRate: 0.05, hostileIds: true, threads: 0 };

async function importInto(name: string, gen: GenerateResult): Promise<CaseSession> {
  const casePath = join(dir, `${name}.sqlite`);
  const s = CaseSession.open(casePath, { create: true });
  const r = await importJob(ctxOf(s, casePath), { paths: [gen.files.accounts, gen.files.exchanges], parser: 'inline' });
  for (const f of r.files) expect(f.status, `${f.file}: ${f.error?.message ?? ''}`).toBe('complete');
  return s;
}

describe('generated data imports cleanly', () => {
  let jsonl: GenerateResult;
  let csv: GenerateResult;
  let truth: Truth;
  const sessions: CaseSession[] = [];

  beforeAll(async () => {
    jsonl = await generateDataset(opts, join(dir, 'jsonl'));
    csv = await generateDataset({ ...opts, format: 'csv', gzip: true }, join(dir, 'csv'));
    truth = JSON.parse(readFileSync(jsonl.truthPath, 'utf8')) as Truth;
  });
  afterAll(() => {
    sessions.forEach((s) => s.close());
    rmSync(dir, { recursive: true, force: true });
  });

  for (const kind of ['jsonl', 'csv.gz'] as const) {
    it(`${kind}: every row imported, none rejected, hostile strings byte for byte`, async () => {
      const gen = kind === 'jsonl' ? jsonl : csv;
      const s = await importInto(kind, gen);
      sessions.push(s);
      const db = s.db;
      expect((db.prepare('SELECT count(*) FROM accounts').pluck().get() as number)).toBe(gen.counts.accounts);
      expect((db.prepare('SELECT count(*) FROM exchanges').pluck().get() as number)).toBe(gen.counts.exchanges);
      expect((db.prepare('SELECT coalesce(sum(rejected), 0) FROM imports').pluck().get() as number)).toBe(0);

      // account ids, hostile ones included, are exactly the truth's
      const ids = new Set(db.prepare('SELECT account_id FROM accounts').pluck().all() as string[]);
      expect(ids).toEqual(new Set(Object.keys(truth.accounts)));
      expect([...ids].some((id) => /[<=\u202E", ]/.test(id))).toBe(true);

      // prompts: every sampled prompt is one the generator wrote, and hostile ones are among them
      const text = kind === 'jsonl' ? readFileSync(gen.files.exchanges, 'utf8') : gunzipSync(readFileSync(gen.files.exchanges)).toString('utf8');
      const written = kind === 'jsonl' ? text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, string>) : (parse(text, { columns: true }) as Array<Record<string, string>>);
      const prompts = new Set(written.map((r) => r.prompt));
      const samples = db.prepare('SELECT prompt FROM prompt_samples').pluck().all() as string[];
      expect(samples.length).toBeGreaterThan(0);
      for (const p of samples) expect(prompts.has(p)).toBe(true);
      const hostileSamples = samples.filter((p) => HOSTILE.some((h) => p.includes(h)));
      expect(hostileSamples.length).toBeGreaterThan(0);
      expect(samples.some((p) => ['\u0001', '\u0007', '\u202E', '<script>', '=HYPERLINK('].some((h) => p.includes(h)))).toBe(true);

      // hostile user agents are stored verbatim
      const hostileUas = [...new Set(written.map((r) => r.user_agent!).filter((u) => HOSTILE.some((h) => u.includes(h))))];
      expect(hostileUas.length).toBeGreaterThan(0);
      const stored = db.prepare('SELECT count(*) FROM strings WHERE value = ?').pluck();
      for (const ua of hostileUas) expect(stored.get(ua), ua).toBe(1);
    });
  }

  it('analysis finds the planted campaigns, and evaluate scores them against truth.json', () => {
    const s = sessions[0]!;
    analyze(s.db);
    const clusters = readClusters(s.db);
    const e = evaluate(truth, clusters.map((c) => ({ id: c.id, flagged: c.flagged, accounts: c.accounts })));
    expect(e.campaigns.map((c) => c.name).sort()).toEqual(['campaign:crew-1', 'campaign:hydra-1', 'campaign:stealth-1']);
    // the blatant archetypes are found; the evaluation is consistent with the cluster list
    const hydra = e.campaigns.find((c) => c.name === 'campaign:hydra-1')!;
    expect(hydra.recall).toBeGreaterThan(0.5);
    expect(e.flaggedAccounts).toBe(new Set(clusters.filter((c) => c.flagged).flatMap((c) => c.accounts)).size - e.unknownAccounts);
  });
});
