// `npm run bench <name>`: builds the Node side, then runs test/bench/<name>.bench.ts, which prints
// its figures as one JSON object on stdout. Extra arguments are passed through.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...rest] = process.argv.slice(2);
const benches = readdirSync(join(root, 'test', 'bench')).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
if (!name || !benches.includes(name)) {
  console.error(`usage: npm run bench <name> [-- args]\n  benchmarks: ${benches.join(', ') || '(none yet)'}`);
  process.exit(2);
}
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), ...(name === 'graph' ? [] : ['--node-only'])], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const file = join(root, 'test', 'bench', `${name}.bench.ts`);
if (!existsSync(file)) process.exit(2);
// measured as the app runs its engine: with the allocator settings its engine process gets
const env = { ...createRequire(import.meta.url)('../electron/shared/engine-process-env.json'), ...process.env };
const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', file, ...rest], { cwd: root, stdio: 'inherit', env });
process.exit(r.status ?? 1);
