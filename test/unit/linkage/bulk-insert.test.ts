// Multi-row insert helper: full batches and the remainder all land, parameters bound as given.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDb } from '../../../electron/engine/db/connection';
import { bulkInsert } from '../../../electron/engine/linkage/bulk-insert';
import { signatureHex } from '../../../electron/engine/linkage/value-table';

const dir = mkdtempSync(join(tmpdir(), 'lw-bulk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('inserts full batches and the remainder, text kept verbatim', () => {
  const db = openDb(join(dir, 'b.sqlite'), { create: true });
  db.exec('CREATE TABLE t (a INTEGER, b TEXT) STRICT');
  const ins = bulkInsert(db, 't', ['a', 'b'], 4);
  db.transaction(() => {
    for (let i = 0; i < 10; i++) ins.push(i, i === 3 ? "x'); DROP TABLE t; --" : `v${i}`);
    ins.flush();
  })();
  const rows = db.prepare('SELECT a, b FROM t ORDER BY a').all() as { a: number; b: string }[];
  expect(rows.map((r) => r.a)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(rows[3]!.b).toBe("x'); DROP TABLE t; --");
  db.close();
});

it('writes 64-bit signatures as exact hex', () => {
  expect(signatureHex([0xdeadbeef, 0x00012000])).toBe('deadbeef00012000');
  expect(signatureHex([0, 1])).toBe('0000000000000001');
  expect(signatureHex([0xffffffff, 0x80000000])).toBe('ffffffff80000000');
  // every byte position and value, as toString(16) writes them
  for (let i = 0; i < 2000; i++) {
    const hi = Math.imul(i, 2654435761) >>> 0;
    const lo = Math.imul(i + 7, 40503) >>> 0;
    expect(signatureHex([hi, lo])).toBe(hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0'));
  }
});
