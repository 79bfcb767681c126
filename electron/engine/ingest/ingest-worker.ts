// Engine, ingest worker thread (dist/workers/ingest-worker.cjs). Parses, normalises and
// fingerprints one file (or, with a chunk plan, its share of an uncompressed JSON Lines file) while
// the job's thread writes: the cores work at once. Batches are posted with their typed arrays
// transferred; at most `maxInFlight` wait for the writer's ack, so a slow disk slows the reading
// instead of filling memory.
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile, type ParseOptions } from './parse-pipeline';
import { parseChunks, type ChunkPlan } from './parse-chunks';
import { BatchBuffers, transferList, type ChunkedMessage, type ParserMessage } from './batch';

/** one file, one parser: a few batches ahead of the writer are enough */
const MAX_IN_FLIGHT = 3;
/**
 * several parsers take turns by chunk: each must be able to run a chunk or two ahead (a 4 MB
 * chunk is 2 to 4 batches). A batch waiting holds about a megabyte: 16 each held 32 MB when the
 * writer was the slower side.
 */
const MAX_IN_FLIGHT_CHUNKED = 8;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('ingest-worker must run in a worker thread');
  const { path, options, plan } = workerData as { path: string; options: ParseOptions; plan?: ChunkPlan };
  const maxInFlight = plan ? MAX_IN_FLIGHT_CHUNKED : MAX_IN_FLIGHT;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  // the writer gives each batch's buffers back with its ack: new batches are built in them
  const buffers = new BatchBuffers();
  port.on('message', (m: { type: 'ack'; buffers?: ArrayBuffer[] }) => {
    if (m.type === 'ack') {
      if (m.buffers) buffers.give(m.buffers);
      inFlight--;
      wake?.();
      wake = null;
    }
  });
  const stream: AsyncIterable<ParserMessage | ChunkedMessage> = plan ? parseChunks(path, { ...options, buffers }, plan) : parseFile(path, { ...options, buffers });
  for await (const msg of stream) {
    if (msg.type === 'batch') {
      while (inFlight >= maxInFlight) await new Promise<void>((r) => (wake = r));
      inFlight++;
      port.postMessage(msg, transferList(msg.batch));
    } else port.postMessage(msg);
  }
  port.close();
}

main().catch((e: unknown) => {
  parentPort?.postMessage({ type: 'error', code: 'INTERNAL', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
});
