// Engine, ingest workers. An uncompressed JSON Lines file parsed by several workers at once: the
// file is cut into chunks at line starts (the same cut points whoever computes them), worker w
// parses chunks w, w+W, w+2W ... and numbers lines from 1 within each chunk; the consumer
// (chunk-merge.ts) takes the chunks in file order and makes line numbers absolute. Worker 0 sniffs,
// settles the mapping (the others get it from its header) and hashes the whole file in order.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { jsonlRecords } from './readers/jsonl-reader';
import { DEFAULT_MAX_RECORD_BYTES, type RawRecord } from './readers/raw-record';
import { columnsOf } from './record-access';
import { UnreadableFileError } from './sniff';
import { Accessor, AccountBuilder, ExchangeBuilder } from './row-builder';
import { DEFAULT_BATCH, DEFAULT_PROMPT_SAMPLES, settle, sniffFile, type ParseOptions } from './parse-pipeline';
import type { ChunkedMessage, ParserMessage } from './batch';

export const DEFAULT_CHUNK_BYTES = 4 << 20;
const SAMPLE_RECORDS = 200;
const PIECE = 1 << 20;

export interface ChunkPlan {
  worker: number;
  workers: number;
  chunkBytes: number;
  /** worker 0's header (the settled mapping): every other worker starts from it */
  settled?: Extract<ParserMessage, { type: 'header' }> | undefined;
}

/** Start offsets of the chunks (plus the file size last): each is just after a newline. */
export function chunkBounds(fd: number, size: number, chunkBytes: number): number[] {
  const bounds = [0];
  const buf = Buffer.allocUnsafe(1 << 16);
  for (let nominal = chunkBytes; nominal < size; nominal += chunkBytes) {
    // the first newline at or after nominal - 1 ends the previous chunk's last line
    let pos = Math.max(nominal - 1, bounds[bounds.length - 1] ?? 0);
    let cut = size;
    while (pos < size) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      const nl = buf.subarray(0, n).indexOf(10);
      if (nl >= 0) {
        cut = pos + nl + 1;
        break;
      }
      pos += n;
    }
    bounds.push(Math.max(cut, bounds[bounds.length - 1] ?? 0));
  }
  bounds.push(size);
  return bounds;
}

/**
 * The bytes of [start, end) in pieces read into `buf` (PIECE bytes), each valid until the next is
 * asked for: the JSON Lines reader copies what it keeps (a new megabyte per piece, freed on
 * another schedule than the batches, kept the allocator's memory growing through a long import).
 */
function* readRange(fd: number, start: number, end: number, hash: ((b: Buffer) => void) | null, buf: Buffer): Generator<Buffer> {
  for (let pos = start; pos < end; ) {
    const b = buf.subarray(0, Math.min(PIECE, end - pos));
    const n = readSync(fd, b, 0, b.length, pos);
    if (n <= 0) throw new Error(`the file shrank while it was read (at byte ${pos})`);
    const piece = n < b.length ? b.subarray(0, n) : b;
    hash?.(piece);
    pos += n;
    yield piece;
  }
}

async function* asAsync(it: Iterable<Buffer>): AsyncGenerator<Buffer> {
  for (const b of it) yield b;
}

export async function* parseChunks(path: string, opts: ParseOptions, plan: ChunkPlan): AsyncGenerator<ChunkedMessage> {
  let fd: number | null = null;
  try {
    const sniffed = await sniffFile(path);
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    const bounds = chunkBounds(fd, size, plan.chunkBytes);
    const piece = Buffer.allocUnsafeSlow(PIECE);
    const chunks = bounds.length - 1;
    const hash = plan.worker === 0 ? createHash('sha256') : null;
    const update = hash ? (b: Buffer) => void hash.update(b) : null;
    const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
    const builderOpts = { batchSize: opts.batchSize ?? DEFAULT_BATCH, promptSamplesPerAccount: opts.promptSamplesPerAccount ?? DEFAULT_PROMPT_SAMPLES, deferFingerprints: opts.deferFingerprints, buffers: opts.buffers };
    let builder: ExchangeBuilder | AccountBuilder | null = null;
    let workers = plan.workers;
    let count = 0;
    const make = (h: Extract<ParserMessage, { type: 'header' }>) => {
      const acc = new Accessor(h.mapping, h.kind, null, h.columns, h.format);
      builder = h.kind === 'exchanges' ? new ExchangeBuilder(acc, builderOpts) : new AccountBuilder(acc, builderOpts);
    };
    if (plan.settled) make(plan.settled);
    let pending: RawRecord[] = [];
    /** settles from the records read so far; accounts files are written in order by one worker */
    const start = (): ChunkedMessage => {
      const seen = new Set<string>();
      for (const r of pending) if (r.kind === 'object') for (const c of columnsOf(r.value)) seen.add(c);
      const columns = [...seen];
      const d = settle(sniffed, columns, pending, opts);
      const h = { type: 'header' as const, format: d.format, container: sniffed.container, compression: sniffed.compression, kind: d.kind, mapping: d.mapping, columns };
      make(h);
      if (d.kind !== 'exchanges') workers = 1;
      return { ...h, workers };
    };
    const source = plan.worker;
    // a batch's rawBytes: the bytes of the file read so far, within its chunk (a piece ahead of
    // the records given): the progress moves through a chunk, not only from one to the next
    let at = 0;
    const batch = (b: ExchangeBuilder | AccountBuilder, chunk: number): ChunkedMessage => {
      const t = b.take();
      if (t.batch.kind === 'exchanges') t.batch.source = source;
      return { type: 'batch', ...t, rawBytes: at, records: count, chunk };
    };
    for (let k = 0; k < chunks; k++) {
      const mine = k % workers === plan.worker;
      const from = bounds[k] ?? 0;
      const to = bounds[k + 1] ?? size;
      if (!mine) {
        if (update) for (const p of readRange(fd, from, to, update, piece)) void p; // hashed in file order
        continue;
      }
      const stats = { lines: 0 };
      at = from;
      const pieces = readRange(fd, from, to, update, piece);
      const counted = function* (): Generator<Buffer> {
        for (const p of pieces) {
          at += p.length;
          yield p;
        }
      };
      for await (const recs of jsonlRecords(asAsync(counted()), { maxRecordBytes, bom: k === 0 && sniffed.bom, stats, small: () => builder !== null })) {
        let rs = recs;
        if (!builder) {
          pending.push(...recs);
          if (pending.filter((r) => r.kind !== 'reject').length < SAMPLE_RECORDS) continue;
          yield start();
          rs = pending;
          pending = [];
        }
        const b = builder as unknown as ExchangeBuilder | AccountBuilder;
        for (const r of rs) {
          b.add(r);
          count++;
          if (b.full) yield batch(b, k);
        }
      }
      if (!builder) {
        // the first chunk held fewer sample records than wanted: settle on what it has
        yield start();
        const b = builder as unknown as ExchangeBuilder | AccountBuilder;
        for (const r of pending) {
          b.add(r);
          count++;
          if (b.full) yield batch(b, k);
        }
        pending = [];
      }
      yield batch(builder as unknown as ExchangeBuilder | AccountBuilder, k);
      yield { type: 'chunk', chunk: k, lines: stats.lines, rawBytes: to };
    }
    yield { type: 'end', sha256: hash ? hash.digest('hex') : '', rawBytes: size, records: count, truncated: null };
  } catch (e) {
    if (e instanceof UnreadableFileError) yield { type: 'error', code: 'BAD_INPUT', message: e.message };
    else yield { type: 'error', code: 'INTERNAL', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
