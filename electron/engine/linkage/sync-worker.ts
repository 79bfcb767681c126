// Engine, job worker. A worker thread whose answer a synchronous caller waits for (analyze() stays
// synchronous): the caller starts it, does its own share of the work, then blocks on a shared flag
// until the worker has answered, failed, or passed a deadline, and takes the answer with
// receiveMessageOnPort. The worker side (answerSync) runs one function on its workerData and posts
// what it returns. A worker that never reports (failed to load, killed) costs the wait; callers
// then do its share themselves.
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker, workerData, type WorkerOptions } from 'node:worker_threads';

export interface SyncWorker {
  /** The worker's answer, waiting at most `waitMs`; undefined when it failed or stalled. Ends the worker. */
  answer<T>(waitMs: number): T | undefined;
}

/** Starts the built worker `file` with `data` as its workerData; null when it cannot start. */
export function startSyncWorker(file: string, data: object): SyncWorker | null {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const options = { workerData: { ...data, port: port2, flag: flag.buffer }, transferList: [port2] };
    worker = newWorker(file, options);
  } catch {
    port1.close();
    return null;
  }
  worker.unref();
  return {
    answer<T>(waitMs: number): T | undefined {
      const deadline = Date.now() + waitMs;
      while (Atomics.load(flag, 0) === 0 && Date.now() < deadline) Atomics.wait(flag, 0, 0, 1000);
      const got = Atomics.load(flag, 0) === 1 ? receiveMessageOnPort(port1) : undefined;
      void worker.terminate();
      port1.close();
      return got?.message as T | undefined;
    },
  };
}

/** In the worker: runs `work` on the workerData, posts its answer (the `transfer` buffers moved,
 * not copied), then raises the caller's flag (1; 2 when `work` threw). */
export function answerSync<D>(work: (data: D) => { answer: unknown; transfer?: ArrayBuffer[] }): void {
  const d = workerData as D & { port: MessagePort; flag: SharedArrayBuffer };
  const flag = new Int32Array(d.flag);
  try {
    const r = work(d);
    d.port.postMessage(r.answer, r.transfer ?? []);
    Atomics.store(flag, 0, 1);
  } catch {
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
}

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
 * A worker on the built file, with the parent's options (as Node gives them by default) except a
 * TypeScript loader: the workers are built .cjs files that never need it, and a worker that loads
 * it takes about 110 ms of CPU more to start (140 against 25 ms measured), which the app and the
 * command line never pay but a benchmark or test run from the sources did for every worker. V8
 * flags such as --expose-gc are refused in a worker's own options (they are process-wide: it has
 * them anyway), so when the rest is refused it starts with none.
 */
function newWorker(file: string, options: WorkerOptions): Worker {
  const execArgv = withoutTsLoader(process.execArgv);
  if (execArgv === null) return new Worker(file, options);
  try {
    return new Worker(file, { ...options, execArgv });
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw e;
    return new Worker(file, { ...options, execArgv: [] });
  }
}
