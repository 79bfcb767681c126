// Engine, job thread (the app's job worker, or the CLI's main thread). The import job: for each
// file, detect a repeat of an earlier import, record the import as 'running' (committed first),
// stream the parser's batches into the case in transactions of many batches, build indexes, and mark
// it complete with its provenance and an audit entry. Cancel or failure rolls its rows back;
// a killed process leaves a 'running' row that the next open marks interrupted and rolls back.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, resolve } from 'node:path';
import { EngineError } from '../../shared/result';
import { isoTime } from '../../shared/time-span';
import { appendAudit } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import { CancelledError, type JobContext, type JobFn, type Progress } from '../jobs/job-context';
import { APP_VERSION } from '../version';
import type { ImportKind } from './fields';
import { transferList } from './batch';
import { buildSecondaryIndexes, dropSecondaryIndexes } from './indexes';
import { startBackgroundCheckpoints, type BackgroundCheckpoints } from '../db/background-checkpoints';
import { CACHE_SIZE } from '../db/connection';
import type { Mapping } from './mapping';
import { DEFAULT_PROMPT_SAMPLES } from './parse-pipeline';
import { startParser } from './parser-handle';
import { deleteImportRows, recoverInterruptedImports } from './rollback';
import { CaseWriter } from './writer';
import { RejectLog } from './reject-log';
import { RowTimes } from './row-times';
import { ImportAggregates } from '../linkage/aggregates/import-hook';

export interface ImportParams {
  paths: string[];
  kind?: ImportKind | undefined;
  /** FIELD -> COLUMN overrides of the detected mapping ('' unmaps a field) */
  mapping?: Mapping | undefined;
  /** use `mapping` as the whole mapping (a preset, or the app's confirmed mapping) */
  exactMapping?: boolean | undefined;
  promptSamplesPerAccount?: number | undefined;
  /** where parsing runs; 'auto' = the ingest worker thread when built */
  parser?: 'worker' | 'inline' | 'auto' | undefined;
  batchSize?: number | undefined;
  /** parse workers sharing a large uncompressed JSON Lines file (default 2), and its chunk size */
  parseWorkers?: number | undefined;
  chunkBytes?: number | undefined;
  /** the aggregate builder's table bound (tests: small tables spill runs for the merge worker) */
  aggregatePairs?: number | undefined;
  /** per path: its own kind, mapping and exactMapping, in place of the ones above (files of
   * another kind or shape imported together: accounts with exchanges) */
  perFile?: Record<string, FileChoice> | undefined;
  /** the files after the first (and not in perFile) are read with `kind` and `mapping` where
   * they fit them, else with their own detected ones (a folder's files, which the app does not
   * look at one by one; ParseOptions.ownWhereUnfit) */
  fitOthers?: boolean | undefined;
  /** set per file by the import from fitOthers */
  ownWhereUnfit?: boolean | undefined;
}

/** How one file is read: kind and mapping (none: detected from its own columns). */
export interface FileChoice {
  kind?: ImportKind | undefined;
  mapping?: Mapping | undefined;
  exactMapping?: boolean | undefined;
}

export interface ImportFileResult {
  file: string;
  path: string;
  importId: number | null;
  status: 'complete' | 'duplicate' | 'failed';
  sha256: string;
  kind: ImportKind | null;
  format: string | null;
  rows: number;
  rejected: number;
  duplicates: number;
  seconds: number;
  /** of a completed import, seconds by step: loading the rows, building the indexes (and
   * removing repeated request ids), waiting for the per-account values' merge, writing them */
  phases?: { load: number; indexes: number; merge: number; finish: number };
  bytes: number;
  duplicateOf?: number;
  /** the first few rejected rows (all of them are in the rejects table) */
  firstRejects?: Array<{ line: number; reason: string; excerpt: string }>;
  /** of a completed import, the earliest and latest time of its rows (exchanges' ts, accounts'
   * created_at), ISO UTC; null when no row had one */
  firstTs?: string | null;
  lastTs?: string | null;
  error?: { code: string; message: string };
}

