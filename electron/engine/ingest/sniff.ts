// Engine. Decides what a file is from its first bytes (never from its name alone): compression by
// magic bytes, then encoding (BOM, UTF-16, binary, invalid UTF-8) and container (JSON Lines, JSON,
// CSV, TSV). Files it cannot read get a clear message instead of a crash. `sniffBytes` is pure.
import { isUtf8 } from 'node:buffer';

export type Container = 'jsonl' | 'json' | 'csv' | 'tsv';

export interface Sniffed {
  container: Container;
  compression: 'none' | 'gzip';
  /** a UTF-8 byte order mark precedes the data */
  bom: boolean;
}

export class UnreadableFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

export const isGzip = (head: Uint8Array): boolean => head[0] === 0x1f && head[1] === 0x8b;

const MAGIC: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or an Excel/ODS workbook): unzip it, or save the sheet as CSV'],
  [[0x50, 0x41, 0x52, 0x31], 'a Parquet file: export it as CSV or JSON Lines'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database, not a log export'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document, not a log export'],
  [[0x42, 0x5a, 0x68], 'bzip2-compressed: decompress it first (only gzip is read directly)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], 'xz-compressed: decompress it first (only gzip is read directly)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed: decompress it first (only gzip is read directly)'],
];

/** Counts a delimiter in the first line, outside double quotes. */
function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** Trims a possibly cut multi-byte character from the end of a sample. */
function trimPartialUtf8(b: Uint8Array): Uint8Array {
  let end = b.length;
  let back = 0;
  while (end > 0 && back < 4 && ((b[end - 1] ?? 0) & 0xc0) === 0x80) {
    end--;
    back++;
  }
  if (end > 0 && ((b[end - 1] ?? 0) & 0x80) !== 0) end--; // the lead byte of the cut character
  return b.subarray(0, end);
}

/** What the (decompressed) head of a file holds. `complete` = the head is the whole file. */
export function sniffBytes(head: Uint8Array, compression: Sniffed['compression'], complete: boolean): Sniffed {
  if (head.length === 0) throw new UnreadableFileError('The file is empty.');
  for (const [magic, what] of MAGIC) {
    if (magic.every((b, i) => head[i] === b)) throw new UnreadableFileError(`This looks like ${what}.`);
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new UnreadableFileError('The file is UTF-16 encoded. Save it as UTF-8 (e.g. `iconv -f UTF-16 -t UTF-8`) and import it again.');
  }
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  const body = bom ? head.subarray(3) : head;
  let nul = 0;
  let ctrl = 0;
  const probe = Math.min(body.length, 65536);
  for (let i = 0; i < probe; i++) {
    const b = body[i] ?? 0;
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32 && b !== 27)) ctrl++;
  }
  if (nul > 0) {
    // UTF-16 without a BOM has a NUL in every other byte of ASCII text
    if (nul > probe / 4) throw new UnreadableFileError('The file looks UTF-16 encoded (every other byte is zero). Save it as UTF-8 and import it again.');
    throw new UnreadableFileError('The file is binary (it contains NUL bytes), not a text log export.');
  }
  if (ctrl > probe / 100) throw new UnreadableFileError('The file is binary (many control bytes), not a text log export.');
  if (!isUtf8(complete ? body : trimPartialUtf8(body))) {
    throw new UnreadableFileError('The file is not valid UTF-8 (it may be Latin-1 or Windows-1252). Convert it to UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8`) and import it again.');
  }
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const start = text.search(/\S/);
  if (start < 0) throw new UnreadableFileError('The file holds only blank space.');
  const first = text[start];
  if (first === '[') return { container: 'json', compression, bom };
  if (first === '{') {
    const nl = text.indexOf('\n', start);
    const line1 = (nl < 0 ? text.slice(start) : text.slice(start, nl)).trim();
    const parses = (s: string) => {
      try {
        const v: unknown = JSON.parse(s);
        return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
      } catch {
        return null;
      }
    };
    const obj = parses(line1);
    if (obj) {
      // a single object wrapping an array of records (CloudTrail's {"Records": [...]}, list APIs' {"data": [...]})
      const wrapped = Object.values(obj).some((v) => Array.isArray(v) && v.length > 0 && typeof v[0] === 'object');
      const more = nl >= 0 && text.slice(nl).trim().length > 0;
      return { container: wrapped && !more ? 'json' : 'jsonl', compression, bom };
    }
    // a broken or cut first line followed by JSON lines is still JSON Lines; otherwise pretty-printed JSON
    const nl2 = nl < 0 ? -1 : text.indexOf('\n', nl + 1);
    const line2 = nl < 0 ? '' : (nl2 < 0 ? text.slice(nl + 1) : text.slice(nl + 1, nl2)).trim();
    return { container: line2.startsWith('{') && parses(line2) ? 'jsonl' : 'json', compression, bom };
  }
  const nl = text.indexOf('\n', start);
  const line1 = nl < 0 ? text.slice(start) : text.slice(start, nl);
  const tabs = countOutsideQuotes(line1, '\t');
  const commas = countOutsideQuotes(line1, ',');
  const semis = countOutsideQuotes(line1, ';');
  if (tabs === 0 && commas === 0) {
    throw new UnreadableFileError(
      semis > 0
        ? 'The file looks semicolon-separated; save it as CSV (comma) or TSV (tab) and import it again.'
        : 'Unrecognised format: not JSON, JSON Lines, CSV or TSV (the first line has no delimiters).',
    );
  }
  return { container: tabs > commas ? 'tsv' : 'csv', compression, bom };
}
