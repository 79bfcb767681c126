// Engine, job worker. A worker thread whose answer a synchronous caller waits for (analyze() stays
// synchronous): the caller starts it, does its own share of the work, then blocks on a shared flag
// until the worker has answered, failed, or passed a deadline, and takes the answer with
// receiveMessageOnPort. The worker side (answerSync) runs one function on its workerData and posts
// what it returns. A worker that never reports (failed to load, killed) costs the wait; callers
// then do its share themselves.
import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker, workerData } from 'node:worker_threads';
import { startBuiltWorker } from '../built-worker';

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
    worker = startBuiltWorker(file, options);
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
