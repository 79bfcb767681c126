// Engine, ingest worker. CSV and TSV through csv-parse: quoted fields, embedded newlines, BOM,
// CRLF. The first row is the header. A malformed row (wrong column count, stray quote, too long)
// is rejected with csv-parse's reason and the parser carries on with the next row.
import { parse, type Options } from 'csv-parse';
import { Readable } from 'node:stream';
import { rejectRecord, type RawRecord, type ReaderOptions } from './raw-record';

export async function* delimitedRecords(
  chunks: AsyncIterable<Buffer>,
  opts: ReaderOptions & { delimiter: ',' | '\t'; onHeader: (columns: string[]) => void },
): AsyncGenerator<RawRecord[]> {
  const rejects: RawRecord[] = [];
  const options: Options<{ line: number; values: string[] }, string[]> = {
    delimiter: opts.delimiter,
    bom: true,
    relax_column_count: false,
    relax_quotes: opts.delimiter === '\t', // TSV rarely quotes; a stray quote is data there
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: opts.maxRecordBytes,
    raw: false,
    on_skip: (err, raw) => {
      const lines = typeof err?.lines === 'number' ? err.lines : 0;
      rejects.push(rejectRecord(lines, err?.message ?? 'malformed row', raw ?? String(err?.record ?? '')));
      return undefined;
    },
    on_record: (record: string[], ctx) => ({ line: ctx.lines, values: record }),
  };
  const parser = parse(options as unknown as Options);
  Readable.from(chunks).pipe(parser);
  let header: string[] | null = null;
  let batch: RawRecord[] = [];
  // the parser may skip a later row (a quote left open at the end) before the rows ahead of it
  // are read from it: rejects go into the batch in line order, before the first row after them
  const rejectsBefore = (line: number) => {
    let k = 0;
    while (k < rejects.length && rejects[k]!.line < line) k++;
    if (k) batch.push(...rejects.splice(0, k));
  };
  for await (const rec of parser as AsyncIterable<{ line: number; values: string[] }>) {
    if (!header) {
      const seen = new Map<string, number>();
      header = rec.values.map((h, i) => {
        const name = h.trim() || `column_${i + 1}`;
        const n = (seen.get(name) ?? 0) + 1;
        seen.set(name, n);
        return n > 1 ? `${name}_${n}` : name;
      });
      opts.onHeader(header);
      continue;
    }
    if (rejects.length) rejectsBefore(rec.line);
    batch.push({ kind: 'row', line: rec.line, values: rec.values });
    if (batch.length >= 2000) {
      yield batch;
      batch = [];
    }
  }
  if (rejects.length) batch.push(...rejects.splice(0));
  if (batch.length) yield batch;
}
