// Engine, simulator (main thread of the CLI, a job, or a test). generateDataset: builds the world,
// writes accounts, streams exchanges hour by hour (rendered in worker threads or in-process, written
// strictly in order with a bounded window: constant memory), then truth.json.
// gzip output is one gzip member per hour (multi-member gzip, read by zlib/gunzip/zcat like one
// stream), which lets both cores compress and keeps the bytes independent of the thread count.
import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { startBuiltWorker } from '../built-worker';
import { gzip as gzipCb } from 'node:zlib';
import { promisify } from 'node:util';
import { builtWorker } from '../paths';
import { buildWorld } from './build-world';
import { resolveParams, type GenerateOptions, type Params } from './params';
import { DayRenderer } from './render';
import { accountChunks, csvHeader, EXCHANGE_COLUMNS } from './serialize';
import { buildTruth, type Truth } from './truth';
import type { FromWorker, LeadReport, ToWorker, WorkerInit } from './worker';
import type { World } from './world';

const gzip = promisify(gzipCb);
export const GZIP_LEVEL = 1;
/** hours rendered ahead of the writer: bounds memory to a few hours of output */
const WINDOW = 6;

export interface GenerateResult {
  files: { accounts: string; exchanges: string; truth: string };
  truthPath: string;
  counts: { accounts: number; exchanges: number; malformed: number; bytes: number; accountBytes: number; exchangeBytes: number };
  seconds: number;
  threads: number;
  params: Params;
}

interface UnitMeta {
  length: number;
  exchanges: number;
  malformed: number;
}

interface UnitOut {
  bytes: Uint8Array;
  exchanges: number;
  malformed: number;
}

const encoder = new TextEncoder();

async function encode(text: string | Uint8Array, params: Params): Promise<Uint8Array> {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  return params.gzip ? new Uint8Array(await gzip(bytes, { level: GZIP_LEVEL })) : bytes;
}

export function simulatorWorkerPath(): string | null {
  return builtWorker('simulator');
}

