// The import writer's strings (CaseStrings) on a real case: each distinct string stored once and
// its id the one the case holds, through the in-memory map filling up and starting over.
import { describe, expect, it } from 'vitest';
import { CaseStrings } from '../../../electron/engine/ingest/case-strings';
import { openCase, tempDir } from './helpers';

describe('CaseStrings', () => {
  const values = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? `ua/${i} \ud800` : `203.0.${i >> 8}.${i & 255}`));
  // every string twice (as from two parse workers), then all of them again
  const arrivals = [...values, ...values.slice().reverse(), ...values];

  for (const [name, limits] of [
    ['with every string remembered', undefined],
    ['when the memory fills up and starts over', { strings: 40, units: 1 << 20 }],
    ['when long strings fill its code units', { strings: 1 << 10, units: 600 }],
  ] as const) {
    it(`stores each string once and returns its id ${name}`, () => {
      const { s } = openCase(tempDir());
      try {
        const strings = new CaseStrings(s.db, limits);
        const got = s.db.transaction(() => {
          const ids = arrivals.map((v) => strings.intern(v));
          strings.release();
          return ids;
        })();
        // looked up as bound (lone surrogates are stored as they are and read back as U+FFFD)
        const find = s.db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
        expect(s.db.prepare('SELECT count(*) FROM strings').pluck().get()).toBe(values.length);
        expect(arrivals.filter((v, i) => find.get(v) !== got[i])).toEqual([]);
      } finally {
        s.close();
      }
    });
  }

  it('finds the ids of strings the case already holds', () => {
    const { s } = openCase(tempDir());
    try {
      const first = new CaseStrings(s.db);
      const ids = s.db.transaction(() => values.slice(0, 100).map((v) => first.intern(v)))();
      first.release();
      const second = new CaseStrings(s.db, { strings: 30, units: 1 << 20 });
      const again = s.db.transaction(() => values.map((v) => second.intern(v)))();
      second.release();
      expect(again.slice(0, 100)).toEqual(ids);
      expect(s.db.prepare('SELECT count(*) FROM strings').pluck().get()).toBe(values.length);
    } finally {
      s.close();
    }
  });
});
