// Builds Linkwork: the Node side (CLI, job workers, Electron main/preload/engine host) with esbuild,
// and the renderer with Vite. `--node-only` skips the renderer (postinstall, the CLI's self-build).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const nodeOnly = process.argv.includes('--node-only');

/** Node-side entry points: source -> dist path. Add a worker here when a module needs one. */
export const nodeEntries = {
  'cli': 'electron/cli/main.ts',
  'workers/job-worker': 'electron/engine/jobs/job-worker.ts',
  'electron/main': 'electron/main/main.ts',
  'electron/preload': 'electron/preload/preload.ts',
  'electron/engine-host': 'electron/main/engine-host.ts',
};
// Workers contributed by engine modules: electron/engine/**/workers.json is not used; keep this list explicit.
const extraWorkers = JSON.parse(readFileSync(join(root, 'scripts', 'workers.json'), 'utf8'));
Object.assign(nodeEntries, extraWorkers);

async function buildNode() {
  await build({
    absWorkingDir: root,
    entryPoints: nodeEntries,
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    external: ['better-sqlite3', 'electron', 'playwright-core'],
    define: { __LINKWORK_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' },
  });
}

async function buildRenderer() {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ root: join(root, 'renderer'), configFile: join(root, 'vite.config.mts'), logLevel: 'warn' });
}

await buildNode();
if (!nodeOnly) await buildRenderer();
