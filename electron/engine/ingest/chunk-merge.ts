// Engine, job thread. Merges the streams of the parse workers that share one file (parse-chunks.ts)
// into the single ParserMessage stream the writer reads: chunks in file order, line numbers made
// absolute (each chunk's lines follow the previous chunks' line counts), the header and the
// SHA-256 from worker 0. Pure over its sources, so tests run it on inline parsers.
import type { ChunkedMessage, ParserMessage } from './batch';

export interface ChunkSource {
  /** the next message, or null when the source stopped without an 'end' or 'error' */
  next(): Promise<ChunkedMessage | null>;
  /** the consumer is done with this source's last batch (whose buffers it may hand back) */
  ack(buffers?: ArrayBuffer[]): void;
}

export interface MergedStream {
  messages: AsyncGenerator<ParserMessage>;
  /** acknowledges the last batch to the worker that sent it (with its buffers, for reuse) */
  ack(buffers?: ArrayBuffer[]): void;
}

type Header = Extract<ChunkedMessage, { type: 'header' }>;

export function mergeChunks(first: ChunkSource, startRest: (header: Header) => ChunkSource[]): MergedStream {
  const sources: ChunkSource[] = [first];
  let last: ChunkSource | null = null;
  const stopped: ParserMessage = { type: 'error', code: 'INTERNAL', message: 'an ingest worker stopped unexpectedly' };
  async function* messages(): AsyncGenerator<ParserMessage> {
    const h = await first.next();
    if (!h) return yield stopped;
    if (h.type !== 'header') {
      if (h.type === 'error') yield h;
      else yield { type: 'error', code: 'INTERNAL', message: `the parser sent ${h.type} before its header` };
      return;
    }
    const { workers, ...header } = h;
    if (workers > 1) sources.push(...startRest(h));
    yield header;
    let expected = 0;
    let lineBase = 0;
    let records = 0;
    for (;;) {
      const w = expected % workers;
      const src = sources[w] as ChunkSource;
      const m = await src.next();
      if (!m) return yield stopped;
      if (m.type === 'batch') {
        if (m.chunk !== expected) return yield { type: 'error', code: 'INTERNAL', message: `chunk ${m.chunk} arrived while chunk ${expected} was expected` };
        const b = m.batch;
        if (b.kind === 'exchanges') for (let i = 0; i < b.n; i++) b.line[i] = (b.line[i] ?? 0) + lineBase;
        else for (const r of b.rows) r.line += lineBase;
        for (const r of m.rejects) r.line += lineBase;
        records += b.n + m.rejects.length;
        last = src;
        yield { type: 'batch', batch: b, rejects: m.rejects, rawBytes: m.rawBytes, records };
      } else if (m.type === 'chunk') {
        lineBase += m.lines;
        expected++;
      } else if (m.type === 'end') {
        // no chunk `expected`: the file is done; worker 0 hashed all of it
        let end = m;
        while (w !== 0) {
          const z = await (sources[0] as ChunkSource).next();
          if (!z) return yield stopped;
          if (z.type === 'error') return yield z;
          if (z.type === 'end') {
            end = z;
            break;
          }
        }
        return yield { type: 'end', sha256: end.sha256, rawBytes: end.rawBytes, records, truncated: null };
      } else if (m.type === 'error') return yield m;
      else return yield { type: 'error', code: 'INTERNAL', message: 'a second header from a parse worker' };
    }
  }
  return { messages: messages(), ack: (buffers) => last?.ack(buffers) };
}
