// Same seed, same bytes (whatever the thread count); another seed, other bytes; gzip and CSV
// output valid and equal to the plain output; malformed lines counted.
import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../../electron/engine/simulator/build-world';
import { ByteSink } from '../../../electron/engine/simulator/bytes';
import { generateDataset } from '../../../electron/engine/simulator/generate';
import { resolveParams } from '../../../electron/engine/simulator/params';
import { DayRenderer } from '../../../electron/engine/simulator/render';
import type { GenerateOptions } from '../../../electron/engine/simulator/params';
import { EXCHANGE_COLUMNS } from '../../../electron/engine/simulator/serialize';

const small: GenerateOptions = { accounts: 300, exchanges: 4000, days: 3, campaigns: 'hydra:30,stealth:10,crew:4' };
const made: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'lw-sim-det-'));
  made.push(d);
  return d;
};
// the streaming test writes 200 MB: nothing is left behind
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
const bytes = (p: string) => readFileSync(p);

describe('determinism', () => {
  it('same seed gives identical bytes in every file; a different seed differs', async () => {
    const a = await generateDataset({ ...small, seed: 5 }, tmp());
    const b = await generateDataset({ ...small, seed: 5 }, tmp());
    const c = await generateDataset({ ...small, seed: 6 }, tmp());
    for (const k of ['accounts', 'exchanges', 'truth'] as const) {
      expect(bytes(a.files[k]).equals(bytes(b.files[k])), k).toBe(true);
      expect(bytes(a.files[k]).equals(bytes(c.files[k])), k).toBe(false);
    }
    expect(a.counts).toEqual(b.counts);
  });

  it('gzip output is valid multi-member gzip holding exactly the plain bytes; CSV parses with the canonical header', async () => {
    const plain = await generateDataset({ ...small, seed: 9, format: 'csv' }, tmp());
    const gz = await generateDataset({ ...small, seed: 9, format: 'csv', gzip: true }, tmp());
    expect(gz.files.exchanges.endsWith('exchanges.csv.gz')).toBe(true);
    const unzipped = gunzipSync(bytes(gz.files.exchanges));
    expect(unzipped.equals(bytes(plain.files.exchanges))).toBe(true);
    expect(gunzipSync(bytes(gz.files.accounts)).equals(bytes(plain.files.accounts))).toBe(true);
    const rows = parse(unzipped, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual([...EXCHANGE_COLUMNS]);
    expect(rows.length).toBe(plain.counts.exchanges);
    // multi-line prompts and quotes survive CSV quoting
    expect(rows.some((r) => r.prompt!.includes('\n'))).toBe(true);
  });

  it('writes the requested share of malformed lines and counts them apart', async () => {
    const r = await generateDataset({ ...small, seed: 3, malformed: 0.05 }, tmp());
    const lines = readFileSync(r.files.exchanges, 'utf8').split('\n').filter(Boolean);
    let bad = 0;
    for (const l of lines) {
      try {
        const o = JSON.parse(l) as { request_id?: string; prompt?: unknown };
        if (o.request_id === 'broken' || typeof o.prompt !== 'string') bad++;
      } catch {
        bad++;
      }
    }
    expect(r.counts.malformed).toBe(bad);
    expect(bad / lines.length).toBeGreaterThan(0.03);
    expect(bad / lines.length).toBeLessThan(0.07);
    expect(r.counts.exchanges + r.counts.malformed).toBe(lines.length);
  });
});

describe('shared schedules', () => {
  it('an hour rendered from a day schedule computed by another renderer has the same bytes', () => {
    const params = resolveParams({ ...small, seed: 4 });
    const own = new DayRenderer(buildWorld(params));
    const lead = new DayRenderer(buildWorld(params));
    const other = new DayRenderer(buildWorld(params));
    const a = new ByteSink();
    const b = new ByteSink();
    for (let day = 0; day < params.days; day++) {
      // the lead computes the next day aside while it still renders this one
      other.provide(day, lead.shareSchedule(day));
      if (day + 1 < params.days) other.provide(day + 1, lead.shareSchedule(day + 1));
      for (const hour of [0, 9, 17, 23]) {
        own.renderInto(a, day, hour);
        other.renderInto(b, day, hour);
        expect(b.pos).toBe(a.pos);
        expect(Buffer.compare(a.buf.subarray(0, a.pos), b.buf.subarray(0, b.pos))).toBe(0);
        lead.renderInto(b, day, hour);
        expect(Buffer.compare(a.buf.subarray(0, a.pos), b.buf.subarray(0, b.pos))).toBe(0);
      }
    }
  });
});

describe('streaming', () => {
  it('keeps memory flat: the process never holds more than a few hours of output', async () => {
    // Live memory, not garbage waiting for the collector: without a forced collection the figure
    // depends on when V8 chose to collect, and the test failed on a noisy machine by 0.2%.
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, 'vitest.config passes --expose-gc to the test processes').toBeTypeOf('function');
    const dir = tmp();
    const samples: number[] = [];
    const mem = () => {
      gc!();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const before = mem();
    const r = await generateDataset({ accounts: 1500, exchanges: 300_000, days: 2, campaigns: 'hydra:100,crew:5', seed: 2, onProgress: () => samples.push(mem()) }, dir);
    const total = r.counts.exchangeBytes;
    expect(total).toBeGreaterThan(150e6);
    // Everything written is > 150 MB of bytes (more as JS strings). Measured live growth: 25 MB for
    // the world, rising to ~50 MB at the busiest hours and falling back with them.
    expect(Math.max(...samples) - before).toBeLessThan(total / 3);
    // flat: the second day's peak is no higher than the first day's (nothing accumulates)
    const day = samples.length / 2;
    expect(Math.max(...samples.slice(day))).toBeLessThan(Math.max(...samples.slice(0, day)) * 1.25);
});
});
