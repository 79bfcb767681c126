// Engine. Handlers for the imports channels: list a folder's log files, preview a file, start the
// import job, list imports, page through rejects, keep mapping presets.
import { isoTime } from '../../shared/time-span';
import { existsSync, statSync } from 'node:fs';
import { MAX_IMPORT_FILES, type ImportInfo } from '../../shared/contract';
import { EngineError } from '../../shared/result';
import { stmt } from '../db/statements';
import type { ImportParams } from '../ingest/import-job';
import { UnreadableFileError } from '../ingest/sniff';
import { expandLogPaths, NoLogFilesError } from '../ingest/log-paths';
import { previewFile } from '../ingest/preview';
import { deletePreset, listPresets, loadPreset, savePreset } from '../ingest/presets';
import { recoverInterruptedImports } from '../ingest/rollback';
import type { HandlerMap } from './types';

interface ImportRow {
  id: number;
  file_name: string;
  file_path: string;
  sha256: string;
  size_bytes: number;
  format: string;
  compression: string;
  kind: 'exchanges' | 'accounts';
  mapping_json: string;
  status: ImportInfo['status'];
  rows: number;
  rejected: number;
  duplicates: number;
  started_at: string;
  finished_at: string | null;
  seconds: number | null;
  app_version: string;
  error: string | null;
  prompt_samples_per_account: number | null;
  first_ts: number | null;
  last_ts: number | null;
}

const toInfo = (r: ImportRow): ImportInfo => ({
  id: r.id,
  fileName: r.file_name,
  filePath: r.file_path,
  sha256: r.sha256,
  sizeBytes: r.size_bytes,
  format: r.format,
  compression: r.compression,
  kind: r.kind,
  mapping: JSON.parse(r.mapping_json) as Record<string, string>,
  status: r.status,
  rows: r.rows,
  rejected: r.rejected,
  duplicates: r.duplicates,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  seconds: r.seconds,
  appVersion: r.app_version,
  error: r.error,
  promptSamplesPerAccount: r.prompt_samples_per_account,
  firstTs: isoTime(r.first_ts),
  lastTs: isoTime(r.last_ts),
});

export const importHandlers: HandlerMap<
  'import.files' | 'import.preview' | 'import.start' | 'import.list' | 'import.rejects' | 'import.presets.list' | 'import.presets.save' | 'import.presets.delete'
> = {
  'import.files': (req) => {
    for (const p of req.paths) if (!existsSync(p)) throw new EngineError('NOT_FOUND', `No file or folder at ${p}.`);
    let r: { files: string[]; folders: number };
    try {
      r = expandLogPaths(req.paths);
    } catch (e) {
      if (e instanceof NoLogFilesError) throw new EngineError('BAD_INPUT', e.message);
      throw e;
    }
    if (r.files.length > MAX_IMPORT_FILES) throw new EngineError('BAD_INPUT', `${r.files.length} log files: one import takes at most ${MAX_IMPORT_FILES}. Import the folder in parts.`);
    let bytes = 0;
    for (const f of r.files) bytes += statSync(f).size;
    return { ...r, bytes };
  },
  'import.preview': async (req, ctx) => {
    if (!existsSync(req.path)) throw new EngineError('NOT_FOUND', `No file at ${req.path}.`);
    try {
      return await previewFile(req.path, { kind: req.kind, mapping: req.mapping, exactMapping: req.exactMapping }, ctx.maybeSession()?.db);
    } catch (e) {
      if (e instanceof UnreadableFileError) throw new EngineError('BAD_INPUT', e.message);
      if (e instanceof Error && /is not a field of/.test(e.message)) throw new EngineError('BAD_REQUEST', e.message);
      throw e;
    }
  },
  'import.start': (req, ctx) => {
    const db = ctx.session().db;
    // one job at a time (ctx.startJob): an import's rollback relies on the ids it adds being its own
    for (const p of req.paths) if (!existsSync(p)) throw new EngineError('NOT_FOUND', `No file at ${p}.`);
    let mapping = req.mapping;
    let kind = req.kind;
    let exact = req.exactMapping ?? false;
    if (req.preset) {
      const p = loadPreset(db, req.preset);
      if (!p) throw new EngineError('NOT_FOUND', `No mapping preset named "${req.preset}".`);
      mapping = { ...p.mapping, ...(mapping ?? {}) };
      kind ??= p.kind;
      exact = true;
    }
    const perFile = req.perFile ? Object.fromEntries(req.perFile.map(({ path, ...choice }) => [path, choice])) : undefined;
    const params: ImportParams = { paths: req.paths, kind, mapping, exactMapping: exact, promptSamplesPerAccount: req.promptSamplesPerAccount, perFile, fitOthers: req.fitOthers };
    return ctx.startJob('import', params, 'data');
  },
  'import.list': (req, ctx) => {
    const db = ctx.session().db;
    const importing = ctx.jobs.list().some((j) => j.kind === 'import' && j.state === 'running');
    // imports left 'running' by a process that died show as interrupted (and are rolled back)
    recoverInterruptedImports(db, () => importing);
    return (stmt(db, 'SELECT * FROM imports ORDER BY id DESC LIMIT ?').all(req.limit ?? -1) as ImportRow[]).map(toInfo);
  },
  'import.rejects': (req, ctx) => {
    const db = ctx.session().db;
    const total = db.prepare('SELECT count(*) FROM rejects WHERE import_id = ?').pluck().get(req.importId) as number;
    const rows = db
      .prepare('SELECT line, reason, excerpt FROM rejects WHERE import_id = ? ORDER BY line, id LIMIT ? OFFSET ?')
      .all(req.importId, req.limit, req.offset) as Array<{ line: number; reason: string; excerpt: string }>;
    return { total, rows };
  },
  'import.presets.list': (_req, ctx) => listPresets(ctx.session().db),
  'import.presets.save': (req, ctx) => savePreset(ctx.session().db, req),
  'import.presets.delete': (req, ctx) => {
    deletePreset(ctx.session().db, req.name);
    return null;
  },
};
