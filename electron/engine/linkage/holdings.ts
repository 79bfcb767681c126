// Engine. Which account holds which shared value (link_values), whatever the storage; every reader
// of the analysis's holdings goes through here. Since migration 7 an analysis stores the hard
// values of every holder as rows of account_values, and the soft values packed: per account in
// account_value_sets, per value in value_holders (writing a row per (soft value, account) was most
// of the analysis's write). A case analysed before keeps rows for the soft values of clustered
// accounts and no value_holders: rows and packed data are always read together, rows first.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection';
import { grown } from './typed-arrays';
import { holderBlockOf, holdersInBlock, valueSetViews } from './value-sets';

export interface Holding {
  count: number;
  firstTs: number | null;
  lastTs: number | null;
  /** one exchange (exchanges.id) where the account used the value */
  example: number | null;
}

export type HoldingVisitor = (account: number, valueId: number, count: number, firstTs: number | null, lastTs: number | null, example: number | null) => void;

interface Statements {
  rowsOfAccount: Statement;
  setOfAccount: Statement;
  rowsOfValue: Statement;
  packedOfValue: Statement;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      rowsOfAccount: db.prepare('SELECT value_id, count, first_ts, last_ts, example_exchange FROM account_values WHERE account = ? ORDER BY value_id').raw(),
      setOfAccount: db.prepare('SELECT n, data FROM account_value_sets WHERE account = ?'),
      rowsOfValue: db.prepare('SELECT account FROM account_values WHERE value_id = ?').pluck(),
      packedOfValue: db.prepare('SELECT data FROM value_holders WHERE block = ?').pluck(),
    };
    cache.set(db, s);
  }
  return s;
}

const orNull = (x: number) => (Number.isNaN(x) ? null : x);

/**
 * Visits every (account, value) held by the given accounts (accounts.id), account by account in
 * the order given, each account's values by value id (as rows were read by their index, so that
 * readers keep the order of ties they had when every value was a row).
 */
export function eachHolding(db: Db, accounts: Iterable<number>, visit: HoldingVisitor): void {
  const s = statements(db);
  for (const a of accounts) {
    const rows = s.rowsOfAccount.all(a) as Array<[number, number, number | null, number | null, number | null]>;
    const set = s.setOfAccount.get(a) as { n: number; data: Buffer } | undefined;
    if (!set) {
      for (const [v, count, first, last, ex] of rows) visit(a, v, count, first, last, ex);
      continue;
    }
    const x = valueSetViews(set.data, set.n);
    const ord = byValueId(x.ids);
    let r = 0;
    for (let k = 0; k <= x.n; k++) {
      const i = k < x.n ? ord[k]! : -1;
      const v = i >= 0 ? x.ids[i]! : Infinity;
      for (; r < rows.length && rows[r]![0] <= v; r++) {
        const [rv, count, first, last, ex] = rows[r]!;
        visit(a, rv, count, first, last, ex);
      }
      if (i < 0 || (r > 0 && rows[r - 1]![0] === v)) continue; // a row holds it already
      const ex = x.examples[i]!;
      visit(a, v, x.counts[i]!, orNull(x.first[i]!), orNull(x.last[i]!), ex >= 0 ? ex : null);
    }
  }
}

/** The entries of a packed set in value-id order. */
function byValueId(ids: Int32Array): Int32Array {
  const n = ids.length;
  const ord = new Int32Array(n);
  if (n < ENTRY_SPAN) {
    // id * 2^21 + entry sorted as numbers (native, exact below 2^53), the entry read back
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = ids[i]! * ENTRY_SPAN + i;
    keys.sort();
    for (let k = 0; k < n; k++) ord[k] = keys[k]! % ENTRY_SPAN;
  } else {
    for (let i = 0; i < n; i++) ord[i] = i;
    ord.sort((i, j) => ids[i]! - ids[j]! || i - j);
  }
  return ord;
}

const ENTRY_SPAN = 2 ** 21;

