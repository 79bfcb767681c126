// Integration: `linkwork export` and `linkwork verify` through the real CLI program.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/cli/program';
import { fixtureCase } from './fixture-case';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((out += String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((err += String(c)), true));
  try {
    const code = await runCli(['node', 'linkwork', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('linkwork export / verify', () => {
  it('exports a zip, verifies it, and names a changed file', async () => {
    const f = fixtureCase();
    const zip = join(f.dir, 'out.zip');
    const r = await cli('export', '--case', f.path, '--cluster', 'C-alpha', 'C-beta', '--out', zip, '--no-pdf', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/manifest.json SHA-256: [0-9a-f]{64}/);
    expect(r.out).toContain('report.pdf was skipped');
    const sha = /SHA-256: ([0-9a-f]{64})/.exec(r.out)![1]!;
    expect((await cli('verify', zip)).code).toBe(0);
    expect((await cli('verify', zip, '--expect', sha)).code).toBe(0);
    expect((await cli('verify', zip, '--expect', '0'.repeat(64))).code).toBe(1);
    const dir = join(f.dir, 'folder');
    expect((await cli('export', '--case', f.path, '--cluster', 'C-alpha', '--out', dir, '--no-pdf', '--quiet')).code).toBe(0);
    const p = join(dir, 'accounts.csv');
    writeFileSync(p, Buffer.concat([readFileSync(p), Buffer.from(' ')]));
    const bad = await cli('verify', dir);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('accounts.csv');
    expect((await cli('export', '--case', f.path, '--out', dir)).code).toBe(2);
  });

  it('verify --case passes on an intact audit log and fails naming the edited entry', async () => {
    const f = fixtureCase();
    const ok = await cli('verify', '--case', f.path);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('Audit log intact: 3 entries');
    const raw = new Database(f.path);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 2").run();
    raw.close();
    const bad = await cli('verify', '--case', f.path);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('audit log entry 2');
  });
});
