// Engine. Reading edges and shared values of the last analysis: account-account links among a
// set of accounts, the attribute-as-node view (values with their holders), and neighbours.
import type { Db } from '../db/connection';
import { heldValues } from './holdings';
import { readSignalsJson } from './signals-json';

export interface EdgeView {
  a: string;
  b: string;
  weight: number;
  strong: boolean;
  signals: { signal: string; weight: number }[];
}

export interface ValueView {
  signal: string;
  value: string;
  degree: number;
  weight: number;
  hub: boolean;
  accounts: string[];
}

function dbIds(db: Db, accountIds: string[]): Map<number, string> {
  const stmt = db.prepare('SELECT id FROM accounts WHERE account_id = ?').pluck();
  const out = new Map<number, string>();
  for (const a of accountIds) {
    const id = stmt.get(a) as number | undefined;
    if (id !== undefined) out.set(id, a);
  }
  return out;
}

/** Edges with both ends among the given accounts (strong and stored weak ones). */
export function edgesAmong(db: Db, accountIds: string[]): EdgeView[] {
  const ids = dbIds(db, accountIds);
  const stmt = db.prepare('SELECT a, b, weight, signals_json, strong FROM edges WHERE a = ?');
  const out: EdgeView[] = [];
  for (const [id, name] of ids) {
    for (const r of stmt.all(id) as { a: number; b: number; weight: number; signals_json: string; strong: number }[]) {
      const other = ids.get(r.b);
      if (other === undefined) continue;
      out.push({ a: name, b: other, weight: r.weight, strong: r.strong === 1, signals: readSignalsJson(r.signals_json) });
    }
  }
  return out.sort((x, y) => y.weight - x.weight);
}

/** Values held by two or more of the given accounts (hubs included, flagged as such). */
export function valuesOfAccounts(db: Db, accountIds: string[]): ValueView[] {
  const ids = dbIds(db, accountIds);
  // rows of hard values and packed soft ones (linkage/holdings.ts)
  const byValue = new Map<number, ValueView>();
  for (const { account, value: r } of heldValues(db, ids.keys())) {
    let v = byValue.get(r.id);
    if (!v) byValue.set(r.id, (v = { signal: r.signal, value: r.value, degree: r.degree, weight: r.weight, hub: r.hub === 1, accounts: [] }));
    v.accounts.push(ids.get(account)!);
  }
  return [...byValue.values()].filter((v) => v.accounts.length >= 2).sort((x, y) => y.accounts.length * y.weight - x.accounts.length * x.weight);
}

/** The strongest links of one account. */
export function neighbours(db: Db, accountId: string, limit = 50): EdgeView[] {
  const id = dbIds(db, [accountId]).keys().next().value;
  if (id === undefined) return [];
  const rows = db
    .prepare(
      `SELECT e.weight, e.signals_json, e.strong, o.account_id AS other FROM edges e JOIN accounts o ON o.id = e.b WHERE e.a = ?
       UNION ALL SELECT e.weight, e.signals_json, e.strong, o.account_id FROM edges e JOIN accounts o ON o.id = e.a WHERE e.b = ?
       ORDER BY 1 DESC LIMIT ?`,
    )
    .all(id, id, limit) as { weight: number; signals_json: string; strong: number; other: string }[];
  return rows.map((r) => ({ a: accountId, b: r.other, weight: r.weight, strong: r.strong === 1, signals: readSignalsJson(r.signals_json) }));
}
