// Worker thread (dist/workers/simulator.cjs). Rebuilds the world from the same Params and renders
// the hours it is sent into its own reused buffers; once the main thread knows where an hour goes
// in the file (the lengths of all earlier hours), this worker writes it there itself (pwrite on
// the shared fd). Output bytes never cross threads: no copies, no transfers, no garbage on main.
// The lead worker (the first) also writes the accounts file and sends the truth (without counts)
// to the main thread, which then needs no world of its own.
import { closeSync, openSync, write, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { buildWorld } from './build-world';
import { ByteSink } from './bytes';
import type { Params } from './params';
import { DayRenderer } from './render';
import { accountChunks } from './serialize';
import { buildTruth, type Truth } from './truth';

export interface WorkerInit {
  params: Params;
  gzipLevel: number;
  /** the exchanges file, opened by the main thread */
  fd: number;
  /** set for the lead worker only */
  accountsPath: string | null;
}
export type ToWorker =
  | { kind: 'render'; i: number; day: number; hour: number }
  | { kind: 'write'; i: number; offset: number }
  /** compute the day's schedule and send it back for the other workers */
  | { kind: 'schedule'; day: number }
  /** a day's schedule another worker computed (shared memory) */
  | { kind: 'keys'; day: number; keys: Float64Array };
export interface LeadReport {
  kind: 'world';
  accounts: number;
  accountBytes: number;
  /** counts are filled in by the main thread */
  truth: Truth;
}
export type FromWorker =
  | { kind: 'rendered'; i: number; length: number; exchanges: number; malformed: number }
  | { kind: 'written'; i: number }
  | { kind: 'schedule'; day: number; keys: Float64Array }
  | LeadReport;

const { params, gzipLevel, fd, accountsPath } = workerData as WorkerInit;
const world = buildWorld(params);
if (accountsPath !== null) {
  const out = openSync(accountsPath, 'w');
  let accountBytes = 0;
  try {
    for (const text of accountChunks(world)) {
      const plain = Buffer.from(text, 'utf8');
      const bytes = params.gzip ? gzipSync(plain, { level: gzipLevel }) : plain;
      accountBytes += writeFully(out, bytes, null);
    }
  } finally {
    closeSync(out);
  }
  const report: LeadReport = { kind: 'world', accounts: world.accounts.length, accountBytes, truth: buildTruth(world, { accounts: world.accounts.length, exchanges: 0, malformed: 0 }) };
  parentPort!.postMessage(report);
}
const renderer = new DayRenderer(world);
const free: ByteSink[] = [];
const held = new Map<number, { sink: ByteSink; bytes: Uint8Array }>();

/** writes all of bytes at position (or at the file's current position when null) */
function writeFully(target: number, bytes: Uint8Array, position: number | null): number {
  let off = 0;
  while (off < bytes.length) off += writeSync(target, bytes, off, bytes.length - off, position === null ? null : position + off);
  return bytes.length;
}

/** renders of days whose schedule another worker is still computing, in arrival order */
const waiting: Array<Extract<ToWorker, { kind: 'render' }>> = [];

function render(m: Extract<ToWorker, { kind: 'render' }>): void {
  const sink = free.pop() ?? new ByteSink();
  const r = renderer.renderInto(sink, m.day, m.hour);
  const plain = sink.buf.subarray(0, sink.pos);
  const bytes = params.gzip ? gzipSync(plain, { level: gzipLevel }) : plain;
  held.set(m.i, { sink, bytes });
  const msg: FromWorker = { kind: 'rendered', i: m.i, length: bytes.length, exchanges: r.exchanges, malformed: r.malformed };
  parentPort!.postMessage(msg);
}

parentPort!.on('message', (m: ToWorker) => {
  switch (m.kind) {
    case 'schedule': {
      const msg: FromWorker = { kind: 'schedule', day: m.day, keys: renderer.shareSchedule(m.day) };
      parentPort!.postMessage(msg);
      return;
    }
    case 'keys':
      renderer.provide(m.day, m.keys);
      while (waiting.length && renderer.hasSchedule(waiting[0]!.day)) render(waiting.shift()!);
      return;
    case 'render':
      if (waiting.length || !renderer.hasSchedule(m.day)) waiting.push(m);
      else render(m);
      return;
    case 'write': {
      const h = held.get(m.i)!;
      held.delete(m.i);
      // on libuv's pool: this thread renders the next hour while the kernel takes the bytes (a
      // write can sleep for a long time once the page cache is full of dirty pages of 18 GB)
      writeAsync(h.bytes, m.offset, 0, (e) => {
        if (e) throw e;
        free.push(h.sink);
        const msg: FromWorker = { kind: 'written', i: m.i };
        parentPort!.postMessage(msg);
      });
    }
  }
});

function writeAsync(bytes: Uint8Array, position: number, off: number, done: (e: Error | null) => void): void {
  if (off >= bytes.length) return done(null);
  write(fd, bytes, off, bytes.length - off, position + off, (e, n) => (e ? done(e) : writeAsync(bytes, position, off + n, done)));
}
