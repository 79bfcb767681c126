// `linkwork generate` and `linkwork evaluate` through the real CLI program (in-process).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/cli/program';
import { importJob } from '../../../electron/engine/ingest/import-job';
import { analyze } from '../../../electron/engine/linkage/analyze';
import { CaseSession } from '../../../electron/engine/session';

const dir = mkdtempSync(join(tmpdir(), 'lw-sim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await runCli(['node', 'linkwork', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('linkwork generate / evaluate', () => {
  it('generates a data set and scores an analysed case against its truth', async () => {
    const out = join(dir, 'set');
    const g = await run(['generate', '--out', out, '--accounts', '400', '--exchanges', '6000', '--days', '5', '--campaigns', 'hydra:40,crew:4', '--seed', '3', '--threads', '0', '--json']);
    expect(g.code, g.err).toBe(0);
    const summary = JSON.parse(g.out) as { files: { accounts: string; exchanges: string; truth: string }; counts: { exchanges: number } };
    for (const f of Object.values(summary.files)) expect(existsSync(f)).toBe(true);
    expect(readFileSync(summary.files.exchanges, 'utf8').split('\n').filter(Boolean).length).toBe(summary.counts.exchanges);

    const casePath = join(dir, 'case.sqlite');
    const s = CaseSession.open(casePath, { create: true });
    await importJob({ db: s.db, casePath, progress: () => {}, isCancelled: () => false, checkCancelled: () => {} }, { paths: [summary.files.accounts, summary.files.exchanges], parser: 'inline' });
    analyze(s.db);
    s.close();

    const e = await run(['evaluate', '--case', casePath, '--truth', summary.files.truth, '--json']);
    expect(e.code, e.err).toBe(0);
    const ev = JSON.parse(e.out) as { campaigns: Array<{ name: string; recall: number; flaggedClusters: number }>; traps: unknown[]; precision: number | null };
    expect(ev.campaigns.map((c) => c.name)).toEqual(['campaign:crew-1', 'campaign:hydra-1']);
    expect(ev.traps.length).toBe(4);
    const text = await run(['evaluate', '--case', casePath, '--truth', summary.files.truth]);
    expect(text.out).toContain('campaign:hydra-1');
    expect(text.out).toContain('trap:carrier-cgnat');
  });

  it('rejects bad flags with exit code 2 and a missing truth file', async () => {
    expect((await run(['generate', '--out', join(dir, 'x'), '--campaigns', 'botnet:3'])).code).toBe(2);
    expect((await run(['generate', '--out', join(dir, 'x'), '--format', 'xml'])).code).toBe(2);
    expect((await run(['generate', '--out', join(dir, 'x'), '--malformed', '2'])).code).toBe(2);
    expect((await run(['evaluate', '--case', join(dir, 'none.sqlite'), '--truth', join(dir, 'none.json')])).code).toBe(2);
  });
});
