// collect's deferred value texts: values of string kinds are added before their text is read, then
// the texts are read in id order (range scans where the ids are dense, look-ups where they are
// sparse). Every value gets its strings row's text, or `#id` when the row is missing.
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../electron/engine/db/connection';
import { fillTexts, orderByKey } from '../../../electron/engine/linkage/value-texts';
import { ValueTable } from '../../../electron/engine/linkage/value-table';
import { openCase, tempDir } from '../ingest/helpers';

describe('collect: value texts read afterwards', () => {
  it('orders keys like a stable sort, radix or not', () => {
    let x = 12345;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (const keys of [
      Array.from({ length: 5000 }, () => rnd() % 3000),
      Array.from({ length: 3000 }, () => rnd() & 0x7fffffff),
      [5, 3, 5, 1, 0, 3],
      [],
      [2.5, 1, 2.5, -1],
    ]) {
      const expected = keys.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
      expect(Array.from(orderByKey(keys))).toEqual(expected);
    }
  });

  it('gives every value its text, dense and sparse ids, missing rows and repeats alike', () => {
    const { s, path } = openCase(tempDir('lw-texts-'));
    s.close();
    const db = openDb(path);
    const ins = db.prepare('INSERT INTO strings (id, value) VALUES (?, ?)');
    const present = new Set<number>();
    db.transaction(() => {
      // a dense block with holes, then sparse ids far apart
      for (let id = 1; id <= 3000; id++) if (id % 7 !== 0) present.add(id);
      for (let id = 10_000; id < 2_000_000; id += 97_531) present.add(id);
      for (const id of present) ins.run(id, `text ${id}`);
    })();
    const table = new ValueTable(1);
    const keys: number[] = [];
    const values: number[] = [];
    let x = 7;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 4000; i++) {
      const key = i % 5 === 0 ? 10_000 + (rnd() % 30) * 97_531 + (i % 2) : 1 + (rnd() % 3100);
      keys.push(key);
      values.push(table.internNew(i % 2 ? 'ip' : 'asn', ''));
    }
    fillTexts(db, table, keys, values);
    keys.forEach((key, i) => expect(table.values[values[i]!]!.text).toBe(present.has(key) ? `text ${key}` : `#${key}`));
    db.close();
  });
});
