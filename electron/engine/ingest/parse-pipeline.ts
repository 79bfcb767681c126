// Engine, ingest worker (or inline in tests). One file -> a stream of ParserMessages: sniff, read
// records, settle the mapping from the first records, build normalised columnar batches. Pulled
// by its consumer, so a slow writer slows the reading (bounded memory).
import { openByteSource, readHead } from './byte-source';
import { sniffBytes, UnreadableFileError, type Sniffed } from './sniff';
import { jsonlRecords } from './readers/jsonl-reader';
import { jsonRecords } from './readers/json-reader';
import { delimitedRecords } from './readers/csv-reader';
import { DEFAULT_MAX_RECORD_BYTES, type RawRecord } from './readers/raw-record';
import { columnsOf } from './record-access';
import { detectVendor, preferredColumns } from './vendor';
import { applyOverrides, detectKind, detectMapping, missingRequired, type Mapping } from './mapping';
import { fitsMapping } from '../../shared/log-files';
import { Accessor, AccountBuilder, ExchangeBuilder } from './row-builder';
import { FIELDS, type ImportKind } from './fields';
import type { BatchBuffers, ParserMessage } from './batch';

export interface ParseOptions {
  kind?: ImportKind | undefined;
  /** overrides of the detected mapping (FIELD -> COLUMN; '' unmaps) */
  mapping?: Mapping | undefined;
  /** use exactly this mapping (a preset or the app's confirmed mapping) instead of detecting */
  exactMapping?: boolean | undefined;
  /** a file that does not fit `kind` and `mapping` (shared/log-files.ts fitsMapping: another
   * kind, or a mapped column missing from its first rows) is read with its own detected kind and
   * mapping instead: the files after the first of a folder the app did not look at one by one */
  ownWhereUnfit?: boolean | undefined;
  batchSize?: number | undefined;
  promptSamplesPerAccount?: number | undefined;
  maxRecordBytes?: number | undefined;
  /** the consumer fingerprints prompts (set when parsing runs in the ingest worker) */
  deferFingerprints?: boolean | undefined;
  /** batch buffers the consumer gave back (the ingest worker's; not passed between threads) */
  buffers?: BatchBuffers | undefined;
}

export const DEFAULT_BATCH = 4096;
export const DEFAULT_PROMPT_SAMPLES = 20;
const SAMPLE_RECORDS = 200;

export interface Detected {
  sniffed: Sniffed;
  format: string;
  kind: ImportKind;
  mapping: Mapping;
  columns: string[];
}

/** Settles kind and mapping from the columns and the first records. Throws BAD_INPUT-style errors. */
export function settle(sniffed: Sniffed, columns: string[], first: RawRecord[], opts: ParseOptions): Detected {
  if (opts.ownWhereUnfit && opts.kind && !fitsMapping({ kind: detectKind(columns), columns }, opts.kind, opts.mapping ?? {})) {
    return settle(sniffed, columns, first, { ...opts, kind: undefined, mapping: undefined, exactMapping: false, ownWhereUnfit: false });
  }
  const firstObj = first.find((r) => r.kind === 'object');
  const vendor = firstObj && firstObj.kind === 'object' ? detectVendor(firstObj.value) : null;
  const kind = opts.kind ?? detectKind(columns);
  let mapping: Mapping;
  const found = detectMapping(columns, kind);
  const preferred = preferredColumns(vendor, columns, FIELDS[kind], found);
  try {
    mapping = opts.exactMapping ? { ...(opts.mapping ?? {}) } : applyOverrides(applyOverrides(found, preferred, kind), opts.mapping ?? {}, kind);
  } catch (e) {
    throw new UnreadableFileError(e instanceof Error ? e.message : String(e));
  }
  // a column the first records lack is a typo, unless it is the vendor's own for that field
  const unknown = Object.entries(opts.mapping ?? {}).filter(([field, col]) => col !== '' && !columns.includes(col) && preferred[field] !== col);
  if (unknown.length && first.some((r) => r.kind !== 'reject')) {
    throw new UnreadableFileError(`The file has no column ${unknown.map(([, c]) => `"${c}"`).join(', ')} (mapped to ${unknown.map(([f]) => f).join(', ')}). Columns: ${columns.slice(0, 30).join(', ')}.`);
  }
  const missing = missingRequired(mapping, kind);
  if (missing.length && first.some((r) => r.kind !== 'reject')) {
    throw new UnreadableFileError(
      `No column maps to ${missing.join(' and ')} (columns: ${columns.slice(0, 30).join(', ')}${columns.length > 30 ? ', ...' : ''}). Map one with --map ${missing[0]}=COLUMN.`,
    );
  }
  return { sniffed, format: vendor ?? sniffed.container, kind, mapping, columns };
}

