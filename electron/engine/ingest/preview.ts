// Engine (host process; reads only a file's head). What the mapping step shows before an import:
// the detected format, kind and mapping, the columns, and the first rows as text, in the file and
// as the import would store them (stored-preview.ts).
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ImportPreview } from '../../shared/contract';
import type { Db } from '../db/connection';
import { openByteSource } from './byte-source';
import { FIELDS, REQUIRED, type ImportKind } from './fields';
import { missingRequired, type Mapping } from './mapping';
import { settle, sniffFile } from './parse-pipeline';
import { delimitedRecords } from './readers/csv-reader';
import { jsonRecords } from './readers/json-reader';
import { jsonlRecords } from './readers/jsonl-reader';
import { DEFAULT_MAX_RECORD_BYTES, type RawRecord } from './readers/raw-record';
import { columnsOf, flatten, hasNested } from './record-access';
import { storedPreview } from './stored-preview';

const PREVIEW_ROWS = 20;
const SAMPLE = 200;
const CELL = 300;

const cell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > CELL ? `${s.slice(0, CELL)}…` : s;
};

export async function previewFile(
  path: string,
  opts: { kind?: ImportKind | undefined; mapping?: Mapping | undefined; exactMapping?: boolean | undefined },
  db?: Db,
): Promise<ImportPreview> {
  const sizeBytes = statSync(path).size;
  const sniffed = await sniffFile(path);
  const src = openByteSource(path, { highWaterMark: 1 << 16 });
  let header: string[] | null = null;
  const maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
  const reader =
    sniffed.container === 'jsonl'
      ? jsonlRecords(src.chunks, { maxRecordBytes, bom: sniffed.bom })
      : sniffed.container === 'json'
        ? jsonRecords(src.chunks, { maxRecordBytes })
        : delimitedRecords(src.chunks, { maxRecordBytes, delimiter: sniffed.container === 'tsv' ? '\t' : ',', onHeader: (h) => (header = h) });
  const records: RawRecord[] = [];
  for await (const recs of reader) {
    records.push(...recs);
    if (records.length >= SAMPLE) break;
  }
  await reader.return(undefined);
  const seen = new Set<string>();
  for (const r of records) if (r.kind === 'object') for (const c of columnsOf(r.value)) seen.add(c);
  const columns: string[] = header ?? [...seen];
  const d = settleLenient(sniffed, columns, records, opts);
  // the records up to the last row shown: the stored preview covers the same lines
  let head = 0;
  for (let readable = 0; head < records.length && readable < PREVIEW_ROWS; head++) if (records[head]!.kind !== 'reject') readable++;
  const rows = records
    .filter((r) => r.kind !== 'reject')
    .slice(0, PREVIEW_ROWS)
    .map((r) => {
      const values: Record<string, string> = {};
      if (r.kind === 'row') columns.forEach((c, i) => (values[c] = cell(r.values[i])));
      else if (r.kind === 'object') {
        const flat = hasNested(r.value) ? flatten(r.value) : r.value;
        for (const c of columns) if (c in flat) values[c] = cell(flat[c]);
      }
      return { line: r.line, values };
    });
  const rejects = records.flatMap((r) => (r.kind === 'reject' ? [{ line: r.line, reason: r.reason, excerpt: r.excerpt }] : []));
  let alreadyImported: ImportPreview['alreadyImported'] = null;
  if (db) {
    const same = db.prepare("SELECT id, file_name FROM imports WHERE status = 'complete' AND size_bytes = ? AND file_name = ? ORDER BY id DESC LIMIT 1").get(sizeBytes, basename(path)) as { id: number; file_name: string } | undefined;
    if (same) alreadyImported = { importId: same.id, fileName: same.file_name };
  }
  return {
    path: resolve(path),
    fileName: basename(path),
    sizeBytes,
    format: d.format,
    container: sniffed.container,
    compression: sniffed.compression,
    kind: d.kind,
    mapping: d.mapping,
    columns,
    fields: [...FIELDS[d.kind]],
    required: [...REQUIRED[d.kind]],
    missing: missingRequired(d.mapping, d.kind),
    rows,
    rejects,
    stored: storedPreview(d.kind, d.mapping, header, columns, records.slice(0, head), cell, d.format),
    alreadyImported,
  };
}

/** Like settle(), but a missing required field is reported (in `missing`), not thrown. */
function settleLenient(...args: Parameters<typeof settle>): ReturnType<typeof settle> {
  const [sniffed, columns, records, opts] = args;
  try {
    return settle(sniffed, columns, records, opts);
  } catch {
    return settle(sniffed, columns, [], opts);
  }
}
