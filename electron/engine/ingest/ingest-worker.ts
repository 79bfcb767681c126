// Engine, ingest worker thread (dist/workers/ingest-worker.cjs). Parses, normalises and
// fingerprints one file while the job's thread writes: the two cores work at once. Batches are
// posted with their typed arrays transferred; at most MAX_IN_FLIGHT wait for the writer's ack,
// so a slow disk slows the reading instead of filling memory.
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile, type ParseOptions } from './parse-pipeline';
import { transferList } from './batch';

const MAX_IN_FLIGHT = 3;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('ingest-worker must run in a worker thread');
  const { path, options } = workerData as { path: string; options: ParseOptions };
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (m: { type: 'ack' }) => {
    if (m.type === 'ack') {
      inFlight--;
      wake?.();
      wake = null;
    }
  });
  for await (const msg of parseFile(path, options)) {
    if (msg.type === 'batch') {
      while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
      inFlight++;
      port.postMessage(msg, transferList(msg.batch));
    } else port.postMessage(msg);
  }
  port.close();
}

main().catch((e: unknown) => {
  parentPort?.postMessage({ type: 'error', code: 'INTERNAL', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
});
