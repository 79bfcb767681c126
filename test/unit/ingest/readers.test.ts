import { describe, expect, it } from 'vitest';
import { jsonlRecords } from '../../../electron/engine/ingest/readers/jsonl-reader';
import { jsonRecords } from '../../../electron/engine/ingest/readers/json-reader';
import { delimitedRecords } from '../../../electron/engine/ingest/readers/csv-reader';
import type { RawRecord } from '../../../electron/engine/ingest/readers/raw-record';

async function* chunks(text: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const b = typeof text === 'string' ? Buffer.from(text) : text;
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}
async function all(gen: AsyncIterable<RawRecord[]>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of gen) out.push(...r);
  return out;
}

describe('JSON Lines reader', () => {
  it('reads records across chunk boundaries with line numbers; rejects bad lines only', async () => {
    const text = '{"a":1}\r\n\n{"a":"é€"}\n{broken\n[1]\n{"a":3}';
    const recs = await all(jsonlRecords(chunks(text, 3), { maxRecordBytes: 1000, bom: false }));
    expect(recs.map((r) => [r.kind, r.line])).toEqual([['object', 1], ['object', 3], ['reject', 4], ['reject', 5], ['object', 6]]);
    const r3 = recs[1];
    expect(r3?.kind === 'object' && r3.value.a).toBe('é€');
  });
  it('rejects an over-long line without holding it, then carries on', async () => {
    const long = `{"a":"${'x'.repeat(5000)}"}`;
    const recs = await all(jsonlRecords(chunks(`{"a":1}\n${long}\n{"a":2}\n`, 100), { maxRecordBytes: 1000, bom: false }));
    expect(recs.map((r) => [r.kind, r.line])).toEqual([['object', 1], ['reject', 2], ['object', 3]]);
    expect(recs[1]?.kind === 'reject' && recs[1].reason).toMatch(/longer than/);
  });
  it('decodes ASCII and multi-byte chunks alike (ASCII takes the Latin-1 copy), stats count every line', async () => {
    const lines = ['{"a":"plain ascii","n":1}', '{"a":"caf\u00e9 \u4e2d\u6587 \ud83d\ude00","n":2}', '{"a":"\\u0000 escaped","n":3}', '', '{"a":"é€ 中文 😀","n":4}'];
    const text = `${lines.join('\n')}\n`;
    for (const size of [5, 64, 1 << 16]) {
      const stats = { lines: 0 };
      const recs = await all(jsonlRecords(chunks(text, size), { maxRecordBytes: 1000, bom: false, stats }));
      expect(recs.map((r) => (r.kind === 'object' ? r.value : r.kind))).toEqual(lines.filter(Boolean).map((l) => JSON.parse(l) as unknown));
      expect(stats.lines).toBe(5);
    }
  });
  it('rejects invalid UTF-8 lines', async () => {
    const buf = Buffer.concat([Buffer.from('{"a":1}\n{"a":"'), Buffer.from([0xe9]), Buffer.from('"}\n{"a":2}\n')]);
    const recs = await all(jsonlRecords(chunks(buf, 64), { maxRecordBytes: 1000, bom: false }));
    expect(recs.map((r) => r.kind)).toEqual(['object', 'reject', 'object']);
  });
});

describe('JSON reader', () => {
  it('streams a top-level array', async () => {
    const recs = await all(jsonRecords(chunks('[ {"a":1}, {"a":"}]"} ,{"b":[1,{"c":2}]} ]', 4), { maxRecordBytes: 1000 }));
    expect(recs.map((r) => (r.kind === 'object' ? r.value : r.kind))).toEqual([{ a: 1 }, { a: '}]' }, { b: [1, { c: 2 }] }]);
  });
  it('unwraps CloudTrail {"Records": [...]} and reports a truncated document', async () => {
    const recs = await all(jsonRecords(chunks('{"x":"Records","Records":[{"a":1},{"a":2}]}'), { maxRecordBytes: 1000 }));
    expect(recs.map((r) => (r.kind === 'object' ? r.value.a : r.kind))).toEqual([1, 2]);
    const cut = await all(jsonRecords(chunks('[{"a":1},{"a":'), { maxRecordBytes: 1000 }));
    expect(cut.map((r) => r.kind)).toEqual(['object', 'reject']);
  });
});

describe('CSV/TSV reader', () => {
  it('handles BOM, quotes, embedded newlines; rejects malformed rows and continues', async () => {
    let header: string[] = [];
    const text = '\uFEFFid,text\n1,"a ""q"", b\nc"\n2,x,extra\n3,plain\n';
    const recs = await all(delimitedRecords(chunks(text, 5), { maxRecordBytes: 10000, delimiter: ',', onHeader: (h) => (header = h) }));
    expect(header).toEqual(['id', 'text']);
    const rows = recs.filter((r) => r.kind === 'row');
    expect(rows.map((r) => r.kind === 'row' && r.values)).toEqual([['1', 'a "q", b\nc'], ['3', 'plain']]);
    expect(recs.filter((r) => r.kind === 'reject')).toHaveLength(1);
  });

  it('gives rows and rejects in line order, however the file is cut (a quote left open at the end)', async () => {
    const text = 'id,text\n1,a\n2,x,extra\n3,b\n4,c\n5,"open\n';
    for (const size of [3, 16, 1 << 20]) {
      const recs = await all(delimitedRecords(chunks(text, size), { maxRecordBytes: 10000, delimiter: ',', onHeader: () => undefined }));
      expect(recs.map((r) => `${r.kind}:${r.line}`)).toEqual(['row:2', 'reject:3', 'row:4', 'row:5', 'reject:6']);
    }
  });
});
