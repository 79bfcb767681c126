// Engine (any thread). Starting a worker thread on one of the built workers (dist/workers/*.cjs,
// see paths.ts builtWorker) without the TypeScript loader the parent may run with.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Options that load a TypeScript loader (running the sources: tests, benchmarks), as
 * `--import tsx`, `--import=tsx`, `--require tsx/cjs` or `--loader tsx`. */
const LOADER_OPTIONS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);
const isTsLoader = (v: string | undefined) => v !== undefined && /^tsx(\/|$)/.test(v);

/** The parent's options without a TypeScript loader; null when it has none. */
export function withoutTsLoader(execArgv: readonly string[]): string[] | null {
  const out: string[] = [];
  let dropped = false;
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    const eq = a.indexOf('=');
    if (eq > 0 && LOADER_OPTIONS.has(a.slice(0, eq)) && isTsLoader(a.slice(eq + 1))) dropped = true;
    else if (LOADER_OPTIONS.has(a) && isTsLoader(execArgv[i + 1])) {
      dropped = true;
      i++;
    } else out.push(a);
  }
  return dropped ? out : null;
}

/**
 * A worker on a built file, with the parent's options (as Node gives them by default) except a
 * TypeScript loader: the workers are built .cjs files that never need it, and a worker that loads
 * it takes about 110 ms of CPU more to start (140 against 25 ms measured), which the app and the
 * command line never pay but a benchmark or test run from the sources did for every worker. V8
 * flags such as --expose-gc are refused in a worker's own options (they are process-wide: it has
 * them anyway), so when the rest is refused it starts with none.
 */
export function startBuiltWorker(file: string, options: WorkerOptions = {}): Worker {
  const execArgv = file.endsWith('.cjs') && options.execArgv === undefined ? withoutTsLoader(process.execArgv) : null;
  if (execArgv === null) return new Worker(file, options);
  try {
    return new Worker(file, { ...options, execArgv });
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    return new Worker(file, { ...options, execArgv: [] });
  }
}
