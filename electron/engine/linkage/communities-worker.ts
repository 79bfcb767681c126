// Engine, worker thread (workers/linkage-louvain). Runs the community-detection tries of the
// given seeds (communities.ts) over the graph the analysis thread shares, posts the results on
// `port` (community arrays transferred), then sets `flag` to 1 (2: failed).
import { type MessagePort, workerData } from 'node:worker_threads';
import { runTries, type TryInput } from './communities';

const d = workerData as { input: TryInput; seeds: number[]; port: MessagePort; flag: SharedArrayBuffer };
const flag = new Int32Array(d.flag);
try {
  const r = runTries(d.input, d.seeds);
  d.port.postMessage(
    r,
    r.map((x) => x.community.buffer as ArrayBuffer),
  );
  Atomics.store(flag, 0, 1);
} catch {
  Atomics.store(flag, 0, 2);
}
Atomics.notify(flag, 0);
