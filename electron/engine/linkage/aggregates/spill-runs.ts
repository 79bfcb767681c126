// Engine, job thread. Sorted runs of aggregate pairs spilled to one scratch file beside the case,
// merged once at the end into agg_values rows in primary-key order.
//
// Why: the pair tables fill long before a large import ends (nearly every benign prompt is a new
// template: 27 million pairs at the reported scale). Writing each full table into agg_values
// inserted a row per (account, kind) all over the B-tree each time: half-empty pages, every page
// rewritten at each flush (the WAL reached 2 GB, 66 GB were written for an 11 GB case) and the
// table twice the size of its data. Spilled runs are written and read back sequentially; the
// merge appends one row per (account, kind) with a single seq, as a single flush would have.
// Nothing reaches the case before the import's final transaction, so a cancelled or killed
// import leaves no partial aggregates behind.
import { closeSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { KeyIndex } from './key-index';

/** A record: account, kind, n (int32 each) and one int32 of padding, then n keys, counts, firsts, lasts, examples (float64). */
const HEADER = 16;
const READ_BUFFER = 1 << 20;
/**
 * The read buffers of one merge together: a run's buffer is this divided among the runs (64 KiB
 * to READ_BUFFER). The first 3M lines of the reported-scale file spill 15 runs, the whole file
 * about ten times as many, and a megabyte each held ~150 MB through the merge, beside the index
 * builds (its runs were just written: the reads come from the page cache).
 */
const MERGE_READ_BUDGET = 32 << 20;
const MIN_READ_BUFFER = 64 << 10;
const WRITE_BUFFER = 1 << 22;

/** One (account, kind) group of pairs, in the layout agg_values stores: 5 arrays of n float64 (valid during the call). */
export type GroupSink = (account: number, kind: number, n: number, data: Float64Array) => void;

const SPILL = '-aggspill-';
let spills = 0;

/**
 * A new scratch file beside the case, named for the case, the process and the builder: builders
 * never share one, even two processes importing into the same case by mistake.
 */
export function spillPath(dbPath: string): string {
  const base = dbPath && dbPath !== ':memory:' ? dbPath : join(tmpdir(), 'linkwork');
  return `${base}${SPILL}${process.pid}-${threadId}-${++spills}`;
}

/** Removes the scratch files beside a case left by processes that are gone (killed mid-import). */
export function removeStaleSpills(dbPath: string, alive: (pid: number) => boolean): number {
  if (!dbPath || dbPath === ':memory:') return 0;
  const prefix = `${basename(dbPath)}${SPILL}`;
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dirname(dbPath));
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) {
      rmSync(join(dirname(dbPath), name), { force: true });
      removed++;
    }
  }
  return removed;
}

// Buffers are allocated on their own ArrayBuffer (offset 0) and every record is a multiple of 8
// bytes long, so payloads are read and written through aligned Float64Array views.
class RunReader {
  private buf: Buffer;
  private f64: Float64Array;
  private at = 0; // next unread byte in buf
  private len = 0; // bytes held in buf
  account = -1;
  kind = -1;
  n = 0;
  /** byte offset in buf of the current record's payload */
  private payload = 0;

  private readonly start: number;

  constructor(
    private fd: number,
    private pos: number,
    private readonly end: number,
    bufferBytes = READ_BUFFER,
  ) {
    this.buf = Buffer.allocUnsafeSlow(bufferBytes);
    this.f64 = new Float64Array(this.buf.buffer, 0, bufferBytes / 8);
    this.start = pos;
    this.next();
  }

  /** Bytes of the run read from the file so far. */
  get bytesRead(): number {
    return this.pos - this.start;
  }

  get group(): number {
    return this.account < 0 ? Infinity : this.account * 256 + this.kind;
  }