export interface ImportResult {
  files: ImportFileResult[];
}

/**
 * A transaction spans batches until this many rows or this much time: each commit rewrites the
 * pages it dirtied (strings, samples, aggregates) into the WAL, and at 4,096 rows a batch the
 * commits cost a fifth of a large import. Safety does not depend on it: a cancelled or killed
 * import's rows are removed by id range whatever was committed.
 */
const COMMIT_ROWS = 131_072;
const COMMIT_MS = 2_000;

/** With background checkpoints: the log size at which the writer lets it restart (see commitOpen). */
const WAL_RESTART_BYTES = 256 * 1024 * 1024;

/** The phase of a file's rows being read and written (its progress is the file's). */
const READING = 'importing';

const fmtMb = (b: number) => `${(b / 1e6).toFixed(b < 1e7 ? 1 : 0)} MB`;

async function sha256File(path: string, ctx: JobContext, size: number, phase: string): Promise<string> {
  const h = createHash('sha256');
  let done = 0;
  for await (const c of createReadStream(path, { highWaterMark: 1 << 20 })) {
    h.update(c as Buffer);
    done += (c as Buffer).length;
    ctx.checkCancelled();
    ctx.progress({ phase, done, total: size, message: 'checking whether this file was imported before' });
  }
  return h.digest('hex');
}

const nextId = (db: Db, table: string): number => (stmt(db, `SELECT coalesce(max(id), 0) + 1 FROM ${table}`).pluck().get() as number);

