// The aggregate builder's flushes: prompt templates (a new one in nearly every benign exchange)
// fill their own pair table and flush alone, one row per account, while the other kinds and the
// per-account counters wait for the final flush; merged rows add up exactly.
import { describe, expect, it } from 'vitest';
import { AggregateBuilder } from '../../../electron/engine/linkage/aggregates/builder';
import { KINDS, TEMPLATE_KIND } from '../../../electron/engine/linkage/aggregates/kinds';
import { openCase, tempDir } from '../ingest/helpers';

const IP_KIND = 1;

describe('aggregate builder', () => {
  it('flushes a full template table alone, and everything at the end', () => {
    const { s } = openCase(tempDir('lw-aggb-'));
    const db = s.db;
    const b = new AggregateBuilder(50);
    const keys = new Float64Array(KINDS).fill(NaN);
    const rows = (kind: number) => db.prepare('SELECT count(*) AS rows, coalesce(sum(n), 0) AS entries FROM agg_values WHERE kind = ?').get(kind) as { rows: number; entries: number };
    db.transaction(() => {
      for (let i = 0; i < 400; i++) {
        const account = 1 + (i % 2);
        keys[IP_KIND] = 100 + (i % 3); // three addresses shared by both accounts
        keys[TEMPLATE_KIND] = 1000 + i; // a new template every time
        b.add(i + 1, account, 1_700_000_000_000 + i * 1000, keys, 0, 10, 20);
        if (b.full) b.flushFull(db);
      }
      // 400 templates through a table of 50: eight flushes of templates only, one row per account each
      expect(rows(TEMPLATE_KIND)).toEqual({ rows: 16, entries: 400 });
      expect(rows(IP_KIND).rows).toBe(0);
      expect(db.prepare('SELECT count(*) FROM agg_accounts').pluck().get()).toBe(0);
      b.flush(db);
    })();
    expect(rows(IP_KIND)).toEqual({ rows: 2, entries: 6 });
    const acc = db.prepare('SELECT account, exchanges, in_tokens FROM agg_accounts ORDER BY account').all();
    expect(acc).toEqual([
      { account: 1, exchanges: 200, in_tokens: 2000 },
      { account: 2, exchanges: 200, in_tokens: 2000 },
    ]);
    // every IP pair counted once per exchange, across the template flushes in between
    const counts = db.prepare('SELECT data, n FROM agg_values WHERE kind = ?').all(IP_KIND) as { data: Buffer; n: number }[];
    let total = 0;
    for (const r of counts) {
      const f = new Float64Array(new Uint8Array(r.data).buffer);
      for (let i = 0; i < r.n; i++) total += f[r.n + i]!;
    }
    expect(total).toBe(400);
    s.close();
  });
});
