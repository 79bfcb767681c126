// Several parsers sharing one JSON Lines file by chunks (parse-chunks.ts + chunk-merge.ts), run
// inline: the merged stream must equal the single-stream parser's, row for row, line for line,
// rejects included, whatever the chunk size and however many parsers take turns.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chunkBounds, parseChunks } from '../../../electron/engine/ingest/parse-chunks';
import { mergeChunks, type ChunkSource } from '../../../electron/engine/ingest/chunk-merge';
import { parseFile, type ParseOptions } from '../../../electron/engine/ingest/parse-pipeline';
import type { ChunkedMessage, ExchangeBatch, ParserMessage } from '../../../electron/engine/ingest/batch';

function source(gen: AsyncGenerator<ChunkedMessage>): ChunkSource {
  return { next: async () => (await gen.next()).value ?? null, ack: () => undefined };
}

/**
 * rows as the writer would resolve them: dictionary ids replaced by their strings. Which prompts
 * are offered as samples differs (each parser offers the first N per account of its own chunks);
 * the writer keeps the first N per account in file order, which is the same set either way
 * (test/integration/ingest/parallel.test.ts compares the stored samples).
 */
function rowsOf(msgs: ParserMessage[]): { rows: string[]; rejects: string[]; end: unknown } {
  const dicts = new Map<number, string[]>();
  const rows: string[] = [];
  const rejects: string[] = [];
  let end: unknown = null;
  for (const m of msgs) {
    if (m.type === 'end') end = { sha256: m.sha256, rawBytes: m.rawBytes };
    if (m.type !== 'batch') continue;
    for (const r of m.rejects) rejects.push(`${r.line} ${r.reason} ${r.excerpt}`);
    const b = m.batch as ExchangeBatch;
    const src = b.source ?? 0;
    if (b.dictReset || !dicts.has(src)) dicts.set(src, []);
    const d = dicts.get(src) as string[];
    d.push(...b.newStrings);
    const RW = b.refs.length / Math.max(1, b.line.length);
    const NW = b.nums.length / Math.max(1, b.line.length);
    for (let i = 0; i < b.n; i++) {
      const refs = Array.from(b.refs.subarray(i * RW, (i + 1) * RW), (x) => (x < 0 ? null : d[x]));
      const nums = Array.from(b.nums.subarray(i * NW, (i + 1) * NW));
      rows.push(JSON.stringify([b.line[i], b.ts[i], refs, nums, String(b.template[i]), String(b.simhash[i]), b.requestId[i], b.extra[i]]));
    }
  }
  return { rows, rejects, end };
}

async function collect(gen: AsyncIterable<ParserMessage>): Promise<ParserMessage[]> {
  const out: ParserMessage[] = [];
  for await (const m of gen) out.push(m);
  return out;
}

function hostileFile(dir: string, n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {
      request_id: `r${i % 997 === 5 ? 1 : i}`,
      ts: new Date(Date.UTC(2026, 3, 1) + i * 7000).toISOString(),
      account_id: `acct-${i % 37}`,
      ip: i % 50 === 3 ? 'not-an-ip' : `10.0.${(i >> 8) & 255}.${i & 255}`,
      user_agent: ['curl/8', 'python-requests/2.31'][i % 2],
      model: 'm1',
      prompt: i % 3 ? `Explain step by step item ${i} "quoted" and \u00e9\u4e2d` : undefined,
      extra_col: i % 11 === 0 ? { nested: [i, 'x'] } : undefined,
    };
    let line = JSON.stringify(row);
    if (i % 101 === 7) line = line.slice(0, 25); // broken JSON
    if (i % 131 === 9) line = JSON.stringify({ ...row, ts: undefined }); // no timestamp
    if (i % 173 === 2) line = ''; // blank line
    if (i % 59 === 4) line += '\r'; // CRLF
    if (i % 211 === 1) line = '[1,2,3]';
    lines.push(line);
  }
  const path = join(dir, 'hostile.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n{"ts":"2026-04-02T00:00:00Z","account_id":"tail-no-newline"}`);
  return path;
}

describe('parsing one JSON Lines file by chunks in several parsers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lw-chunks-'));
  const path = hostileFile(dir, 3000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('cuts chunks just after newlines, covering the file exactly', () => {
    const bytes = readFileSync(path);
    const fd = openSync(path, 'r');
    try {
      for (const c of [61, 997, 4096, 1 << 20]) {
        const b = chunkBounds(fd, bytes.length, c);
        expect(b[0]).toBe(0);
        expect(b[b.length - 1]).toBe(bytes.length);
        for (let k = 1; k < b.length; k++) {
          const at = b[k] as number;
          expect(at).toBeGreaterThanOrEqual(b[k - 1] as number);
          if (at > 0 && at < bytes.length) expect(bytes[at - 1]).toBe(10);
        }
      }
    } finally {
      closeSync(fd);
    }
  });

  for (const [workers, chunkBytes, batchSize] of [
    [2, 4096, 64],
    [2, 997, 4096],
    [3, 20_000, 100],
    [2, 1 << 20, 4096], // one chunk: all on worker 0
  ] as const) {
    it(`gives exactly the single parser's rows, lines and rejects (${workers} parsers, ${chunkBytes}-byte chunks)`, async () => {
      const opts: ParseOptions = { batchSize, deferFingerprints: false };
      const single = rowsOf(await collect(parseFile(path, opts)));
      const first = source(parseChunks(path, opts, { worker: 0, workers, chunkBytes }));
      const merged = mergeChunks(first, (settled) => Array.from({ length: workers - 1 }, (_, i) => source(parseChunks(path, opts, { worker: i + 1, workers, chunkBytes, settled }))));
      const msgs = await collect(merged.messages);
      expect(msgs[0]?.type).toBe('header');
      const got = rowsOf(msgs);
      expect(got.rows.length).toBeGreaterThan(2500);
      expect(got.rejects.length).toBeGreaterThan(40);
      // dictionaries differ between parsers; resolved rows, lines and rejects must not
      expect(got.rows).toEqual(single.rows);
      expect(got.rejects).toEqual(single.rejects);
      expect(got.end).toEqual(single.end);
    });
  }

  it('reports an unreadable file as the single parser does', async () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x00, 0x42]));
    const merged = mergeChunks(source(parseChunks(bad, {}, { worker: 0, workers: 2, chunkBytes: 2 })), () => []);
    const msgs = await collect(merged.messages);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ type: 'error', code: 'BAD_INPUT' });
  });
});