async function importOne(ctx: JobContext, path: string, params: ImportParams, label: string, checkpoints: BackgroundCheckpoints | null): Promise<ImportFileResult> {
  const db = ctx.db;
  const t0 = performance.now();
  const file = basename(path);
  const base: ImportFileResult = { file, path, importId: null, status: 'failed', sha256: '', kind: params.kind ?? null, format: null, rows: 0, rejected: 0, duplicates: 0, seconds: 0, bytes: 0 };
  const seconds = () => Math.round((performance.now() - t0) / 10) / 100;
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (e) {
    return { ...base, error: { code: 'BAD_INPUT', message: `Cannot read ${path}: ${e instanceof Error ? e.message : String(e)}` } };
  }
  base.bytes = size;

  // The same file imported completely before (same SHA-256, hence same size): nothing to do.
  const sameSize = stmt(db, "SELECT id, sha256, rows, kind, format FROM imports WHERE status = 'complete' AND size_bytes = ?").all(size) as Array<{ id: number; sha256: string; rows: number; kind: ImportKind; format: string }>;
  if (sameSize.length > 0) {
    const sha = await sha256File(path, ctx, size, `${label}: hashing`);
    const prev = sameSize.find((r) => r.sha256 === sha);
    if (prev) {
      db.transaction(() => appendAudit(db, { action: 'import.skipped', subject: file, details: { path, sha256: sha, duplicateOf: prev.id, reason: 'same SHA-256 as a complete earlier import' } }))();
      return { ...base, status: 'duplicate', sha256: sha, kind: prev.kind, format: prev.format, duplicates: prev.rows, duplicateOf: prev.id, seconds: seconds() };
    }
  }

  const samples = params.promptSamplesPerAccount ?? DEFAULT_PROMPT_SAMPLES;
  const firstEx = nextId(db, 'exchanges');
  const importId = Number(
    stmt(
      db,
      `INSERT INTO imports (file_name, file_path, sha256, size_bytes, format, compression, kind, mapping_json, status, started_at, app_version,
           first_exchange_id, first_account_id, first_string_id, owner_pid, owner_host, prompt_samples_per_account)
         VALUES (?, ?, '', ?, 'unknown', 'none', ?, '{}', 'running', ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .run(file, resolve(path), size, params.kind ?? 'exchanges', new Date().toISOString(), APP_VERSION, firstEx, nextId(db, 'accounts'), nextId(db, 'strings'), process.pid, hostname(), samples)
      .lastInsertRowid,
  );
  base.importId = importId;
  const bulk = stmt(db, 'SELECT NOT EXISTS (SELECT 1 FROM exchanges)').pluck().get() === 1;
  let indexesDropped = false;
  let inAccountsTx = false;
  // the open multi-batch transaction of an exchanges import (rows written in it, when it began)
  let openTx: { rows: number; since: number } | null = null;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const commitOpen = () => {
    if (openTx) db.exec('COMMIT');
    openTx = null;
    // The log restarts from its beginning only when a write transaction begins after every frame
    // was copied; the writer begins the next one at once, before the checkpoint thread has caught
    // up, so the log would grow by the whole import. Past WAL_RESTART_BYTES this connection
    // checkpoints the little that is left itself, and the next transaction restarts the log.
    if (checkpoints && checkpoints.logFrames() * pageSize > WAL_RESTART_BYTES) db.pragma('wal_checkpoint(PASSIVE)');
    // an investigator's tag or note waiting for the write lock gets it here, between two transactions
    ctx.letWaitingWritesIn?.();
  };
  let kind: ImportKind | null = null;
  let writer: CaseWriter | null = null;
  const rejects = new RejectLog(db, importId);
  const times = new RowTimes();
  let aggregates: ImportAggregates | null = null;
  let removedDuplicates = 0;
  let rows = 0;
  let duplicates = 0;
  let sha = '';
  const updateCounts = stmt(db, 'UPDATE imports SET rows = ?, rejected = ?, duplicates = ?, bytes_read = ? WHERE id = ?');
  // the checkpoint thread copies the log into the case; without it, fewer, larger checkpoints
  // while loading (each one syncs the case file)
  db.pragma(`wal_autocheckpoint = ${checkpoints ? 0 : 16384}`);
  const handle = startParser(path, { kind: params.kind, mapping: params.mapping, exactMapping: params.exactMapping, ownWhereUnfit: params.ownWhereUnfit, promptSamplesPerAccount: samples, batchSize: params.batchSize }, params.parser ?? 'auto', { workers: params.parseWorkers, chunkBytes: params.chunkBytes });
  const phase = `${label}: ${READING}`;
  try {
    for await (const msg of handle.messages) {
      ctx.checkCancelled();
      if (msg.type === 'header') {
        kind = msg.kind;
        base.kind = kind;
        base.format = msg.format;
        stmt(db, 'UPDATE imports SET format = ?, compression = ?, kind = ?, mapping_json = ? WHERE id = ?').run(msg.format, msg.compression, msg.kind, JSON.stringify(msg.mapping), importId);
        if (kind === 'exchanges') aggregates = new ImportAggregates(db, firstEx, bulk, params.aggregatePairs);
        writer = new CaseWriter(db, importId, { orIgnore: !bulk, promptSamplesPerAccount: samples, firstId: firstEx, onRows: aggregates?.wantsRows ? aggregates.onRows : undefined });
        if (kind === 'exchanges' && bulk) {
          dropSecondaryIndexes(db);
          indexesDropped = true;
        }
        if (kind === 'accounts') {
          // accounts exports are small and update existing rows: one transaction, so a rollback restores them exactly
          db.exec('BEGIN IMMEDIATE');
          inAccountsTx = true;
        }
      } else if (msg.type === 'batch') {
        const w = writer;
        if (!w) throw new EngineError('INTERNAL', 'batch before header');
        const write = () => {
          const r = msg.batch.kind === 'exchanges' ? w.writeExchanges(msg.batch) : w.writeAccounts(msg.batch);
          rejects.write(msg.rejects);
          times.see(msg.batch);
          rows += r.written;
          duplicates += r.duplicates;
          updateCounts.run(rows, rejects.rejected, duplicates, msg.rawBytes, importId);
        };
        if (inAccountsTx) write();
        else {
          if (!openTx) {
            db.exec('BEGIN IMMEDIATE');
            openTx = { rows: 0, since: performance.now() };
          }
          write();
          openTx.rows += msg.batch.n;
          if (openTx.rows >= COMMIT_ROWS || performance.now() - openTx.since >= COMMIT_MS) commitOpen();
        }
        // written: its typed arrays go back to the parse worker to be filled again
        handle.ack(msg.batch.kind === 'exchanges' ? transferList(msg.batch) : undefined);
        const done = rows + duplicates + rejects.rejected;
        const total = msg.rawBytes > 0 ? Math.max(done, Math.round((done * size) / msg.rawBytes)) : null;
        ctx.progress({ phase, done, total, message: `${fmtMb(msg.rawBytes)} of ${fmtMb(size)}` });
      } else if (msg.type === 'end') {
        sha = msg.sha256;
      } else {
        throw new EngineError(msg.code, msg.message);
      }
    }
    commitOpen();
    const steps = { load: seconds(), indexes: 0, merge: 0, finish: 0 };
    const step = (name: 'indexes' | 'merge' | 'finish', before: number) => (steps[name] = Math.round((seconds() - before) * 100) / 100);
    const w = writer;
    if (!w || !kind) throw new EngineError('INTERNAL', 'the parser ended without a result');
    w.releaseRowState();
    // the aggregates' spilled runs merge on another thread while this one builds the indexes
    aggregates?.startMerge();
    let t = seconds();
    if (kind === 'exchanges' && indexesDropped) {
      ctx.progress({ phase: `${label}: indexing`, done: 0, total: null, message: 'building indexes, removing repeated request ids' });
      // an investigator's change waiting for the write lock gets in between two index builds
      const removed = buildSecondaryIndexes(db, firstEx, () => ctx.letWaitingWritesIn?.());
      indexesDropped = false;
      removedDuplicates = removed;
      rows -= removed;
      duplicates += removed;
    }
    step('indexes', t);
    t = seconds();
    if (aggregates && removedDuplicates === 0) {
      ctx.progress({ phase: `${label}: merging per-account values`, done: 0, total: null });
      await aggregates.merged();
    }
    step('merge', t);
    t = seconds();
    const span = times.span;
    const finish = () => {
      rejects.finish();
      aggregates?.commit(removedDuplicates, (done, total, step) => ctx.progress({ phase: `${label}: ${step}`, done, total }));
      stmt(db, "UPDATE imports SET status = 'complete', sha256 = ?, rows = ?, rejected = ?, duplicates = ?, finished_at = ?, seconds = ?, first_ts = ?, last_ts = ? WHERE id = ?").run(
        sha, rows, rejects.rejected, duplicates, new Date().toISOString(), seconds(), span?.first ?? null, span?.last ?? null, importId,
      );
      appendAudit(db, {
        action: 'import',
        subject: file,
        details: { importId, path: resolve(path), sha256: sha, sizeBytes: size, format: base.format, kind, rows, rejected: rejects.rejected, duplicates, appVersion: APP_VERSION },
      });
    };
    if (inAccountsTx) {
      finish();
      db.exec('COMMIT');
      inAccountsTx = false;
    } else db.transaction(finish)();
    step('finish', t);
    return { ...base, status: 'complete', sha256: sha, rows, rejected: rejects.rejected, duplicates, seconds: seconds(), phases: steps, firstRejects: rejects.first, firstTs: isoTime(span?.first ?? null), lastTs: isoTime(span?.last ?? null) };
  } catch (e) {
    await handle.stop();
    aggregates?.dispose();
    if ((inAccountsTx || openTx) && db.inTransaction) db.exec('ROLLBACK');
    openTx = null;
    const rollback = () => deleteImportRows(db, { id: importId, first_exchange_id: firstEx, first_account_id: null, first_string_id: null });
    const range = stmt(db, 'SELECT id, first_exchange_id, first_account_id, first_string_id FROM imports WHERE id = ?').get(importId) as Parameters<typeof deleteImportRows>[1] | undefined;
    if (e instanceof CancelledError) {
      db.transaction(() => {
        if (range) deleteImportRows(db, range);
        else rollback();
        stmt(db, 'DELETE FROM imports WHERE id = ?').run(importId);
      })();
      if (indexesDropped) buildSecondaryIndexes(db, 0);
      throw e;
    }
    const code = e instanceof EngineError ? e.code : 'INTERNAL';
    const message = e instanceof Error ? e.message : String(e);
    db.transaction(() => {
      if (range) deleteImportRows(db, range);
      stmt(db, "UPDATE imports SET status = 'failed', rows = 0, finished_at = ?, seconds = ?, error = ? WHERE id = ?").run(new Date().toISOString(), seconds(), message, importId);
      appendAudit(db, { action: 'import.failed', subject: file, details: { importId, path: resolve(path), error: message } });
    })();
    if (indexesDropped) buildSecondaryIndexes(db, 0);
    return { ...base, status: 'failed', error: { code, message }, seconds: seconds() };
  }
}

export const importJob: JobFn<ImportParams, ImportResult> = async (ctx, params) => {
  recoverInterruptedImports(ctx.db, () => true);
  const files: ImportFileResult[] = [];
  const checkpoints = startBackgroundCheckpoints(ctx.db);
  // a load appends; half the usual page cache leaves room for the aggregate tables (peak memory
  // must stay under 1 GB at the reported scale)
  ctx.db.pragma('cache_size = -32768');
  // several files: the progress of the whole, by their sizes (a folder's thousands)
  const n = params.paths.length;
  const sizes = params.paths.map(sizeOf);
  const allBytes = sizes.reduce((s, x) => s + x, 0);
  let before = 0;
  try {
    for (const [i, path] of params.paths.entries()) {
      ctx.checkCancelled();
      const label = n > 1 ? `${basename(path)} (${i + 1}/${n})` : basename(path);
      const own = params.perFile?.[path];
      const choice = own ? { ...params, kind: own.kind, mapping: own.mapping, exactMapping: own.exactMapping } : { ...params, ownWhereUnfit: i > 0 && params.fitOthers };
      const size = sizes[i]!;
      // the file's part read (its hashing, index builds and merge are not counted: they would
      // move the bar back and forth)
      let read = 0;
      const share = (p: Progress) => {
        if (p.phase.endsWith(`: ${READING}`) && p.total) read = Math.max(read, Math.min(1, p.done / p.total));
        return allBytes > 0 ? (before + read * size) / allBytes : i / n;
      };
      const fileCtx = n > 1 ? { ...ctx, progress: (p: Progress) => ctx.progress({ ...p, steps: { done: i, total: n, share: share(p) } }) } : ctx;
      files.push(await importOne(fileCtx, path, choice, label, checkpoints));
      before += size;
    }
  } catch (e) {
    // each file is an import of its own: the one being read is rolled back, the finished stay
    const finished = files.filter((f) => f.status === 'complete').length;
    if (e instanceof CancelledError && finished > 0) {
      const kept = finished === 1 ? 'the file imported before it stays' : `the ${finished} files imported before it stay`;
      throw new CancelledError(`the file being read was rolled back; ${kept} (importing them again skips them as imported before)`);
    }
    throw e;
  } finally {
    await checkpoints?.stop();
    ctx.db.pragma(`cache_size = ${CACHE_SIZE}`);
    ctx.db.pragma('wal_autocheckpoint = 1000');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return { files };
};

/** A file's size in bytes (0 when it cannot be read: the import says why). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
