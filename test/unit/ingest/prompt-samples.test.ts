// Which exchanges keep their full prompt: the first N of each account (per import), counted by
// the account's dictionary id, must be the ones a plain per-account count picks, also when the
// worker's dictionary starts over (ids lapse) many times during the file.
import { describe, expect, it } from 'vitest';
import { Accessor, ExchangeBuilder } from '../../../electron/engine/ingest/row-builder';
import type { RawRecord } from '../../../electron/engine/ingest/readers/raw-record';

function records(count: number, accounts: number, seed: number): RawRecord[] {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const out: RawRecord[] = [];
  for (let i = 0; i < count; i++) {
    const value: Record<string, unknown> = { ts: '2026-04-22T00:00:00.000Z', account_id: `acct_${rnd(accounts)}`, ip: `10.0.${rnd(4)}.${rnd(200)}`, model: `m${rnd(3)}` };
    if (rnd(5) !== 0) value.prompt = `Solve ${rnd(100)}x = ${rnd(100)} step by step`;
    out.push({ kind: 'object', line: i + 1, value, text: JSON.stringify(value) });
  }
  return out;
}

describe('prompt samples per account', () => {
  for (const cap of [250_000, 40, 7]) {
    it(`keeps the first prompts of each account (dictionary cap ${cap})`, () => {
      const acc = new Accessor({ ts: 'ts', account_id: 'account_id', ip: 'ip', model: 'model', prompt: 'prompt' }, 'exchanges', null, ['ts', 'account_id', 'ip', 'model', 'prompt']);
      const b = new ExchangeBuilder(acc, { batchSize: 16, promptSamplesPerAccount: 3, dictionaryCap: cap });
      const recs = records(5000, 150, 9);
      const got: number[] = [];
      let resets = 0;
      const drain = () => {
        const { batch } = b.take();
        if (batch.dictReset) resets++;
        for (let i = 0; i < batch.n; i++) got.push(batch.sampled[i] ?? 0);
      };
      for (const r of recs) {
        b.add(r);
        if (b.full) drain();
      }
      drain();
      const seen = new Map<string, number>();
      const want = recs.map((r) => {
        if (r.kind !== 'object' || typeof r.value.prompt !== 'string') return 0;
        const a = String(r.value.account_id);
        const n = seen.get(a) ?? 0;
        if (n >= 3) return 0;
        seen.set(a, n + 1);
        return 1;
      });
      expect(got).toEqual(want);
      expect(want.filter((x) => x === 1).length).toBe(450);
      if (cap < 100) expect(resets).toBeGreaterThan(20);
    });
  }
});