  /** Makes `bytes` bytes available from `at`, reading more of the run (false at its end). */
  private fill(bytes: number): boolean {
    if (this.len - this.at >= bytes) return true;
    const keep = this.len - this.at;
    if (bytes > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(bytes, this.buf.length * 2));
      this.buf.copy(bigger, 0, this.at, this.len);
      this.buf = bigger;
      this.f64 = new Float64Array(bigger.buffer, 0, bigger.length / 8);
    } else this.buf.copy(this.buf, 0, this.at, this.len);
    this.at = 0;
    this.len = keep;
    while (this.len < bytes && this.pos < this.end) {
      const r = readSync(this.fd, this.buf, this.len, Math.min(this.buf.length - this.len, this.end - this.pos), this.pos);
      if (r <= 0) break;
      this.len += r;
      this.pos += r;
    }
    return this.len >= bytes;
  }

  /** Moves to the next record (account -1 at the end of the run). */
  next(): void {
    if (this.account >= 0) this.at = this.payload + this.n * 40;
    if (!this.fill(HEADER)) {
      this.account = -1;
      return;
    }
    this.account = this.buf.readInt32LE(this.at);
    this.kind = this.buf.readInt32LE(this.at + 4);
    this.n = this.buf.readInt32LE(this.at + 8);
    if (!this.fill(HEADER + this.n * 40)) throw new Error('aggregate spill file is truncated');
    this.payload = this.at + HEADER;
  }

  /** Field f (0 key, 1 count, 2 first, 3 last, 4 example) of pair i. */
  value(f: number, i: number): number {
    return this.f64[this.payload / 8 + f * this.n + i]!;
  }

  /** The record's payload (5 arrays of n), valid until next(). */
  payloadView(): Float64Array {
    return this.f64.subarray(this.payload / 8, this.payload / 8 + 5 * this.n);
  }
}

/** Sorted runs in a scratch file, as handed from one thread to another (see SpillRuns.detach). */
export interface RunsOnDisk {
  path: string;
  runs: Array<{ start: number; end: number }>;
  size: number;
}

export class SpillRuns {
  private fd = -1;
  private size = 0;
  private runs: Array<{ start: number; end: number }> = [];
  private out = Buffer.allocUnsafeSlow(WRITE_BUFFER);
  private outF64 = new Float64Array(this.out.buffer, 0, WRITE_BUFFER / 8);
  private outLen = 0;
  private runStart = 0;

  /**
   * `existing`: the file was created by another thread, which removes it if it gives up on this
   * one (a cancelled merge): opening it then fails instead of leaving a new file behind.
   */
  constructor(
    private readonly path: string,
    private readonly existing = false,
  ) {}

  /** The runs of a file another SpillRuns detached (another thread's, or this one's). */
  static adopt(d: RunsOnDisk): SpillRuns {
    const s = new SpillRuns(d.path, true);
    s.fd = openSync(d.path, 'r+');
    s.runs = d.runs.map((r) => ({ ...r }));
    s.size = d.size;
    return s;
  }

  get file(): string {
    return this.path;
  }

  /** Closes the file and hands its runs over (the file stays, for SpillRuns.adopt). */
  detach(): RunsOnDisk {
    this.drain();
    const d: RunsOnDisk = { path: this.path, runs: this.runs, size: this.size };
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.runs = [];
    this.size = 0;
    return d;
  }

  get count(): number {
    return this.runs.length;
  }

  /** Starts a run; groups must then come in increasing (account, kind) order. */
  begin(): void {
    if (this.fd < 0) this.fd = openSync(this.path, this.existing ? 'r+' : 'w+');
    this.runStart = this.size + this.outLen;
  }

  /**
   * Appends a group to the open run and returns where its payload goes: 5 arrays of n float64
   * (keys, counts, firsts, lasts, examples) for the caller to fill before the next call.
   */
  group(account: number, kind: number, n: number): Float64Array {
    const at = this.groupAt(account, kind, n);
    return this.outF64.subarray(at, at + 5 * n);
  }

  /** The write buffer groupAt's indexes point into (valid until the next group). */
  get buffer(): Float64Array {
    return this.outF64;
  }

  /**
   * As group(), but returns the index in `buffer` where the payload goes (no view made: a spill
   * appends hundreds of thousands of small groups).
   */
  groupAt(account: number, kind: number, n: number): number {
    const bytes = HEADER + n * 40;
    if (this.outLen + bytes > this.out.length) this.drain();
    if (bytes > this.out.length) {
      this.out = Buffer.allocUnsafeSlow(bytes);
      this.outF64 = new Float64Array(this.out.buffer, 0, bytes / 8);
    }
    const o = this.out;
    const at = this.outLen;
    o.writeInt32LE(account, at);
    o.writeInt32LE(kind, at + 4);
    o.writeInt32LE(n, at + 8);
    o.writeInt32LE(0, at + 12);
    this.outLen = at + bytes;
    return (at + HEADER) / 8;
  }

  end(): void {
    this.drain();
    if (this.size > this.runStart) this.runs.push({ start: this.runStart, end: this.size });
  }

  private drain(): void {
    if (this.outLen === 0) return;
    let off = 0;
    while (off < this.outLen) off += writeSync(this.fd, this.out, off, this.outLen - off, this.size + off);
    this.size += this.outLen;
    this.outLen = 0;
  }

