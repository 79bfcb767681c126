import { describe, expect, it } from 'vitest';
import { jsonlRecords } from '../../../electron/engine/ingest/readers/jsonl-reader';
import type { RawRecord } from '../../../electron/engine/ingest/readers/raw-record';

async function* one(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}
async function all(gen: AsyncIterable<RawRecord[]>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of gen) out.push(...r);
  return out;
}

describe('JSON Lines decoding of a piece with a few non-ASCII lines', () => {
  it('decodes those lines as UTF-8 and the others as they are, in one piece', async () => {
    const lines = ['{"a":"plain"}', '{"a":"café 逐步 😀"}', '{"a":"x"}', '{"a":"ü"}\r', '{"a":"end"}'];
    const recs = await all(jsonlRecords(one(Buffer.from(`${lines.join('\n')}\n`)), { maxRecordBytes: 1000, bom: false }));
    expect(recs.map((r) => (r.kind === 'object' ? r.value.a : r.kind))).toEqual(['plain', 'café 逐步 😀', 'x', 'ü', 'end']);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    const two = recs[1];
    expect(two?.kind === 'object' && two.text).toBe(lines[1]);
  });

  it('measures a non-ASCII line in characters against the limit, as before', async () => {
    // 30 characters of 3 bytes each: 90 bytes, under a 60-character limit only when counted in characters
    const long = `{"a":"${'逐'.repeat(30)}"}`;
    const over = `{"a":"${'逐'.repeat(70)}"}`;
    const recs = await all(jsonlRecords(one(Buffer.from(`{"a":1}\n${long}\n${over}\n{"a":2}\n`)), { maxRecordBytes: 60, bom: false }));
    expect(recs.map((r) => [r.kind, r.line])).toEqual([['object', 1], ['object', 2], ['reject', 3], ['object', 4]]);
    const rej = recs[2];
    expect(rej?.kind === 'reject' && rej.excerpt.startsWith('{"a":"逐逐')).toBe(true);
  });

  it('finds non-ASCII lines anywhere in a large piece (long ASCII stretches between them, one at its very end)', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(i % 457 === 5 || i === 2999 ? `{"a":"${i} ü ${'x'.repeat(i % 97)}"}` : `{"a":"${i} ${'y'.repeat(i % 53)}"}`);
    lines.push('{"a":"逐"}');
    const recs = await all(jsonlRecords(one(Buffer.from(`${lines.join('\n')}\n`)), { maxRecordBytes: 1000, bom: false }));
    expect(recs.map((r) => (r.kind === 'object' ? r.value.a : r.kind))).toEqual(lines.map((l) => (JSON.parse(l) as { a: string }).a));
  });
});
