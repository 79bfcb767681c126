// The reported scale writes each account's packed values and lets the value table's times go
// before the projection (analyze: earlyTimesBytes); small cases write them while the projection's
// worker starts. Both orders must store the same rows.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/engine/linkage/analyze';
import { buildWorld } from './world';

const TABLES: Record<string, string> = {
  link_values: 'SELECT signal, value, degree, weight, hub FROM link_values ORDER BY signal, value',
  account_values: 'SELECT v.signal, v.value, a.account, a.count, a.first_ts, a.last_ts, a.example_exchange FROM account_values a JOIN link_values v ON v.id = a.value_id ORDER BY 1, 2, 3',
  account_value_sets: 'SELECT account, n, hex(data) FROM account_value_sets ORDER BY account',
  value_holders: 'SELECT block, hex(data) FROM value_holders ORDER BY block',
  edges: 'SELECT a, b, weight, signals_json, strong FROM edges ORDER BY a, b',
  clusters: 'SELECT id, size, score, flagged, features_json, reasons_json, first_ts, last_ts, exchanges FROM clusters ORDER BY id',
  cluster_members: 'SELECT account, cluster_id FROM cluster_members ORDER BY account',
};

async function stored(earlyTimesBytes?: number): Promise<Record<string, unknown[]>> {
  const cb = buildWorld(7);
  try {
    analyze(cb.db, {}, undefined, { earlyTimesBytes });
    return Object.fromEntries(Object.entries(TABLES).map(([t, sql]) => [t, cb.db.prepare(sql).raw(true).all()]));
  } finally {
    await cb.close();
  }
}

describe('analysis: times written before or during the projection', () => {
  it('stores the same rows either way', async () => {
    const during = await stored();
    const before = await stored(0);
    expect(during.edges!.length).toBeGreaterThan(0);
    expect(during.account_value_sets!.length).toBeGreaterThan(0);
    expect(before).toEqual(during);
  });
});
