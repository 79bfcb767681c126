// The aggregate builder's memory bound: a full pair table (prompt templates, a new one in nearly
// every benign exchange, fill theirs first) is spilled to a scratch file beside the case as a
// sorted run; nothing reaches the case until the final flush, which merges the runs into one
// row per (account, kind), exactly what an unbounded table would have held.
import { readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AggregateBuilder } from '../../../electron/engine/linkage/aggregates/builder';
import { KINDS, TEMPLATE_KIND } from '../../../electron/engine/linkage/aggregates/kinds';
import { mergeRunsInto, removeStaleSpills, SpillRuns } from '../../../electron/engine/linkage/aggregates/spill-runs';
import type { Db } from '../../../electron/engine/db/connection';
import { openCase, tempDir } from '../ingest/helpers';
import { spillFiles } from './spill-files';

const IP_KIND = 1;

/** Every stored pair as text, sorted: (account, kind, key, count, first, last, example). */
function storedPairs(db: Db): string[] {
  const out: string[] = [];
  for (const r of db.prepare('SELECT account, kind, n, data FROM agg_values').all() as { account: number; kind: number; n: number; data: Buffer }[]) {
    const f = new Float64Array(new Uint8Array(r.data).buffer);
    for (let i = 0; i < r.n; i++) out.push([r.account, r.kind, f[i], f[r.n + i], f[2 * r.n + i], f[3 * r.n + i], f[4 * r.n + i]].join(' '));
  }
  return out.sort();
}

