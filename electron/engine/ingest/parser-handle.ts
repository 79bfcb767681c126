// Engine, job thread. Runs the parser for one file: in the ingest worker thread (the normal case:
// parsing and writing use both cores) or inline on this thread (tests, or when the worker bundle
// is not built). Either way the consumer sees the same stream of ParserMessages.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { distPath } from '../paths';
import { parseFile, type ParseOptions } from './parse-pipeline';
import type { ParserMessage } from './batch';

export interface ParserHandle {
  messages: AsyncIterable<ParserMessage>;
  /** the consumer is done with a batch (lets the worker send another) */
  ack(): void;
  stop(): Promise<void>;
}

export const ingestWorkerFile = (): string => distPath('workers', 'ingest-worker.cjs');

export function startParser(path: string, options: ParseOptions, mode: 'worker' | 'inline' | 'auto' = 'auto'): ParserHandle {
  const useWorker = mode === 'worker' || (mode === 'auto' && existsSync(ingestWorkerFile()));
  if (!useWorker) {
    const gen = parseFile(path, options);
    return {
      messages: gen,
      ack: () => undefined,
      stop: async () => {
        await gen.return(undefined);
      },
    };
  }
  // the worker parses and normalises; prompt fingerprints are left to this thread, whose writing
  // alone would leave it idle most of the time (one core each, roughly balanced)
  const worker = new Worker(ingestWorkerFile(), { workerData: { path, options: { ...options, deferFingerprints: options.deferFingerprints ?? true } } });
  const queue: ParserMessage[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  const push = (m: ParserMessage) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', (m: ParserMessage) => push(m));
  worker.on('error', (e) => push({ type: 'error', code: 'INTERNAL', message: e.message }));
  worker.on('exit', () => {
    ended = true;
    wake?.();
    wake = null;
  });
  async function* messages(): AsyncGenerator<ParserMessage> {
    for (;;) {
      const m = queue.shift();
      if (m) {
        yield m;
        if (m.type === 'end' || m.type === 'error') return;
        continue;
      }
      if (ended) {
        yield { type: 'error', code: 'INTERNAL', message: 'the ingest worker stopped unexpectedly' };
        return;
      }
      await new Promise<void>((r) => (wake = r));
    }
  }
  return {
    messages: messages(),
    ack: () => worker.postMessage({ type: 'ack' }),
    stop: async () => {
      await worker.terminate();
    },
  };
}
