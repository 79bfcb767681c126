// Engine. Where things live: the project (to find built workers) and the user's workbench home
// (settings, recent cases, the default cases folder, the demo case).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here: string = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

let root: string | undefined;
/** The folder holding Linkwork's package.json (works from source, from dist/ and inside asar). */
export function projectRoot(): string {
  if (root) return root;
  let dir = here;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'linkwork') return (root = dir);
      } catch {
        /* keep looking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`Cannot find Linkwork's package.json above ${here}`);
    dir = up;
  }
}

/** A file produced by `npm run build` (workers, the renderer). */
export function distPath(...parts: string[]): string {
  return join(projectRoot(), 'dist', ...parts);
}

/**
 * A built worker bundle (`dist/workers/<name>.cjs`), or null when there is none (tests running
 * from source): callers then do the work on their own thread.
 */
export function builtWorker(name: string): string | null {
  try {
    const p = distPath('workers', `${name}.cjs`);
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** The workbench home: LINKWORK_HOME, or ~/.linkwork. Created on first use. */
export function workbenchHome(override?: string): string {
  const dir = override ?? process.env.LINKWORK_HOME ?? join(homedir(), '.linkwork');
  mkdirSync(dir, { recursive: true });
  return dir;
}