function unionColumns(records: RawRecord[]): string[] {
  const seen = new Set<string>();
  for (const r of records) if (r.kind === 'object') for (const c of columnsOf(r.value)) seen.add(c);
  return [...seen];
}

export async function sniffFile(path: string): Promise<Sniffed> {
  const { head, gzip, complete } = await readHead(path);
  if (head.length === 0 && gzip) throw new UnreadableFileError('The gzip file is empty or unreadable.');
  return sniffBytes(head, gzip ? 'gzip' : 'none', complete);
}

export async function* parseFile(path: string, opts: ParseOptions = {}): AsyncGenerator<ParserMessage> {
  let sniffed: Sniffed;
  try {
    sniffed = await sniffFile(path);
  } catch (e) {
    yield { type: 'error', code: 'BAD_INPUT', message: e instanceof Error ? e.message : String(e) };
    return;
  }
  const src = openByteSource(path);
  const maxRecordBytes = opts.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let header: string[] | null = null;
  const records: AsyncIterable<RawRecord[]> =
    sniffed.container === 'jsonl'
      ? jsonlRecords(src.chunks, { maxRecordBytes, bom: sniffed.bom, small: () => builder !== null })
      : sniffed.container === 'json'
        ? jsonRecords(src.chunks, { maxRecordBytes })
        : delimitedRecords(src.chunks, { maxRecordBytes, delimiter: sniffed.container === 'tsv' ? '\t' : ',', onHeader: (h) => (header = h) });

  const builderOpts = { batchSize: opts.batchSize ?? DEFAULT_BATCH, promptSamplesPerAccount: opts.promptSamplesPerAccount ?? DEFAULT_PROMPT_SAMPLES, deferFingerprints: opts.deferFingerprints, buffers: opts.buffers };
  let builder: ExchangeBuilder | AccountBuilder | null = null;
  let pending: RawRecord[] = [];
  let count = 0;

  const start = (): ParserMessage => {
    const columns = header ?? unionColumns(pending);
    const d = settle(sniffed, columns, pending, opts);
    const acc = new Accessor(d.mapping, d.kind, header, columns, d.format);
    builder = d.kind === 'exchanges' ? new ExchangeBuilder(acc, builderOpts) : new AccountBuilder(acc, builderOpts);
    return { type: 'header', format: d.format, container: sniffed.container, compression: sniffed.compression, kind: d.kind, mapping: d.mapping, columns };
  };

  try {
    for await (const recs of records) {
      if (!builder) {
        pending.push(...recs);
        if (pending.filter((r) => r.kind !== 'reject').length < SAMPLE_RECORDS) continue;
        yield start();
        const b = builder as unknown as ExchangeBuilder | AccountBuilder;
        for (const r of pending) {
          b.add(r);
          count++;
          if (b.full) yield { type: 'batch', ...b.take(), rawBytes: src.rawBytes(), records: count };
        }
        pending = [];
        continue;
      }
      const b = builder as ExchangeBuilder | AccountBuilder;
      for (const r of recs) {
        b.add(r);
        count++;
        if (b.full) yield { type: 'batch', ...b.take(), rawBytes: src.rawBytes(), records: count };
      }
    }
    if (!builder) {
      yield start();
      const b = builder as unknown as ExchangeBuilder | AccountBuilder;
      for (const r of pending) {
        b.add(r);
        count++;
        if (b.full) yield { type: 'batch', ...b.take(), rawBytes: src.rawBytes(), records: count };
      }
    }
    const b = builder as unknown as ExchangeBuilder | AccountBuilder;
    const truncated = src.truncated();
    if (truncated) b.reject({ line: count + 1, reason: truncated, excerpt: '' });
    yield { type: 'batch', ...b.take(), rawBytes: src.rawBytes(), records: count };
    yield { type: 'end', sha256: src.sha256(), rawBytes: src.rawBytes(), records: count, truncated };
  } catch (e) {
    if (e instanceof UnreadableFileError) yield { type: 'error', code: 'BAD_INPUT', message: e.message };
    else yield { type: 'error', code: 'INTERNAL', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
