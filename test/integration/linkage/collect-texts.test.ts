// collect's deferred value texts: values of string kinds are added before their text is read, then
// the texts are read in id order (range scans where the ids are dense, look-ups where they are
// sparse). Every value gets its strings row's text, or `#id` when the row is missing.
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../electron/engine/db/connection';
import { fillDeferredTexts, fillTexts, keepTexts, orderByKey, TEXTS_READ_EARLY } from '../../../electron/engine/linkage/value-texts';
import { familyText, TEXT_OF_FAMILY, TEXT_OF_STRING, ValueTable } from '../../../electron/engine/linkage/value-table';
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

  it('keeps the texts of the values kept (read now, family labels when read) and lets the others go, but those read early', () => {
    const { s, path } = openCase(tempDir('lw-texts-'));
    s.close();
    const db = openDb(path);
    db.prepare("INSERT INTO strings (id, value) VALUES (5, '10.0.0.5'), (6, '10.0.0.6'), (7, 'AS1 Example'), (8, 'm-1')").run();
    const t = new ValueTable(2);
    const ip5 = t.internDeferred('ip', TEXT_OF_STRING, 5);
    const ip6 = t.internDeferred('ip', TEXT_OF_STRING, 6);
    const missing = t.internDeferred('ip', TEXT_OF_STRING, 9);
    const asn = t.internDeferred('asn', TEXT_OF_STRING, 7);
    const model = t.internDeferred('x_model', TEXT_OF_STRING, 8);
    fillDeferredTexts(db, t, (v) => TEXTS_READ_EARLY.has(t.values[v]!.signal));
    const famKey = -123456789;
    const fam = t.internDeferred('template', TEXT_OF_FAMILY, famKey);
    const fam2 = t.internDeferred('template', TEXT_OF_FAMILY, 42);
    const email = t.intern('email', 'a@b.c');
    const email2 = t.intern('email', 'd@e.f');
    const kept = new Set([ip5, missing, fam, email]);
    keepTexts(db, t, (v) => kept.has(v));
    expect([t.text(ip5), t.text(missing), t.text(fam), t.text(email), t.text(asn), t.text(model)]).toEqual(['10.0.0.5', '#9', familyText(famKey), 'a@b.c', 'AS1 Example', 'm-1']);
    expect(familyText(famKey)).toMatch(/^family [0-9a-f]{16}$/);
    // the family label is not kept: made when read
    expect(t.values[fam]!.text).toBe('');
    for (const v of [ip6, fam2, email2]) expect(() => t.text(v)).toThrow(/not read/);
    expect([t.values[ip6]!.signal, t.values[fam2]!.signal, t.values[email2]!.signal]).toEqual(['ip', 'template', 'email']);
    expect(t.values[ip6]!.text).toBe('');
    expect(t.deferredCount).toBe(4);
    db.close();
  });
});