export async function generateDataset(opts: GenerateOptions, outDir: string): Promise<GenerateResult> {
  const t0 = performance.now();
  const params = resolveParams(opts);
  await mkdir(outDir, { recursive: true });
  const ext = `${params.format}${params.gzip ? '.gz' : ''}`;
  const files = { accounts: join(outDir, `accounts.${ext}`), exchanges: join(outDir, `exchanges.${ext}`), truth: join(outDir, 'truth.json') };
  const workerPath = (opts.threads ?? 0) > 0 ? simulatorWorkerPath() : null;
  const threads = workerPath ? Math.max(1, Math.floor(opts.threads ?? 0)) : 0;
  const units = params.days * 24;
  const fh = await open(files.exchanges, 'w');
  // Workers start now and build their own world (the bytes depend only on Params). The first one
  // (the lead) also writes the accounts file and sends the truth back, so this thread never builds
  // a world of its own: one copy less in memory, and one less competing for the cores at start.
  const workers = workerPath
    ? Array.from({ length: threads }, (_, k) => startBuiltWorker(workerPath, { workerData: { params, gzipLevel: GZIP_LEVEL, fd: fh.fd, accountsPath: k === 0 ? files.accounts : null } satisfies WorkerInit }))
    : [];
  const state: WorkerState = { failure: null, wake: null };
  for (const w of workers) {
    w.on('error', (e) => {
      state.failure ??= e;
      state.wake?.();
    });
  }
  let lead: LeadReport | null = null;
  workers[0]?.on('message', (m: FromWorker) => {
    if (m.kind === 'world') lead = m;
  });
  let world: World | null = null;
  let accountBytes = 0;
  let exchanges = 0;
  let malformed = 0;
  let exchangeBytes = 0;
  try {
    if (params.format === 'csv') exchangeBytes += await writeAll(fh, await encode(csvHeader(EXCHANGE_COLUMNS), params));
    if (workers.length) {
      await produceInWorkers(workers, state, units, exchangeBytes, (u, i) => {
        exchanges += u.exchanges;
        malformed += u.malformed;
        exchangeBytes += u.length;
        opts.onProgress?.({ phase: 'exchanges', done: i + 1, total: units });
      });
    } else {
      world = buildWorld(params);
      accountBytes = await writeAccounts(world, files.accounts);
      await produceInProcess(world, units, async (u: UnitOut, i: number) => {
        exchanges += u.exchanges;
        malformed += u.malformed;
        exchangeBytes += await writeAll(fh, u.bytes);
        opts.onProgress?.({ phase: 'exchanges', done: i + 1, total: units });
      });
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    await fh.close();
  }

  let truth: Truth;
  if (world) truth = buildTruth(world, { accounts: world.accounts.length, exchanges, malformed });
  else {
    // the lead reports before it renders its first hour, so it is here once every hour is written
    const report = lead as LeadReport | null;
    if (!report) throw new Error('simulator worker ended without reporting its world');
    accountBytes = report.accountBytes;
    truth = report.truth;
    truth.counts = { accounts: report.accounts, exchanges, malformed };
  }
  await writeFile(files.truth, JSON.stringify(truth, null, 1) + '\n');
  const accounts = truth.counts.accounts;
  return {
    files,
    truthPath: files.truth,
    counts: { accounts, exchanges, malformed, bytes: accountBytes + exchangeBytes, accountBytes, exchangeBytes },
    seconds: (performance.now() - t0) / 1000,
    threads,
    params,
  };
}

async function writeAll(fh: FileHandle, bytes: Uint8Array): Promise<number> {
  let off = 0;
  while (off < bytes.length) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
  return bytes.length;
}

async function writeAccounts(world: World, path: string): Promise<number> {
  const fh = await open(path, 'w');
  let bytes = 0;
  try {
    for (const text of accountChunks(world)) bytes += await writeAll(fh, await encode(text, world.params));
  } finally {
    await fh.close();
  }
  return bytes;
}

const unitAt = (i: number) => ({ day: Math.floor(i / 24), hour: i % 24 });

/** Renders hours on this thread; compression runs on libuv's pool meanwhile. */
async function produceInProcess(world: World, units: number, sink: (u: UnitOut, i: number) => Promise<void>): Promise<void> {
  const renderer = new DayRenderer(world);
  const pending: Array<Promise<UnitOut>> = [];
  let next = 0;
  for (let i = 0; i < units; i++) {
    while (next < units && next - i < WINDOW) {
      const { day, hour } = unitAt(next++);
      const r = renderer.render(day, hour);
      pending.push(encode(r.bytes, world.params).then((bytes) => ({ bytes, exchanges: r.exchanges, malformed: r.malformed })));
    }
    await sink(await pending.shift()!, i);
  }
}

/**
 * Hands hours to workers (two renders in flight each). A worker reports an hour's length; once
 * every earlier hour's length is known, the hour's file offset is too, and the worker that holds
 * it writes it there (pwrite on our fd). The main thread only does bookkeeping.
 */
interface WorkerState {
  failure: Error | null;
  wake: (() => void) | null;
}

async function produceInWorkers(workers: Worker[], state: WorkerState, units: number, base: number, sink: (u: UnitMeta, i: number) => void): Promise<void> {
  const rendered = new Map<number, { w: Worker; meta: UnitMeta }>();
  const rendering = new Map<Worker, number>();
  let next = 0; // next hour to hand out
  let placed = 0; // hours whose offset is known (and whose write was requested)
  let written = 0; // hours on disk
  let offset = base;
  // each day's schedule is computed by one worker (turn by turn) and shared with the others; the
  // next day's is asked for a day ahead, so it is ready when its first hour is handed out
  const days = Math.ceil(units / 24);
  let requested = 0;
  const requestSchedules = (day: number) => {
    for (; requested <= Math.min(day + 1, days - 1); requested++) {
      const msg: ToWorker = { kind: 'schedule', day: requested };
      workers[requested % workers.length]!.postMessage(msg);
    }
  };
  const dispatch = () => {
    for (const w of workers) {
      while ((rendering.get(w) ?? 0) < 2 && next < units && next - written < WINDOW) {
        const i = next++;
        requestSchedules(unitAt(i).day);
        rendering.set(w, (rendering.get(w) ?? 0) + 1);
        const msg: ToWorker = { kind: 'render', i, ...unitAt(i) };
        w.postMessage(msg);
      }
    }
  };
  const place = () => {
    for (let r = rendered.get(placed); r; r = rendered.get(placed)) {
      rendered.delete(placed);
      const msg: ToWorker = { kind: 'write', i: placed, offset };
      r.w.postMessage(msg);
      offset += r.meta.length;
      sink(r.meta, placed);
      placed++;
    }
  };
  for (const w of workers) {
    w.on('message', (m: FromWorker) => {
      if (m.kind === 'rendered') {
        rendering.set(w, (rendering.get(w) ?? 1) - 1);
        rendered.set(m.i, { w, meta: { length: m.length, exchanges: m.exchanges, malformed: m.malformed } });
        place();
      } else if (m.kind === 'written') written++;
      else if (m.kind === 'schedule') {
        const msg: ToWorker = { kind: 'keys', day: m.day, keys: m.keys };
        for (const other of workers) if (other !== w) other.postMessage(msg);
        return;
      } else return;
      dispatch();
      state.wake?.();
    });
  }
  dispatch();
  while (written < units) {
    if (state.failure) throw state.failure;
    await new Promise<void>((resolve) => (state.wake = resolve));
    state.wake = null;
  }
  if (state.failure) throw state.failure;
}
