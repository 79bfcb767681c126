// The writer hands each batch's typed arrays back to the parse worker, which builds later batches
// in them: a batch built in returned buffers must hold exactly what a batch in new arrays holds,
// whatever the earlier batch left in them (rows with and without prompts, digests, numbers, IPs).
import { describe, expect, it } from 'vitest';
import { BatchBuffers, transferList, type ExchangeBatch } from '../../../electron/engine/ingest/batch';
import { Accessor, ExchangeBuilder } from '../../../electron/engine/ingest/row-builder';
import type { RawRecord } from '../../../electron/engine/ingest/readers/raw-record';

function records(count: number, seed: number): RawRecord[] {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const out: RawRecord[] = [];
  for (let i = 0; i < count; i++) {
    const value: Record<string, unknown> = { ts: `2026-04-22T00:00:${String(rnd(60)).padStart(2, '0')}.000Z`, account_id: `acct_${rnd(40)}` };
    // each field present in some rows only, so a reused buffer holds stale values where a row has none
    if (rnd(2)) value.ip = `10.0.${rnd(4)}.${rnd(200)}`;
    if (rnd(2)) value.model = `m${rnd(3)}`;
    if (rnd(2)) value.input_tokens = rnd(5000);
    if (rnd(3) === 0) value.temperature = rnd(10) / 10;
    const p = rnd(4);
    if (p === 0) value.prompt = `Solve ${rnd(100)}x = ${rnd(100)} step by step`;
    else if (p === 1) value.prompt_sha256 = 'ab'.repeat(32);
    if (rnd(5) === 0) value.request_id = `r${i}`;
    out.push({ kind: 'object', line: i + 1, value, text: JSON.stringify(value) });
  }
  return out;
}

const columns = ['ts', 'account_id', 'ip', 'model', 'input_tokens', 'temperature', 'prompt', 'prompt_sha256', 'request_id'];
const mapping = Object.fromEntries(columns.map((c) => [c, c]));

function batches(recs: RawRecord[], buffers: BatchBuffers | undefined, batchSize: number, onBatch: (b: ExchangeBatch) => void): void {
  const b = new ExchangeBuilder(new Accessor(mapping, 'exchanges', null, columns), { batchSize, promptSamplesPerAccount: 2, buffers });
  for (const r of recs) {
    b.add(r);
    if (b.full) onBatch(b.take().batch);
  }
  onBatch(b.take().batch);
}

/** A batch's contents as plain values (typed arrays copied). */
function plain(b: ExchangeBatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) out[k] = ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<unknown>) : v;
  return out;
}

describe('batch buffers given back by the writer', () => {
  it('builds the same batches in returned buffers as in new arrays', () => {
    const recs = records(3000, 7);
    const fresh: Array<Record<string, unknown>> = [];
    batches(recs, undefined, 64, (b) => fresh.push(plain(b)));
    const pool = new BatchBuffers();
    const reused: Array<Record<string, unknown>> = [];
    const seen = new Set<ArrayBuffer>();
    let again = 0;
    batches(recs, pool, 64, (b) => {
      reused.push(plain(b));
      const list = transferList(b);
      const line = list[0] as ArrayBuffer;
      if (seen.has(line)) again++;
      seen.add(line);
      pool.give(list); // as the writer does after writing it
    });
    expect(reused).toEqual(fresh);
    // two sets went round and round (the batch being built, the one being written): the test
    // would pass trivially without reuse
    expect(seen.size).toBe(2);
    expect(again).toBe(reused.length - 2);
  });

  it('drops a set of another batch size', () => {
    const pool = new BatchBuffers();
    const small: ExchangeBatch[] = [];
    batches(records(10, 1), undefined, 8, (b) => small.push(b));
    pool.give(transferList(small[0] as ExchangeBatch));
    expect(pool.take(16)).toBeUndefined();
    pool.give(transferList(small[0] as ExchangeBatch));
    expect(pool.take(8)).toHaveLength(11);
  });
});
