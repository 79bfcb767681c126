// Shared by every process. Channels of the imports domain: look at a file before importing it
// (detected format, kind, mapping, first rows), start an import job, list past imports with their
// provenance, page through an import's rejected rows, and keep mapping presets.
import { z } from 'zod';
import { channel } from './channel';
import { Empty, FilePath, JobStarted, Nothing } from './common';

export const ImportKindSchema = z.enum(['exchanges', 'accounts']);
export type ImportKindName = z.infer<typeof ImportKindSchema>;

/** canonical field -> source column */
export const MappingSchema = z.record(z.string().max(64), z.string().max(512));
export type MappingDto = z.infer<typeof MappingSchema>;

export const ImportPreview = z.object({
  path: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  format: z.string(),
  container: z.enum(['jsonl', 'json', 'csv', 'tsv']),
  compression: z.enum(['none', 'gzip']),
  kind: ImportKindSchema,
  mapping: MappingSchema,
  columns: z.array(z.string()),
  /** canonical fields of the kind, and the ones a row cannot do without */
  fields: z.array(z.string()),
  required: z.array(z.string()),
  /** required fields no column maps to yet (the import cannot start until they are mapped) */
  missing: z.array(z.string()),
  /** first records: source line and each column's value as text (bounded) */
  rows: z.array(z.object({ line: z.number().int(), values: z.record(z.string(), z.string()) })),
  /** problems among the first records */
  rejects: z.array(z.object({ line: z.number().int(), reason: z.string(), excerpt: z.string() })),
  /** the records up to the last row shown as the import would store them with this mapping
   * (normalised: UTC times, canonical IPs and their prefixes, user-agent families ...): the stored
   * columns some row fills, the rows, and why each record it would reject is rejected */
  stored: z.object({
    columns: z.array(z.string()),
    rows: z.array(z.object({ line: z.number().int(), values: z.record(z.string(), z.string()) })),
    rejects: z.array(z.object({ line: z.number().int(), reason: z.string() })),
    /** the rows' earliest and latest times (ISO UTC), and whether some fall before 2000 or after
     * tomorrow (a column of numbers taken for the time) */
    span: z.object({ first: z.string(), last: z.string() }).nullable(),
    oddTimes: z.boolean(),
  }),
  /** SHA-256 match with a complete earlier import of the same size, when known cheaply */
  alreadyImported: z.object({ importId: z.number().int(), fileName: z.string() }).nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportInfo = z.object({
  id: z.number().int(),
  fileName: z.string(),
  filePath: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  format: z.string(),
  compression: z.string(),
  kind: ImportKindSchema,
  mapping: MappingSchema,
  status: z.enum(['running', 'complete', 'cancelled', 'failed', 'interrupted']),
  rows: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  seconds: z.number().nullable(),
  appVersion: z.string(),
  error: z.string().nullable(),
  promptSamplesPerAccount: z.number().int().nullable(),
  /** the earliest and latest time of its rows (exchanges' ts, accounts' created_at), ISO UTC;
   * null when none had one, or for an import made before this was recorded */
  firstTs: z.string().nullable(),
  lastTs: z.string().nullable(),
});
export type ImportInfo = z.infer<typeof ImportInfo>;

export const RejectRowDto = z.object({ line: z.number().int(), reason: z.string(), excerpt: z.string() });

/** What the import job's result holds for each file (job event `result.files`). */
export const ImportFileResultDto = z.object({
  file: z.string(),
  path: z.string(),
  importId: z.number().int().nullable(),
  status: z.enum(['complete', 'duplicate', 'failed']),
  sha256: z.string(),
  kind: ImportKindSchema.nullable(),
  format: z.string().nullable(),
  rows: z.number().int(),
  rejected: z.number().int(),
  duplicates: z.number().int(),
  seconds: z.number(),
  phases: z.object({ load: z.number(), indexes: z.number(), merge: z.number(), finish: z.number() }).optional(),
  bytes: z.number().int(),
  duplicateOf: z.number().int().optional(),
  firstRejects: z.array(RejectRowDto).optional(),
  firstTs: z.string().nullable().optional(),
  lastTs: z.string().nullable().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type ImportFileResultDto = z.infer<typeof ImportFileResultDto>;

export const MappingPreset = z.object({ name: z.string(), kind: ImportKindSchema, mapping: MappingSchema, createdAt: z.string() });
export type MappingPreset = z.infer<typeof MappingPreset>;

const PresetName = z.string().trim().min(1).max(100);

/** Files one import takes (a CloudTrail trail of a few weeks is thousands of small files). */
export const MAX_IMPORT_FILES = 100_000;

export const importChannels = {
  'import.files': channel(
    'The log files an import of these paths reads: each folder replaced by every log file below it (.jsonl, .ndjson, .json, .csv, .tsv, .log, .txt, optionally .gz; hidden ones skipped), in path order. A folder without any is an error.',
    z.object({ paths: z.array(FilePath).min(1).max(1000) }).strict(),
    z.object({ files: z.array(z.string()), folders: z.number().int(), /** the files' sizes in all */ bytes: z.number().int() }),
  ),
  'import.preview': channel(
    'Look at a file before importing it: detected format, kind and mapping, its columns and first rows, in the file and as they would be stored. Optionally with a forced kind, and mapping overrides (or, with `exactMapping`, the whole mapping).',
    z.object({ path: FilePath, kind: ImportKindSchema.optional(), mapping: MappingSchema.optional(), exactMapping: z.boolean().optional() }).strict(),
    ImportPreview,
  ),
  'import.start': channel(
    'Import files into the open case (a job; progress events carry rows, rows/s and an ETA). With `mapping` and `exactMapping` the mapping is used as confirmed; otherwise it overrides the detected one.',
    z
      .object({
        /** files (a folder's: see import.files) */
        paths: z.array(FilePath).min(1).max(MAX_IMPORT_FILES),
        kind: ImportKindSchema.optional(),
        mapping: MappingSchema.optional(),
        exactMapping: z.boolean().optional(),
        preset: PresetName.optional(),
        /** full prompt texts kept per account (fingerprints are kept for every exchange) */
        promptSamplesPerAccount: z.number().int().min(0).max(100_000).optional(),
        /** some of the paths read their own way: kind, mapping and exactMapping in place of the
         * request's (none given: detected from that file's own columns). For files of another
         * kind or shape dropped together (accounts with exchanges). */
        perFile: z
          .array(z.object({ path: FilePath, kind: ImportKindSchema.optional(), mapping: MappingSchema.optional(), exactMapping: z.boolean().optional() }).strict())
          .max(MAX_IMPORT_FILES)
          .optional(),
        /** the files after the first (and not in perFile) are read with `kind` and `mapping` where
         * they fit them (of that kind, with every mapped column), else with their own detected
         * kind and mapping: for a folder's many files, which the app does not look at one by one */
        fitOthers: z.boolean().optional(),
      })
      .strict()
      .refine((r) => (r.perFile ?? []).every((f) => r.paths.includes(f.path)), { message: 'perFile names a path that is not in paths' }),
    JobStarted,
  ),
  'import.list': channel(
    'Imports of the open case, newest first, with provenance and counts; with `limit`, the newest `limit` (a folder makes an import per file: thousands).',
    z.object({ limit: z.number().int().min(1).max(MAX_IMPORT_FILES).optional() }).strict(),
    z.array(ImportInfo),
  ),
  'import.rejects': channel(
    "A page of an import's rejected rows (source line, reason, bounded excerpt: show it as text).",
    z.object({ importId: z.number().int().positive(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.object({ total: z.number().int(), rows: z.array(RejectRowDto) }),
  ),
  'import.presets.list': channel('Saved mapping presets of the open case.', Empty, z.array(MappingPreset)),
  'import.presets.save': channel(
    'Save (or replace) a mapping preset.',
    z.object({ name: PresetName, kind: ImportKindSchema, mapping: MappingSchema }).strict(),
    MappingPreset,
    { writes: true },
  ),
  'import.presets.delete': channel('Delete a mapping preset.', z.object({ name: PresetName }).strict(), Nothing, { writes: true }),
};