describe('aggregate builder', () => {
  it('spills full tables beside the case and writes one row per (account, kind) at the end', () => {
    const { s, path } = openCase(tempDir('lw-aggb-'));
    const db = s.db;
    const b = new AggregateBuilder(50);
    const progress: Array<[number, number]> = [];
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
      // 400 templates through a table of 50: spilled, not written
      expect(spillFiles(path)).toHaveLength(1);
      expect(rows(TEMPLATE_KIND)).toEqual({ rows: 0, entries: 0 });
      expect(db.prepare('SELECT count(*) FROM agg_accounts').pluck().get()).toBe(0);
      b.flush(db, (done, total) => progress.push([done, total]));
    })();
    // the merge reports the bytes of the runs it has read, ending at their total
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    expect(progress.at(-1)![1]).toBeGreaterThan(400 * 40);
    expect(spillFiles(path)).toEqual([]);
    expect(rows(TEMPLATE_KIND)).toEqual({ rows: 2, entries: 400 });
    expect(rows(IP_KIND)).toEqual({ rows: 2, entries: 6 });
    expect(db.prepare('SELECT count(*) FROM (SELECT account, kind FROM agg_values GROUP BY 1, 2 HAVING count(*) > 1)').pluck().get()).toBe(0);
    const acc = db.prepare('SELECT account, exchanges, in_tokens FROM agg_accounts ORDER BY account').all();
    expect(acc).toEqual([
      { account: 1, exchanges: 200, in_tokens: 2000 },
      { account: 2, exchanges: 200, in_tokens: 2000 },
    ]);
    // every IP pair counted once per exchange, across the spills in between
    const counts = db.prepare('SELECT data, n FROM agg_values WHERE kind = ?').all(IP_KIND) as { data: Buffer; n: number }[];
    let total = 0;
    for (const r of counts) {
      const f = new Float64Array(new Uint8Array(r.data).buffer);
      for (let i = 0; i < r.n; i++) total += f[r.n + i]!;
    }
    expect(total).toBe(400);
    s.close();
  });

  it('merged runs hold exactly what one unbounded table holds (keys repeated across runs combined)', () => {
    const build = (maxPairs: number) => {
      const { s } = openCase(tempDir('lw-aggb-'));
      const b = new AggregateBuilder(maxPairs);
      const keys = new Float64Array(KINDS);
      let x = 1;
      const rnd = () => ((x = (x * 16807) % 2147483647) % 1000) / 1000;
      s.db.transaction(() => {
        for (let i = 0; i < 3000; i++) {
          // few keys per kind (repeated across runs), many templates
          for (let k = 0; k < KINDS; k++) keys[k] = rnd() < 0.2 ? NaN : Math.floor(rnd() * (k === TEMPLATE_KIND ? 500 : 8));
          b.add(i + 1, 1 + Math.floor(rnd() * 20), 1_700_000_000_000 + ((i * 7919) % 3000) * 1000, keys, 0, 1, 1);
          if (b.full) b.flushFull(s.db);
        }
        b.flush(s.db);
      })();
      const pairs = storedPairs(s.db);
      s.close();
      return pairs;
    };
    const unbounded = build(1_000_000);
    expect(unbounded.length).toBeGreaterThan(2000);
    expect(build(37)).toEqual(unbounded);
  });

  it('runs merged into one run (the merge worker) read back as exactly the groups a direct merge gives', () => {
    const dir = tempDir('lw-aggb-');
    // three runs of random groups, some (account, kind) in several runs with keys repeated
    const write = (path: string) => {
      const runs = new SpillRuns(path);
      let x = 7;
      const rnd = (m: number) => (x = (x * 16807) % 2147483647) % m;
      for (let r = 0; r < 3; r++) {
        runs.begin();
        for (let account = 1; account < 300; account += 1 + rnd(3)) {
          for (let kind = 0; kind < KINDS; kind += 1 + rnd(4)) {
            const n = 1 + rnd(40); // 40 keys at most, and distinct within a run's group
            const out = runs.group(account, kind, n);
            const start = rnd(50);
            for (let i = 0; i < n; i++) {
              out[i] = start + i;
              out[n + i] = 1 + rnd(9);
              out[2 * n + i] = 1000 + rnd(500);
              out[3 * n + i] = 2000 + rnd(500);
              out[4 * n + i] = 1 + rnd(100_000);
            }
          }
        }
        runs.end();
      }
      return runs;
    };
    const groups = (runs: SpillRuns) => {
      const out: string[] = [];
      runs.merge((account, kind, n, data) => out.push(`${account} ${kind} ${n} ${Buffer.from(data.buffer, data.byteOffset, 40 * n).toString('hex')}`));
      runs.dispose();
      return out;
    };
    const direct = groups(write(`${dir}/a`));
    expect(direct.length).toBeGreaterThan(500);
    const src = write(`${dir}/b`);
    expect(src.count).toBe(3);
    writeFileSync(`${dir}/merged`, '');
    const merged = SpillRuns.adopt(mergeRunsInto(src.detach(), `${dir}/merged`));
    expect(merged.count).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['merged']); // the input is removed
    expect(groups(merged)).toEqual(direct);
    expect(readdirSync(dir)).toEqual([]);
    // the output file must exist: a merge given up (its file removed) cannot leave a new one behind
    const again = write(`${dir}/c`);
    expect(() => mergeRunsInto(again.detach(), `${dir}/gone`)).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('hundreds of runs, each read through a small buffer, merge to the same pairs; a group larger than the buffer is read whole', () => {
    const dir = tempDir('lw-aggb-');
    const runs = new SpillRuns(`${dir}/many`);
    // reference: (account kind) -> key -> [count, first, last, example], combined as the merge must
    const want = new Map<string, Map<number, number[]>>();
    let x = 11;
    const rnd = (m: number) => (x = (x * 16807) % 2147483647) % m;
    const RUNS = 600; // 32 MiB / 600 is below the 64 KiB floor: every reader gets the smallest buffer
    for (let r = 0; r < RUNS; r++) {
      runs.begin();
      for (let account = 1 + (r % 3); account < 40; account += 3) {
        const kind = account % KINDS;
        // account 7's group in the first and last runs: 3,000 pairs (120 KB, past 64 KiB)
        const n = account === 7 && (r === 0 || r === RUNS - 1) ? 3000 : 1 + rnd(4);
        const out = runs.group(account, kind, n);
        const g = want.get(`${account} ${kind}`) ?? new Map<number, number[]>();
        want.set(`${account} ${kind}`, g);
        for (let i = 0; i < n; i++) {
          const key = n === 3000 ? i : rnd(20) * 4 + i; // distinct within the group
          const v = [1 + rnd(9), 1000 + rnd(500), 2000 + rnd(500), 1 + rnd(100_000)] as const;
          out[i] = key;
          for (let f = 0; f < 4; f++) out[(f + 1) * n + i] = v[f]!;
          const had = g.get(key);
          g.set(key, had ? [had[0]! + v[0], Math.min(had[1]!, v[1]), Math.max(had[2]!, v[2]), Math.min(had[3]!, v[3])] : [...v]);
        }
      }
      runs.end();
    }
    expect(runs.count).toBe(RUNS);
    const got = new Map<string, string[]>();
    runs.merge((account, kind, n, data) => {
      const pairs: string[] = [];
      for (let i = 0; i < n; i++) pairs.push([data[i], data[n + i], data[2 * n + i], data[3 * n + i], data[4 * n + i]].join(' '));
      got.set(`${account} ${kind}`, pairs.sort());
    });
    runs.dispose();
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [group, pairs] of want) expect(got.get(group)).toEqual([...pairs].map(([k, v]) => [k, ...v].join(' ')).sort());
    expect(got.get(`7 ${7 % KINDS}`)!.length).toBeGreaterThanOrEqual(3000);
  });

  it('a group larger than the insert staging buffer is stored whole beside small ones', () => {
    const { s } = openCase(tempDir('lw-aggb-'));
    const db = s.db;
    const b = new AggregateBuilder();
    const keys = new Float64Array(KINDS).fill(NaN);
    const T = 1_700_000_000_000;
    let id = 0;
    db.transaction(() => {
      // accounts 1..60: three templates each; account 30 also 30,000 (1.2 MB of data, above the 1 MB stage)
      for (let a = 1; a <= 60; a++) {
        const n = a === 30 ? 30_003 : 3;
        for (let i = 0; i < n; i++) {
          keys[TEMPLATE_KIND] = i;
          b.add(++id, a, T + i, keys, 0, 1, 1);
        }
      }
      b.flush(db);
    })();
    const rows = db.prepare('SELECT account, kind, n, data FROM agg_values ORDER BY account').all() as { account: number; kind: number; n: number; data: Buffer }[];
    expect(rows.map((r) => [r.account, r.kind, r.n])).toEqual(Array.from({ length: 60 }, (_, i) => [i + 1, TEMPLATE_KIND, i + 1 === 30 ? 30_003 : 3]));
    for (const r of rows) {
      const f = new Float64Array(new Uint8Array(r.data).buffer);
      const firstId = r.account <= 30 ? (r.account - 1) * 3 + 1 : 29 * 3 + 30_003 + (r.account - 31) * 3 + 1;
      for (let i = 0; i < r.n; i++) expect([f[i], f[r.n + i], f[2 * r.n + i], f[3 * r.n + i], f[4 * r.n + i]]).toEqual([i, 1, T + i, T + i, firstId + i]);
    }
    s.close();
  });

  it('scratch files of dead processes are removed, those of live ones kept', () => {
    const dir = tempDir('lw-aggb-');
    const path = `${dir}/case.sqlite`;
    writeFileSync(`${path}-aggspill-${process.pid}-0-1`, 'live');
    writeFileSync(`${path}-aggspill-4000001-0-1`, 'dead');
    writeFileSync(`${dir}/other.sqlite-aggspill-4000001-0-1`, 'another case');
    expect(removeStaleSpills(path, (pid) => pid === process.pid)).toBe(1);
    expect(spillFiles(path)).toEqual([`case.sqlite-aggspill-${process.pid}-0-1`]);
    expect(readdirSync(dir)).toContain('other.sqlite-aggspill-4000001-0-1');
  });
});
