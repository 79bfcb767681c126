// Engine, ingest worker. JSON documents streamed without loading them whole: a top-level array of
// records, an object wrapping one (CloudTrail's {"Records": [...]}, list APIs' {"data": [...]}),
// or a sequence of top-level objects (pretty-printed JSON Lines). A small state machine finds
// each record's text; each record is parsed on its own, so a broken record rejects only itself.
import { StringDecoder } from 'node:string_decoder';
import { rejectRecord, type RawRecord, type ReaderOptions } from './raw-record';

const WRAPPER_KEYS = new Set(['Records', 'records', 'data', 'logs', 'events', 'items', 'entries', 'results']);

export async function* jsonRecords(chunks: AsyncIterable<Buffer>, opts: ReaderOptions): AsyncGenerator<RawRecord[]> {
  const decoder = new StringDecoder('utf8');
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** depth at which records sit: 1 inside a top-level array, 2 inside a wrapper array, 0 = top-level objects */
  let recordDepth = -1;
  let wrapperFound = false;
  let topIsObject = false;
  let keyStart = -1; // start of a string at depth 1 of a top-level object (a candidate key)
  let lastKey = '';
  let keyCarry = ''; // a key cut by a chunk boundary
  let parts: string[] = []; // text of the record being read, across chunks
  let partLen = 0;
  let recStart: number; // start of the record inside the current chunk text
  let oversize = false;
  let index = 0;
  let first = true;

  const finish = (text: string, out: RawRecord[]) => {
    index++;
    if (oversize) {
      out.push(rejectRecord(index, `record longer than ${opts.maxRecordBytes} bytes: skipped`, text));
      oversize = false;
      return;
    }
    try {
      const v: unknown = JSON.parse(text);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push({ kind: 'object', line: index, value: v as Record<string, unknown>, text });
      else out.push(rejectRecord(index, 'not a JSON object', text));
    } catch (e) {
      out.push(rejectRecord(index, `invalid JSON: ${e instanceof Error ? e.message : String(e)}`, text));
    }
  };

  for await (const chunk of chunks) {
    let s = decoder.write(chunk);
    if (first) {
      first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const out: RawRecord[] = [];
    recStart = recordDepth >= 0 && (parts.length > 0 || oversize) ? 0 : -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) {
          inString = false;
          if (keyStart >= 0) {
            lastKey = keyCarry + s.slice(keyStart, i);
            keyCarry = '';
            keyStart = -1;
          }
        }
        continue;
      }
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (c === 34) {
        inString = true;
        if (depth === 1 && topIsObject && !wrapperFound) keyStart = i + 1;
        if (recStart < 0 && depth === recordDepth) recStart = i; // a string record (rejected later)
        continue;
      }
      if (c === 123 || c === 91) {
        if (depth === 0) {
          if (c === 91) recordDepth = 1;
          else {
            topIsObject = true;
            recordDepth = -1;
            wrapperFound = false;
            recStart = i; // the whole object is a record unless it wraps an array of records
          }
        } else if (depth === 1 && topIsObject && c === 91 && !wrapperFound && WRAPPER_KEYS.has(lastKey)) {
          wrapperFound = true;
          recordDepth = 2;
          recStart = -1;
          parts = [];
          partLen = 0;
          depth++;
          continue;
        }
        if (depth === recordDepth && recStart < 0) recStart = i;
        depth++;
        continue;
      }
      if (c === 125 || c === 93) {
        depth--;
        if (depth === 0 && topIsObject && !wrapperFound && recStart >= 0) {
          finish(parts.join('') + s.slice(recStart, i + 1), out);
          parts = [];
          partLen = 0;
          recStart = -1;
          topIsObject = false;
        } else if (depth === recordDepth && recStart >= 0) {
          finish(parts.join('') + s.slice(recStart, i + 1), out);
          parts = [];
          partLen = 0;
          recStart = -1;
        } else if (depth === 0) topIsObject = false;
        if (depth < 0) depth = 0;
        continue;
      }
      if (c === 44 && depth === recordDepth) {
        if (recStart >= 0) {
          // a scalar record (number, true ...): not an object
          finish(parts.join('') + s.slice(recStart, i), out);
          parts = [];
          partLen = 0;
          recStart = -1;
        }
        continue;
      }
      if (recStart < 0 && depth === recordDepth && recordDepth > 0) recStart = i;
    }
    if (keyStart >= 0) {
      keyCarry += s.slice(keyStart, keyStart + 64);
      keyStart = 0;
    }
    if (recStart >= 0) {
      const rest = s.slice(recStart);
      partLen += rest.length;
      if (partLen > opts.maxRecordBytes) {
        if (!oversize) parts = [parts.join('').slice(0, 600)];
        oversize = true;
      } else parts.push(rest);
    }
    if (out.length) yield out;
  }
  if (parts.length > 0 || oversize || depth > 0 || inString) {
    index++;
    yield [rejectRecord(index, 'the JSON document ends in the middle of a record (truncated file?)', parts.join(''))];
  }
}