/** The values one account holds, by link_values id. */
export function accountHoldings(db: Db, account: number): Map<number, Holding> {
  const out = new Map<number, Holding>();
  eachHolding(db, [account], (_a, v, count, firstTs, lastTs, example) => out.set(v, { count, firstTs, lastTs, example }));
  return out;
}

/** The accounts (accounts.id, ascending) holding one value. */
export function holdersOf(db: Db, valueId: number): number[] {
  const s = statements(db);
  const out = new Set<number>(s.rowsOfValue.all(valueId) as number[]);
  const { block, slot } = holderBlockOf(valueId);
  const packed = s.packedOfValue.get(block) as Buffer | undefined;
  if (packed) for (const a of holdersInBlock(packed, slot)) out.add(a);
  return [...out].sort((x, y) => x - y);
}

/**
 * Per value, how many of the given accounts hold it; with a time range [from, to], only holdings
 * seen inside it (last sighting >= from and first sighting <= to, as the rows were filtered).
 */
export function holdersAmong(db: Db, accounts: Iterable<number>, range: readonly [number, number] | null): Map<number, number> {
  // A count needs no order: rows and packed sets are read as they are, not merged by value id
  // (sorting each account's set was most of the whole case's time range at the reported scale),
  // and counted in arrays by value id. A value an account holds both as a row and packed (only
  // in cases analysed before migration 7) counts once, as in eachHolding.
  const s = statements(db);
  let counts = new Int32Array(1 << 16);
  let stamp = new Int32Array(1 << 16);
  const room = (v: number) => {
    if (v < counts.length) return;
    let n = counts.length;
    while (n <= v) n *= 2;
    counts = grown(counts, n);
    stamp = grown(stamp, n);
  };
  const inside = (first: number | null, last: number | null) => !range || (last !== null && first !== null && last >= range[0] && first <= range[1]);
  for (const a of accounts) {
    for (const [v, , first, last] of s.rowsOfAccount.all(a) as Array<[number, number, number | null, number | null]>) {
      room(v);
      stamp[v] = a + 1;
      if (inside(first, last)) counts[v]! += 1;
    }
    const set = s.setOfAccount.get(a) as { n: number; data: Buffer } | undefined;
    if (!set) continue;
    const x = valueSetViews(set.data, set.n);
    for (let i = 0; i < x.n; i++) {
      const v = x.ids[i]!;
      room(v);
      if (stamp[v] === a + 1) continue;
      if (range && !(x.last[i]! >= range[0] && x.first[i]! <= range[1])) continue; // NaN (never seen) fails both
      counts[v]! += 1;
    }
  }
  const out = new Map<number, number>();
  for (let v = 0; v < counts.length; v++) if (counts[v]! > 0) out.set(v, counts[v]!);
  return out;
}

export interface LinkValueRow {
  id: number;
  signal: string;
  value: string;
  degree: number;
  weight: number;
  hub: number;
}

/** One value an account holds, with its link_values row. */
export interface HeldValue {
  account: number;
  value: LinkValueRow;
  /** one exchange (exchanges.id) where the account used it */
  example: number | null;
}

/**
 * The values the given accounts hold with their link_values rows, in eachHolding's order (account
 * by account, values by id); values without a row are left out.
 */
export function heldValues(db: Db, accounts: Iterable<number>): HeldValue[] {
  const held: number[] = []; // account, value id, example (-1: none), flat
  eachHolding(db, accounts, (account, valueId, _count, _first, _last, example) => held.push(account, valueId, example ?? -1));
  const ids = new Set<number>();
  for (let i = 1; i < held.length; i += 3) ids.add(held[i]!);
  const rows = db.prepare('SELECT id, signal, value, degree, weight, hub FROM link_values WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify([...ids])) as LinkValueRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: HeldValue[] = [];
  for (let i = 0; i < held.length; i += 3) {
    const value = byId.get(held[i + 1]!);
    if (value) out.push({ account: held[i]!, value, example: held[i + 2]! >= 0 ? held[i + 2]! : null });
  }
  return out;
}
