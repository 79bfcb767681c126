// Engine, job thread. Runs the parser for one file: in ingest worker threads (the normal case:
// parsing and writing use both cores) or inline on this thread (tests, or when the worker bundle
// is not built). A large uncompressed JSON Lines file is split by chunks between two parse workers
// (merged back in file order by chunk-merge.ts), so this thread does little but SQLite work.
// Either way the consumer sees the same stream of ParserMessages.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startBuiltWorker } from '../built-worker';
import { distPath } from '../paths';
import { SMALL_NURSERY } from '../small-nursery';
import { parseFile, sniffFile, type ParseOptions } from './parse-pipeline';
import { DEFAULT_CHUNK_BYTES, type ChunkPlan } from './parse-chunks';
import { mergeChunks, type ChunkSource } from './chunk-merge';
import type { ChunkedMessage, ParserMessage } from './batch';

export interface ParserHandle {
  messages: AsyncIterable<ParserMessage>;
  /**
   * The consumer is done with a batch (lets the worker send another). `buffers` (transferList of
   * the batch, which must not be read again) go back to the worker to build later batches in.
   */
  ack(buffers?: ArrayBuffer[]): void;
  stop(): Promise<void>;
}

export interface ParallelOptions {
  /** parse workers for a large uncompressed JSON Lines file (1 = one stream) */
  workers?: number | undefined;
  chunkBytes?: number | undefined;
}

export const ingestWorkerFile = (): string => distPath('workers', 'ingest-worker.cjs');

/** A worker thread as a queue of its messages. */
function workerSource(path: string, options: ParseOptions, plan: ChunkPlan | undefined, onExit: () => void): ChunkSource & { worker: Worker } {
  const worker = startBuiltWorker(ingestWorkerFile(), { workerData: { path, options, plan }, resourceLimits: SMALL_NURSERY });
  const queue: ChunkedMessage[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  const push = (m: ChunkedMessage) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', (m: ChunkedMessage) => push(m));
  worker.on('error', (e) => push({ type: 'error', code: 'INTERNAL', message: e.message }));
  worker.on('exit', () => {
    ended = true;
    onExit();
    wake?.();
    wake = null;
  });
  return {
    worker,
    next: async () => {
      for (;;) {
        const m = queue.shift();
        if (m) return m;
        if (ended) return null;
        await new Promise<void>((r) => (wake = r));
      }
    },
    ack: (buffers?: ArrayBuffer[]) => worker.postMessage({ type: 'ack', buffers }, buffers ?? []),
  };
}

async function* once(src: ChunkSource): AsyncGenerator<ParserMessage> {
  for (;;) {
    const m = await src.next();
    if (!m) return yield { type: 'error', code: 'INTERNAL', message: 'the ingest worker stopped unexpectedly' };
    yield m as ParserMessage;
    if (m.type === 'end' || m.type === 'error') return;
  }
}

/**
 * Files below this size are parsed on this thread in 'auto' mode: a worker's start (its isolate
 * and the parser's bundle, 50-80 ms) cost more than parsing them beside the writes saves. CloudTrail
 * delivers a trail as thousands of files of a few kilobytes: 200 of them took 16.3 s with a
 * worker each.
 */
export const INLINE_BELOW_BYTES = 1 << 20;

export function startParser(path: string, options: ParseOptions, mode: 'worker' | 'inline' | 'auto' = 'auto', parallel: ParallelOptions = {}): ParserHandle {
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // the parser reports the unreadable file
  }
  const useWorker = mode === 'worker' || (mode === 'auto' && size >= INLINE_BELOW_BYTES && existsSync(ingestWorkerFile()));
  if (!useWorker) {
    const gen = parseFile(path, options);
    return {
      messages: gen,
      ack: () => undefined, // inline: the builder's batches are not reused
      stop: async () => {
        await gen.return(undefined);
      },
    };
  }
  const workers: Worker[] = [];
  const chunkBytes = parallel.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  // two parsers beside the writer: on two cores that keeps both busy (one core: no split)
  const count = Math.max(1, Math.floor(parallel.workers ?? (availableParallelism() >= 2 ? 2 : 1)));
  let merged: { ack(buffers?: ArrayBuffer[]): void } | null = null;
  async function* messages(): AsyncGenerator<ParserMessage> {
    // split only what is worth it: big, uncompressed JSON Lines (gzip is one stream)
    let split = count > 1 && size >= 4 * chunkBytes;
    if (split) {
      try {
        const s = await sniffFile(path);
        split = s.container === 'jsonl' && s.compression === 'none';
      } catch {
        split = false;
      }
    }
    if (!split) {
      // one worker parses and normalises; prompt fingerprints are left to this thread, whose
      // writing alone would leave it idle much of the time (one core each, roughly balanced)
      const src = workerSource(path, { ...options, deferFingerprints: options.deferFingerprints ?? true }, undefined, () => undefined);
      workers.push(src.worker);
      merged = src;
      yield* once(src);
      return;
    }
    // the workers fingerprint too: together they have the cores this thread's writing leaves
    const opts = { ...options, deferFingerprints: options.deferFingerprints ?? false };
    const first = workerSource(path, opts, { worker: 0, workers: count, chunkBytes }, () => undefined);
    workers.push(first.worker);
    const m = mergeChunks(first, (settled) =>
      Array.from({ length: count - 1 }, (_, i) => {
        const src = workerSource(path, opts, { worker: i + 1, workers: count, chunkBytes, settled }, () => undefined);
        workers.push(src.worker);
        return src;
      }),
    );
    merged = m;
    yield* m.messages;
  }
  return {
    messages: messages(),
    ack: (buffers) => merged?.ack(buffers),
    stop: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
