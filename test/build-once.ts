// Vitest global setup: builds dist/ (the CLI, the job, ingest and linkage workers) once, before
// any test file, when the sources are newer (bin/linkwork.cjs decides). Tests of built code in
// several files then neither race to build it nor run a stale build.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function setup(): void {
  const root = join(__dirname, '..');
  const r = spawnSync(process.execPath, [join(root, 'bin', 'linkwork.cjs'), '--version'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`could not build dist/ for the tests: ${r.stderr}`);
}
