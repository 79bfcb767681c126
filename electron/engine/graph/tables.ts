// Engine. The tables beside the graph: accounts, shared values or exchanges of a selection (given
// account ids, or a whole cluster), optionally within a time range, sorted by a whitelisted
// column and paged. Sort keys map to fixed SQL; nothing the client sends is spliced into SQL.
import type { Cell, TableColumn, TableKind, TablePage, TimeRange } from '../../shared/contract';
import type { Db } from '../db/connection';
import { holdersAmong } from '../linkage/holdings';
import { internalIds } from './account-graph';
import { stmt } from './statements';

interface TableDef {
  columns: Array<TableColumn & { sql: string }>;
  defaultSort: string;
}

const TABLES: Record<TableKind, TableDef> = {
  accounts: {
    columns: [
      { key: 'account', label: 'Account', type: 'text', sql: 'a.account_id' },
      { key: 'cluster', label: 'Cluster', type: 'text', sql: 'cm.cluster_id' },
      { key: 'exchanges', label: 'Exchanges', type: 'number', sql: 'agg.n' },
      { key: 'first', label: 'First seen', type: 'time', sql: 'agg.lo' },
      { key: 'last', label: 'Last seen', type: 'time', sql: 'agg.hi' },
      { key: 'created', label: 'Created', type: 'time', sql: 'a.created_at' },
      { key: 'email', label: 'Email', type: 'text', sql: 'a.email' },
      { key: 'card', label: 'Card fingerprint', type: 'text', sql: 'a.payment_fingerprint' },
      { key: 'signup_ip', label: 'Sign-up IP', type: 'text', sql: 'a.signup_ip' },
    ],
    defaultSort: 'exchanges',
  },
  values: {
    columns: [
      { key: 'signal', label: 'Signal', type: 'text', sql: 'lv.signal' },
      { key: 'value', label: 'Value', type: 'text', sql: 'lv.value' },
      { key: 'in_selection', label: 'Accounts here', type: 'number', sql: 'hv.n' },
      { key: 'degree', label: 'Accounts in case', type: 'number', sql: 'lv.degree' },
      { key: 'weight', label: 'Weight', type: 'number', sql: 'lv.weight' },
      { key: 'hub', label: 'Hub', type: 'text', sql: "CASE lv.hub WHEN 1 THEN 'hub' ELSE '' END" },
    ],
    defaultSort: 'in_selection',
  },
  exchanges: {
    columns: [
      { key: 'ts', label: 'Time', type: 'time', sql: 'x.ts' },
      { key: 'account', label: 'Account', type: 'text', sql: 'a.account_id' },
      { key: 'ip', label: 'IP', type: 'text', sql: 'sip.value' },
      { key: 'user_agent', label: 'User agent', type: 'text', sql: 'sua.value' },
      { key: 'model', label: 'Model', type: 'text', sql: 'smo.value' },
      { key: 'input_tokens', label: 'In tokens', type: 'number', sql: 'x.input_tokens' },
      { key: 'output_tokens', label: 'Out tokens', type: 'number', sql: 'x.output_tokens' },
      { key: 'template', label: 'Template', type: 'text', sql: "printf('%016x', x.template)" },
      { key: 'source', label: 'Source', type: 'text', sql: "im.file_name || ':' || x.line" },
    ],
    defaultSort: 'ts',
  },
};

export interface TableParams {
  kind: TableKind;
  accountIds: string[] | null;
  clusterId: string | null;
  timeRange: TimeRange;
  sort: { key: string; dir: 'asc' | 'desc' } | null;
  offset: number;
  limit: number;
}