  /**
   * Merges every run: each (account, kind) group once, in increasing order, its pairs from all
   * runs combined (counts added, first/last widened, the lowest example kept) in the order first
   * seen. Then forgets the runs. `progress` gets the bytes of the runs read so far and their total.
   */
  merge(sink: GroupSink, progress?: (done: number, total: number) => void): void {
    if (this.runs.length === 0) return;
    const each = Math.max(MIN_READ_BUFFER, Math.min(READ_BUFFER, Math.floor(MERGE_READ_BUDGET / Math.max(1, this.runs.length) / 8) * 8));
    const readers = this.runs.map((r) => new RunReader(this.fd, r.start, r.end, each));
    const total = this.size;
    let groups = 0;
    // one group's distinct pairs as 5 columns of `cap` (key, count, first, last, example), found
    // by an open-addressing index of their keys in typed arrays. A Map of float keys boxed each
    // one: the reported scale has groups of over half a million templates, and merging one took
    // the merge worker's heap up by ~75 MB, with the columns copied once more beside it (~230 MB
    // for a few seconds, the import's peak)
    let cap = 1024;
    let cols = new Float64Array(5 * cap);
    const index = new KeyIndex();
    for (;;) {
      let g = Infinity;
      for (const r of readers) if (r.group < g) g = r.group;
      if (g === Infinity) break;
      if (progress && ++groups % 16_384 === 0) progress(readers.reduce((s, r) => s + r.bytesRead, 0), total);
      let sources = 0;
      let only: RunReader | null = null;
      for (const r of readers) {
        if (r.group !== g) continue;
        sources++;
        only = r;
      }
      if (sources === 1 && only) {
        // one run holds the group (the other kinds, templates of a short-lived account): as spilled
        sink(only.account, only.kind, only.n, only.payloadView());
        only.next();
        continue;
      }
      let m = 0;
      for (const r of readers) {
        if (r.group !== g) continue;
        if (m + r.n > cap) {
          let bigger = cap;
          while (m + r.n > bigger) bigger *= 2;
          const grown = new Float64Array(5 * bigger);
          for (let f = 0; f < 5; f++) grown.set(cols.subarray(f * cap, f * cap + m), f * bigger);
          cols = grown;
          cap = bigger;
        }
        index.reserve(m + r.n, cols, m); // the keys so far are column 0's first m
        for (let i = 0; i < r.n; i++) {
          const key = r.value(0, i);
          const q = index.find(key);
          if (q < 0) {
            index.add(key, m);
            cols[m] = key;
            cols[cap + m] = r.value(1, i);
            cols[2 * cap + m] = r.value(2, i);
            cols[3 * cap + m] = r.value(3, i);
            cols[4 * cap + m] = r.value(4, i);
            m++;
          } else {
            cols[cap + q]! += r.value(1, i);
            cols[2 * cap + q] = Math.min(cols[2 * cap + q]!, r.value(2, i));
            cols[3 * cap + q] = Math.max(cols[3 * cap + q]!, r.value(3, i));
            cols[4 * cap + q] = Math.min(cols[4 * cap + q]!, r.value(4, i));
          }
        }
      }
      index.clear(cols, m);
      // the 5 columns moved together (5 arrays of m, as stored): each moves down, never onto a
      // column not yet moved
      for (let f = 1; f < 5; f++) cols.copyWithin(f * m, f * cap, f * cap + m);
      const first = readers.find((r) => r.group === g)!;
      sink(first.account, first.kind, m, cols);
      for (const r of readers) if (r.group === g) r.next();
    }
    progress?.(total, total);
    this.runs = [];
    this.size = 0;
  }

  /** Closes and removes the scratch file. */
  dispose(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    this.runs = [];
    this.size = 0;
    this.outLen = 0;
    rmSync(this.path, { force: true });
  }
}

/**
 * Merges the runs of `input` into a single run in `outPath` (a file the caller created: see
 * SpillRuns' `existing`), each (account, kind) group as merge() gives it, and removes `input`'s
 * file. Reading the result back with merge() passes every group through as written, so the rows
 * stored are those a merge of `input` would have given. The merge-worker runs this beside the
 * writer's index builds.
 */
export function mergeRunsInto(input: RunsOnDisk, outPath: string): RunsOnDisk {
  const src = SpillRuns.adopt(input);
  const out = new SpillRuns(outPath, true);
  try {
    out.begin();
    src.merge((account, kind, n, data) => out.group(account, kind, n).set(data.subarray(0, 5 * n)));
    out.end();
    return out.detach();
  } finally {
    src.dispose();
  }
}
