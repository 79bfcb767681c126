// The chunked parse reads each piece of the file into one buffer, overwritten by the next piece
// (parse-chunks.ts readRange): the JSON Lines reader must copy what it carries from a piece to
// the next (a line cut by the piece's end, or a line longer than several pieces).
import { describe, expect, it } from 'vitest';
import { jsonlRecords } from '../../../electron/engine/ingest/readers/jsonl-reader';
import type { RawRecord } from '../../../electron/engine/ingest/readers/raw-record';

/** `text` in pieces of `size` bytes, each read into the same buffer (as readRange does). */
async function* reused(text: Buffer, size: number): AsyncGenerator<Buffer> {
  const buf = Buffer.alloc(size);
  for (let pos = 0; pos < text.length; pos += size) {
    const n = text.copy(buf, 0, pos, Math.min(pos + size, text.length));
    yield buf.subarray(0, n);
    buf.fill(0x7b); // whatever the next read leaves there
  }
}
async function* fresh(text: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let pos = 0; pos < text.length; pos += size) yield Buffer.from(text.subarray(pos, pos + size));
}
async function all(gen: AsyncIterable<RawRecord[]>): Promise<RawRecord[]> {
  const out: RawRecord[] = [];
  for await (const r of gen) out.push(...r);
  return out;
}

describe('JSON Lines read from one reused buffer', () => {
  it('reads the same records as from separate pieces, lines cut anywhere', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) lines.push(JSON.stringify({ i, a: 'x'.repeat((i * 37) % 90), u: i % 7 === 0 ? 'café 逐步' : 'plain' }));
    lines.splice(20, 0, '{"broken": ', JSON.stringify({ long: 'y'.repeat(200) }));
    const text = Buffer.from(`${lines.join('\n')}\n{"last":1}`);
    for (const size of [7, 16, 33, 64, 1000]) {
      const want = await all(jsonlRecords(fresh(text, size), { maxRecordBytes: 150, bom: false }));
      const got = await all(jsonlRecords(reused(text, size), { maxRecordBytes: 150, bom: false }));
      expect(got).toEqual(want);
      expect(want.filter((r) => r.kind === 'object')).toHaveLength(61);
      expect(want.filter((r) => r.kind === 'reject')).toHaveLength(2);
    }
  });
});