export function tablePage(db: Db, p: TableParams): TablePage {
  const def = TABLES[p.kind];
  const columns = def.columns.map(({ key, label, type }) => ({ key, label, type }));
  // the selection as a subquery over internal account ids
  const selArgs: unknown[] = [];
  let sel: string;
  if (p.accountIds) {
    sel = 'SELECT value AS account FROM json_each(?)';
    selArgs.push(JSON.stringify(internalIds(db, p.accountIds)));
  } else if (p.clusterId !== null) {
    sel = 'SELECT account FROM cluster_members WHERE cluster_id = ?';
    selArgs.push(p.clusterId);
  } else sel = 'SELECT id AS account FROM accounts';
  const range = p.timeRange ? ' AND x.ts BETWEEN ? AND ?' : '';
  const rangeArgs = p.timeRange ? [p.timeRange[0], p.timeRange[1]] : [];
  const sortCol = def.columns.find((c) => c.key === p.sort?.key) ?? def.columns.find((c) => c.key === def.defaultSort)!;
  const dir = (p.sort?.dir ?? (sortCol.type === 'text' ? 'asc' : 'desc')) === 'asc' ? 'ASC' : 'DESC';
  const select = def.columns.map((c) => `${c.sql} AS "${c.key}"`).join(', ');

  let from: string;
  let args: unknown[];
  if (p.kind === 'accounts') {
    // accounts with their activity; with a time range, only those active inside it
    from = `(${sel}) s JOIN accounts a ON a.id = s.account
      ${p.timeRange ? 'JOIN' : 'LEFT JOIN'} (SELECT x.account, count(*) AS n, min(x.ts) AS lo, max(x.ts) AS hi FROM exchanges x
        WHERE x.account IN (${sel})${range} GROUP BY x.account) agg ON agg.account = a.id
      LEFT JOIN cluster_members cm ON cm.account = a.id`;
    args = [...selArgs, ...selArgs, ...rangeArgs];
  } else if (p.kind === 'values') {
    // per value, how many accounts of the selection hold it (within the range: seen in it)
    selectionValues(db, sel, selArgs, p);
    from = 'temp.selection_values hv JOIN link_values lv ON lv.id = hv.value_id';
    args = [];
  } else {
    from = `exchanges x JOIN accounts a ON a.id = x.account
      LEFT JOIN strings sip ON sip.id = x.ip_s LEFT JOIN strings sua ON sua.id = x.user_agent_s
      LEFT JOIN strings smo ON smo.id = x.model_s LEFT JOIN imports im ON im.id = x.import_id
      WHERE x.account IN (${sel})${range}`;
    args = [...selArgs, ...rangeArgs];
  }
  const countSql =
    p.kind === 'exchanges'
      ? `SELECT count(*) AS n FROM exchanges x WHERE x.account IN (${sel})${range}`
      : `SELECT count(*) AS n FROM (SELECT 1 FROM ${from})`;
  const total = (stmt(db, countSql).get(...args) as { n: number }).n;
  const rows = stmt(db, `SELECT ${select} FROM ${from} ORDER BY "${sortCol.key}" ${dir} NULLS LAST, 1 LIMIT ? OFFSET ?`)
    .raw()
    .all(...args, p.limit, p.offset) as Cell[][];
  return { columns, rows, total, offset: p.offset };
}

/**
 * Fills temp.selection_values (value_id, n) with the values the selection holds: rows of hard
 * values and packed soft ones (linkage/holdings.ts). The whole case without a time range is
 * every value with all its holders (its degree), read without unpacking anything.
 */
function selectionValues(db: Db, sel: string, selArgs: unknown[], p: TableParams): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS selection_values (value_id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
  stmt(db, 'DELETE FROM temp.selection_values').run();
  if (!p.accountIds && p.clusterId === null && !p.timeRange) {
    stmt(db, 'INSERT INTO temp.selection_values (value_id, n) SELECT id, degree FROM link_values').run();
    return;
  }
  const accounts = db.prepare(sel).pluck().all(...selArgs) as number[];
  // row by row in one transaction: a JSON text of every pair (400,000 for the whole case at the
  // reported scale) cost three times as much to build and take apart
  const counts = holdersAmong(db, accounts, p.timeRange);
  const insert = stmt(db, 'INSERT INTO temp.selection_values (value_id, n) VALUES (?, ?)');
  db.transaction(() => {
    for (const [v, n] of counts) insert.run(v, n);
  })();
}
