// Engine, job thread. Accumulates per-account aggregates from exchange rows and merges them into
// agg_values / agg_accounts, so a later import adds to what is there (its rows under a new seq,
// counters added by UPSERT). Each (account, kind) counts its current run of one key (an account
// keeps its key, client and model) in the account's own record, and the run goes into the pair
// table only when the key changes: a row touches its account's record and nothing else. Memory is bounded:
// a full pair table is spilled to a scratch file as a sorted run (spill-runs.ts),
// and the final flush merges the runs into one agg_values row per (account, kind), appended in
// key order. Prompt templates have their own table: nearly every benign prompt is a new
// template, so they fill up a hundred times faster than the other kinds and spill alone.
import { rmSync, writeFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { startBuiltWorker } from '../../built-worker';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/connection';
import { stmt } from '../../db/statements';
import { builtWorker } from '../../paths';
import { SMALL_NURSERY } from '../../small-nursery';
import { KINDS, MAX_TOKENS_COUNTED, STRING_KINDS, TEMPLATE_KIND } from './kinds';
import type { WriterRows } from './feed';
import { PairTable } from './pair-table';
import { SpillRuns, spillPath, type RunsOnDisk } from './spill-runs';

/** A merge of the spilled runs running on the merge worker (startMerge). */
interface PendingMerge {
  worker: Worker;
  /** its input and output scratch files */
  files: string[];
  done: Promise<RunsOnDisk>;
}

const HOURS = 24;

/**
 * An account's record: exchanges, cot, in and out tokens, first and last ts, then per kind the
 * run of its last key: key (NaN: none), count, first and last ts, and the id of the run's first
 * row (the lowest: rows come in id order).
 */
const A_EX = 0;
const A_COT = 1;
const A_IN = 2;
const A_OUT = 3;
const A_FIRST = 4;
const A_LAST = 5;
const A_KEYS = 6;
const R_KEY = 0;
const R_COUNT = 1;
const R_FIRST = 2;
const R_LAST = 3;
const R_EXAMPLE = 4;
const RUN = 5;
const ACC = A_KEYS + RUN * KINDS;

/** agg_values rows per multi-row INSERT, and the bytes of their data staged for it */
const ROWS_PER_INSERT = 16;
const STAGE_BYTES = 1 << 20;

/**
 * Inserts agg_values rows in order, ROWS_PER_INSERT at a time: one call into SQLite per row cost
 * a fifth of the time in binding and statement steps (900,000 rows at 5M exchanges: 7.1-7.4 CPU-s
 * one by one, 5.2-6.3 sixteen at a time). A group's data is only valid during the merge's call,
 * so small ones are copied into a staging buffer; one too large for it is inserted on its own,
 * after those before it. SQLite copies what it binds, so the buffer is reused after each INSERT.
 */
class ValueRows {
  private readonly one: Statement;
  private readonly many: Statement;
  private readonly params: unknown[] = new Array<unknown>(5 * ROWS_PER_INSERT);
  private readonly stage = Buffer.allocUnsafeSlow(STAGE_BYTES);
  private k = 0;
  private used = 0;
  /** sum of n over the rows added: all kinds, and the prompt templates' (agg_state's totals) */
  keys = 0;
  templateKeys = 0;

  constructor(
    db: Db,
    private readonly seq: number,
  ) {
    const row = '(?, ?, ?, ?, ?)';
    this.one = stmt(db, `INSERT INTO agg_values (account, kind, seq, n, data) VALUES ${row}`);
    this.many = stmt(db, `INSERT INTO agg_values (account, kind, seq, n, data) VALUES ${Array.from({ length: ROWS_PER_INSERT }, () => row).join(', ')}`);
  }

  add(account: number, kind: number, n: number, data: Float64Array): void {
    this.keys += n;
    if (kind === TEMPLATE_KIND) this.templateKeys += n;
    const bytes = 40 * n;
    const src = new Uint8Array(data.buffer, data.byteOffset, bytes);
    if (this.used + bytes > STAGE_BYTES) {
      this.end();
      if (bytes > STAGE_BYTES) {
        this.one.run(account, kind, this.seq, n, Buffer.from(src.buffer, src.byteOffset, bytes));
        return;
      }
    }
    this.stage.set(src, this.used);
    const p = this.params;
    const o = 5 * this.k;
    p[o] = account;
    p[o + 1] = kind;
    p[o + 2] = this.seq;
    p[o + 3] = n;
    p[o + 4] = this.stage.subarray(this.used, this.used + bytes);
    this.used += bytes;
    if (++this.k === ROWS_PER_INSERT) {
      this.many.run(...p);
      this.k = 0;
      this.used = 0;
    }
  }

  /** Inserts the rows staged (fewer than ROWS_PER_INSERT) one by one. */
  end(): void {
    const p = this.params;
    for (let j = 0; j < this.k; j++) this.one.run(p[5 * j], p[5 * j + 1], p[5 * j + 2], p[5 * j + 3], p[5 * j + 4]);
    this.k = 0;
    this.used = 0;
  }
}

export class AggregateBuilder {
  private readonly values: PairTable;
  private readonly templates: PairTable;
  // per account (indexed by accounts.id): one record of ACC doubles (counters, then each kind's
  // last key and its entry), so a row touches a few cache lines of its account instead of one in
  // each of nine arrays
  private accCap = 0;
  private acc = new Float64Array(0);
  private bHours = new Uint32Array(0); // exchanges per account and hour of day: counts fit 32 bits
  private runs: SpillRuns | null = null;
  private pending: PendingMerge | null = null;
  /** exchange rows added since the builder was created (flushes do not reset it) */
  rows = 0;

  /**
   * `maxPairs` bounds the table of the other kinds (1.5M pairs: about 90 MB); templates get a
   * quarter of it. A bigger table absorbs repeats (an account's key, client and model seen again)
   * that would otherwise be spilled again in each run; templates rarely repeat, so a bigger table
   * would only hold more memory.
   */
  constructor(readonly maxPairs = 1_500_000) {
    this.values = new PairTable(maxPairs);
    this.templates = new PairTable(Math.max(1, Math.floor(maxPairs / 4)));
  }

  /** A pair table is full: call flushFull. */
  get full(): boolean {
    return this.values.full || this.templates.full;
  }

  /** pairs held, both tables */
  get pairs(): number {
    return this.values.pairs + this.templates.pairs;
  }

  private ensureAccount(a: number): void {
    if (a < this.accCap) return;
    let cap = Math.max(1024, this.accCap);
    while (cap <= a) cap *= 2;
    const acc = new Float64Array(cap * ACC);
    acc.set(this.acc);
    for (let x = this.accCap; x < cap; x++) {
      acc[x * ACC + A_FIRST] = NaN;
      acc[x * ACC + A_LAST] = NaN;
    }
    this.acc = acc;
    this.resetKeys(this.accCap, cap);
    const hours = new Uint32Array(cap * HOURS);
    hours.set(this.bHours);
    this.bHours = hours;
    this.accCap = cap;
  }

  /**
   * One exchange. `keys[k]` is the key of kind k (NaN: none); `account` is accounts.id.
   * Rows must come in ascending id order: a run's example is the id of its first row.
   */
  add(id: number, account: number, ts: number, keys: Float64Array, cot: number, inTokens: number, outTokens: number): void {
    const o = this.count(account, ts, cot, inTokens, outTokens);
    for (let k = 0; k < KINDS; k++) {
      const key = keys[k]!;
      if (key !== key) continue;
      this.extendRun(o + A_KEYS + RUN * k, account, k, key, ts, id);
    }
  }

  /** the row's value of kind k: its account's current run goes on, or a new run starts */
  private extendRun(q: number, account: number, k: number, key: number, ts: number, id: number): void {
    const acc = this.acc;
    if (acc[q + R_KEY] === key) {
      acc[q + R_COUNT]! += 1;
      if (ts < acc[q + R_FIRST]!) acc[q + R_FIRST] = ts;
      if (ts > acc[q + R_LAST]!) acc[q + R_LAST] = ts;
    } else this.startRun(q, account, k, key, ts, id);
  }

  /**
   * The import writer's batch (bulk loads: ids from firstId up): add() for each row, reading the
   * batch's columns directly.
   */
  addRows(r: WriterRows): void {
    const S = STRING_KINDS.length;
    const strings = r.strings;
    for (let i = 0; i < r.n; i++) {
      const id = r.firstId + i;
      const account = r.account[i]!;
      const ts = r.ts[i]!;
      const o = this.count(account, ts, r.cot[i]!, r.inTokens[i]!, r.outTokens[i]!);
      for (let k = 0; k < KINDS; k++) {
        // string ids of 0 or less are no value
        let key: number;
        if (k < S) {
          key = strings[i * S + k]!;
          if (!(key > 0)) continue;
        } else {
          key = k === TEMPLATE_KIND ? r.templateKey[i]! : r.settingsKey[i]!;
          if (key !== key) continue;
        }
        this.extendRun(o + A_KEYS + RUN * k, account, k, key, ts, id);
      }
    }
  }

  /** Counts a row in its account's counters; the offset of the account's record. */
  private count(account: number, ts: number, cot: number, inTokens: number, outTokens: number): number {
    this.ensureAccount(account);
    this.rows++;
    const acc = this.acc;
    const o = account * ACC;
    acc[o + A_EX]! += 1;
    acc[o + A_COT]! += cot >= 1 ? 1 : 0;
    acc[o + A_IN]! += Math.min(inTokens, MAX_TOKENS_COUNTED);
    acc[o + A_OUT]! += Math.min(outTokens, MAX_TOKENS_COUNTED);
    const f = acc[o + A_FIRST]!;
    if (!(ts >= f)) acc[o + A_FIRST] = ts;
    const l = acc[o + A_LAST]!;
    if (!(ts <= l)) acc[o + A_LAST] = ts;
    this.bHours[account * HOURS + (Math.floor(ts / 3_600_000) % 24)]! += 1;
    return o;
  }

  /** The run at q (kind k of `account`) ends, if any, into its pair table; a run of `key` starts at (ts, id). */
  private startRun(q: number, account: number, k: number, key: number, ts: number, id: number): void {
    const acc = this.acc;
    const prev = acc[q + R_KEY]!;
    if (prev === prev) (k === TEMPLATE_KIND ? this.templates : this.values).append(account * KINDS + k, prev, acc[q + R_COUNT]!, acc[q + R_FIRST]!, acc[q + R_LAST]!, acc[q + R_EXAMPLE]!);
    acc[q + R_KEY] = key;
    acc[q + R_COUNT] = 1;
    acc[q + R_FIRST] = ts;
    acc[q + R_LAST] = ts;
    acc[q + R_EXAMPLE] = id;
  }

  /**
   * Ends every run (of kind `kind`, -1: every kind) into the pair tables: before they are spilled
   * for the last time. A run still open at an earlier spill goes into a later run of the file,
   * after the pairs of its (account, kind) spilled before it: they all ended before it began, so
   * each group's pairs stay in the order of their first rows.
   */
  private endRuns(kind: number): void {
    const acc = this.acc;
    for (let a = 0; a < this.accCap; a++) {
      for (let k = kind < 0 ? 0 : kind; k < (kind < 0 ? KINDS : kind + 1); k++) {
        const q = a * ACC + A_KEYS + RUN * k;
        const key = acc[q + R_KEY]!;
        if (key !== key) continue;
        (k === TEMPLATE_KIND ? this.templates : this.values).append(a * KINDS + k, key, acc[q + R_COUNT]!, acc[q + R_FIRST]!, acc[q + R_LAST]!, acc[q + R_EXAMPLE]!);
        acc[q + R_KEY] = NaN;
      }
    }
  }

  private spillRuns(db: Db): SpillRuns {
    return (this.runs ??= new SpillRuns(spillPath(db.name)));
  }

  /** Spills what is full (to the scratch file beside the case: nothing is written into it). */
  flushFull(db: Db): void {
    if (this.values.full) {
      // merged in place first: spilled only when the distinct pairs fill half the table
      if (this.values.compact(this.accCap)) this.values.spill(this.spillRuns(db), this.accCap);
    }
    // the open runs stay in the accounts' records: they go into the table when they end
    if (this.templates.full) {
      if (this.templates.compact(this.accCap)) this.templates.spill(this.spillRuns(db), this.accCap);
    }
  }

  /**
   * After the last row: spills what the tables hold and, when there are runs to merge and the
   * merge worker is built, starts merging them on it, so that the merge overlaps the caller's
   * next work (the exchanges indexes). Call merged() before flush. Nothing reaches the case.
   */
  startMerge(db: Db): void {
    if (this.pending || !this.runs) return;
    const file = builtWorker('aggregate-merge');
    if (!file) return;
    const runs = this.runs;
    this.endRuns(-1);
    this.values.spill(runs, this.accCap);
    this.templates.spill(runs, this.accCap);
    this.values.shrink();
    this.templates.shrink();
    if (runs.count < 2) return; // nothing to combine: flush passes the run through
    const input = runs.detach();
    this.runs = null;
    const out = spillPath(db.name);
    writeFileSync(out, ''); // created here, so a cancelled merge cannot leave it behind (SpillRuns' existing)
    const files = [input.path, out];
    let worker: Worker;
    try {
      worker = startBuiltWorker(file, { workerData: { input, out }, resourceLimits: SMALL_NURSERY });
    } catch (e) {
      for (const f of files) rmSync(f, { force: true });
      throw e;
    }
    const done = new Promise<RunsOnDisk>((resolve, reject) => {
      worker.once('message', (d: RunsOnDisk) => resolve(d));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the aggregate merge worker stopped (exit code ${code})`)));
    });
    // a merge given up (dispose) is not waited for
    done.catch(() => undefined);
    this.pending = { worker, files, done };
  }

  /** Waits for the merge startMerge began (if any); flush then writes its single run. */
  async merged(): Promise<void> {
    const p = this.pending;
    if (!p) return;
    const d = await p.done;
    this.pending = null;
    this.runs = SpillRuns.adopt(d);
  }

  /**
   * Writes everything held into the aggregate tables and empties the builder. Call in a
   * transaction. `progress` follows the merge of the spilled runs (bytes read of their total).
   */
  flush(db: Db, progress?: (done: number, total: number) => void): void {
    if (this.pending) throw new Error('flush: the aggregate merge is still running (await merged())');
    const runs = this.spillRuns(db);
    try {
      this.endRuns(-1);
      this.values.spill(runs, this.accCap);
      this.templates.spill(runs, this.accCap);
      // the merge below holds only read buffers: the tables give their memory back first
      this.values.shrink();
      this.templates.shrink();
      if (runs.count > 0) {
        const seq = (stmt(db, 'SELECT next_seq FROM agg_state WHERE id = 1').pluck().get() as number | undefined) ?? 1;
        // until the import commits its coverage, the state says "covers nothing known" (stale)
        stmt(db, 'INSERT INTO agg_state (id, max_exchange_id, exchanges, next_seq) VALUES (1, -1, -1, ?) ON CONFLICT (id) DO UPDATE SET next_seq = excluded.next_seq').run(seq + 1);
        const rows = new ValueRows(db, seq);
        runs.merge((account, kind, n, data) => rows.add(account, kind, n, data), progress);
        rows.end();
        // the totals an analysis sizes its tables by (aggregateTotals); a state row made just above has none yet
        stmt(db, 'UPDATE agg_state SET value_keys = coalesce(value_keys, 0) + ?, template_keys = coalesce(template_keys, 0) + ? WHERE id = 1').run(rows.keys, rows.templateKeys);
      }
    } finally {
      runs.dispose();
      this.runs = null;
    }
    const hcols = Array.from({ length: HOURS }, (_, h) => `h${h}`);
    const upAcc = stmt(
      db,
      `INSERT INTO agg_accounts (account, exchanges, cot, in_tokens, out_tokens, first_ts, last_ts, ${hcols.join(', ')})
       VALUES (${Array.from({ length: 7 + HOURS }, () => '?').join(', ')})
       ON CONFLICT (account) DO UPDATE SET exchanges = exchanges + excluded.exchanges, cot = cot + excluded.cot,
         in_tokens = in_tokens + excluded.in_tokens, out_tokens = out_tokens + excluded.out_tokens,
         first_ts = min(coalesce(first_ts, excluded.first_ts), coalesce(excluded.first_ts, first_ts)),
         last_ts = max(coalesce(last_ts, excluded.last_ts), coalesce(excluded.last_ts, last_ts)),
         ${hcols.map((h) => `${h} = ${h} + excluded.${h}`).join(', ')}`,
    );
    const vals = new Array<number | null>(7 + HOURS);
    const acc = this.acc;
    for (let a = 0; a < this.accCap; a++) {
      const o = a * ACC;
      if (acc[o + A_EX] === 0) continue;
      vals[0] = a;
      vals[1] = acc[o + A_EX]!;
      vals[2] = acc[o + A_COT]!;
      vals[3] = acc[o + A_IN]!;
      vals[4] = acc[o + A_OUT]!;
      vals[5] = acc[o + A_FIRST]!;
      vals[6] = acc[o + A_LAST]!;
      for (let h = 0; h < HOURS; h++) vals[7 + h] = this.bHours[a * HOURS + h]!;
      upAcc.run(vals);
    }
    this.clear();
  }

  /** Drops what was spilled (a cancelled or failed import). */
  dispose(): void {
    this.runs?.dispose();
    this.runs = null;
    const p = this.pending;
    if (p) {
      this.pending = null;
      // its files go now (an open one vanishes when the worker closes it), and it stops at once
      void p.worker.terminate();
      for (const f of p.files) rmSync(f, { force: true });
    }
  }

  private clear(): void {
    const acc = this.acc;
    for (let a = 0; a < this.accCap; a++) {
      const o = a * ACC;
      acc.fill(0, o, o + A_FIRST);
      acc[o + A_FIRST] = NaN;
      acc[o + A_LAST] = NaN;
    }
    this.resetKeys(0, this.accCap);
    this.bHours.fill(0);
  }

  /** No run open for the accounts [from, to). */
  private resetKeys(from: number, to: number): void {
    const acc = this.acc;
    for (let a = from; a < to; a++) {
      const o = a * ACC + A_KEYS;
      for (let k = 0; k < KINDS; k++) acc[o + RUN * k + R_KEY] = NaN;
    }
  }
}
