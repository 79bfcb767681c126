// Engine, ingest worker. JSON Lines: one JSON object per line. Lines are cut from byte chunks
// (a chunk is decoded once, not line by line); a line longer than the limit is rejected and
// skipped without being held in memory; invalid UTF-8 and broken JSON reject that line only.
import { isAscii, isUtf8 } from 'node:buffer';
import { rejectRecord, type RawRecord, type ReaderOptions } from './raw-record';

function parseLine(text: string, line: number, out: RawRecord[]): void {
  let s = text;
  if (s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
  if (s.length === 0 || (s.charCodeAt(0) <= 32 && s.trim().length === 0)) return;
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch (e) {
    out.push(rejectRecord(line, `invalid JSON: ${e instanceof Error ? e.message : String(e)}`, s));
    return;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    out.push(rejectRecord(line, 'not a JSON object', s));
    return;
  }
  out.push({ kind: 'object', line, value: v as Record<string, unknown>, text: s });
}

/**
 * Records handed on at a time: a piece of a megabyte holds thousands of lines, and parsed all at
 * once they were all alive through the young-generation collections of the parse, copied and
 * promoted to the old generation (collected again there) instead of dying young.
 */
const YIELD_RECORDS = 128;

/** Bytes checked by one isAscii call while looking for the next non-ASCII byte. */
const HIGH_STEP = 1 << 14;

/**
 * Position of the first byte above 0x7f in `bytes` at or after `from`, or -1 (the first non-ASCII
 * character of their Latin-1 decoding). Stretches are checked with isAscii (vectorised) and a
 * stretch holding one is halved down to a few bytes: a regular expression over the decoded text
 * went character by character, a tenth of a parse worker's time when a rare line is not ASCII.
 */
function nextHigh(bytes: Buffer, from: number): number {
  const end = bytes.length;
  let pos = from;
  while (pos < end) {
    let to = Math.min(end, pos + HIGH_STEP);
    if (isAscii(bytes.subarray(pos, to))) {
      pos = to;
      continue;
    }
    // [pos, to) holds one: keep the half that holds the first
    while (to - pos > 64) {
      const mid = (pos + to) >>> 1;
      if (isAscii(bytes.subarray(pos, mid))) pos = mid;
      else to = mid;
    }
    for (; pos < to; pos++) if (bytes[pos]! > 0x7f) return pos;
  }
  return -1;
}

/**
 * `small()`: whether records may be handed on YIELD_RECORDS at a time from now on (the consumer
 * has settled its mapping: until then it samples whole pieces, as it always has, and the
 * columns it settles on must not depend on this). Otherwise each piece's records come at once.
 */
export async function* jsonlRecords(chunks: AsyncIterable<Buffer>, opts: ReaderOptions & { bom: boolean; stats?: { lines: number }; small?: () => boolean }): AsyncGenerator<RawRecord[]> {
  const small = opts.small ?? (() => false);
  let carry: Buffer[] = [];
  let carryLen = 0;
  let line = 0; // number of the line being assembled, minus one
  let skipping = false; // inside an over-long line
  let first = true;
  for await (let chunk of chunks) {
    if (first) {
      first = false;
      if (opts.bom && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let out: RawRecord[] = [];
    let pos = 0;
    if (skipping) {
      const nl = chunk.indexOf(10);
      if (nl < 0) continue;
      skipping = false;
      pos = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(10);
    // what is carried to the next chunk is copied: the reader of the bytes may reuse its buffer
    if (lastNl < pos) {
      carry.push(Buffer.from(chunk.subarray(pos)));
      carryLen += chunk.length - pos;
      if (carryLen > opts.maxRecordBytes) {
        line++;
        out.push(rejectRecord(line, `line longer than ${opts.maxRecordBytes} bytes: skipped`, Buffer.concat(carry).subarray(0, 600).toString('utf8')));
        carry = [];
        carryLen = 0;
        skipping = true;
      }
      if (out.length) yield out;
      continue;
    }
    if (carry.length) {
      // finish the line cut by the previous chunk on its own, so the chunk itself is never copied
      const nl = chunk.indexOf(10, pos);
      const head = Buffer.concat([...carry, chunk.subarray(pos, nl + 1)]);
      line++;
      if (head.length - 1 > opts.maxRecordBytes) out.push(rejectRecord(line, `line longer than ${opts.maxRecordBytes} bytes: skipped`, head.subarray(0, 600).toString('utf8')));
      else if (!isUtf8(head)) out.push(rejectRecord(line, 'not valid UTF-8 (wrong encoding?)', head.toString('latin1')));
      else parseLine(head.toString('utf8', 0, head.length - 1), line, out);
      pos = nl + 1;
    }
    const body = chunk.subarray(pos, lastNl + 1);
    carry = lastNl + 1 < chunk.length ? [Buffer.from(chunk.subarray(lastNl + 1))] : [];
    carryLen = chunk.length - lastNl - 1;
    // Decoded as Latin-1, a plain copy with one character per byte (cheaper than UTF-8, and it
    // keeps the text one byte a character for JSON.parse): ASCII lines read the same, and the
    // rare lines holding other characters are decoded again on their own, as UTF-8.
    const ascii = isAscii(body);
    if (ascii || isUtf8(body)) {
      const text = body.toString('latin1');
      let high = ascii ? -1 : nextHigh(body, 0);
      let start = 0;
      for (;;) {
        const nl = text.indexOf('\n', start);
        if (nl < 0) break;
        line++;
        let s: string;
        if (high >= 0 && high < nl) {
          s = body.toString('utf8', start, nl);
          high = nextHigh(body, nl + 1);
        } else s = text.slice(start, nl);
        if (s.length > opts.maxRecordBytes) out.push(rejectRecord(line, `line longer than ${opts.maxRecordBytes} bytes: skipped`, s.slice(0, 600)));
        else parseLine(s, line, out);
        start = nl + 1;
        if (out.length >= YIELD_RECORDS && small()) {
          yield out;
          out = [];
        }
      }
    } else {
      // slow path: find the lines that are not UTF-8 and reject only those
      let start = 0;
      for (;;) {
        const nl = body.indexOf(10, start);
        if (nl < 0) break;
        line++;
        const bytes = body.subarray(start, nl);
        if (bytes.length > opts.maxRecordBytes) out.push(rejectRecord(line, `line longer than ${opts.maxRecordBytes} bytes: skipped`, bytes.subarray(0, 600).toString('utf8')));
        else if (!isUtf8(bytes)) out.push(rejectRecord(line, 'not valid UTF-8 (wrong encoding?)', bytes.toString('latin1')));
        else parseLine(bytes.toString('utf8'), line, out);
        start = nl + 1;
      }
    }
    if (out.length) yield out;
  }
  if (!skipping && carryLen > 0) {
    const out: RawRecord[] = [];
    const bytes = Buffer.concat(carry);
    line++;
    if (!isUtf8(bytes)) out.push(rejectRecord(line, 'not valid UTF-8 (wrong encoding?)', bytes.toString('latin1')));
    else parseLine(bytes.toString('utf8'), line, out);
    if (out.length) yield out;
  }
  if (opts.stats) opts.stats.lines = line;
}
