// Engine, job worker. Phase 1 of analysis: fills the account-value table and per-account
// behaviour from the accounts and the aggregates kept at import time (aggregates/): one row per
// (account, value) instead of one per exchange.
import type { Db } from '../db/connection';
import { TEXT_OF_STRING, ValueTable } from './value-table';
import { KINDS, SETTINGS_KIND, settingsText, STRING_KINDS, TEMPLATE_KIND } from './aggregates/kinds';
import { TemplateKeys } from './template-pairs';
import { grown } from './typed-arrays';
import { fillDeferredTexts, TEXTS_READ_EARLY } from './value-texts';
import { aggregateCoverage, aggregateTotals, ensureAggregates } from './aggregates/state';

export interface AccountsInfo {
  n: number;
  dbId: Int32Array;
  /** accounts.id -> dense index (-1 when absent) */
  indexOfDbId: Int32Array;
  accountId: string[];
  createdAt: Float64Array;
  importId: Float64Array;
  line: Float64Array;
  signupPrefix: (string | null)[];
}

export interface Behaviour {
  exchanges: Float64Array;
  cot: Float64Array;
  inTokens: Float64Array;
  outTokens: Float64Array;
  firstTs: Float64Array;
  lastTs: Float64Array;
  /** 24 bins per account: exchanges by hour of day (UTC) */
  hours: Uint32Array;
  /** hours from the newest model's first appearance to this account's first use of it (NaN: never) */
  pivotHours: Float64Array;
}


/** Pairs reserved per account beyond the aggregate keys: its account-level values (11 signals)
 * and the per-account values derive adds. */
const ACCOUNT_PAIRS_RESERVED = 24;

/** Local-part pattern: runs of ASCII letters/digits become L<n>/D<n>; anything else kept as is.
 * By UTF-16 code unit, without a regular expression per character (they cost a fifth of reading
 * 100,000 accounts): the halves of a surrogate pair are kept one after the other, as the pair. */
export function emailPattern(emailNorm: string): string | null {
  const at = emailNorm.lastIndexOf('@');
  if (at <= 0) return null;
  let out = '';
  let kind = 0; // of the current run: 1 letters, 2 digits, 0 none
  let run = 0;
  for (let i = 0; i < at; i++) {
    const ch = emailNorm.charCodeAt(i);
    const k = (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) ? 1 : ch >= 48 && ch <= 57 ? 2 : 0;
    if (k !== 0 && k === kind) {
      run++;
      continue;
    }
    if (run > 0) out += `${kind === 1 ? 'L' : 'D'}${run}`;
    kind = k;
    run = k === 0 ? 0 : 1;
    if (k === 0) out += emailNorm[i];
  }
  if (run > 0) out += `${kind === 1 ? 'L' : 'D'}${run}`;
  return `${out}@${emailNorm.slice(at + 1)}`;
}

export interface Collected {
  accounts: AccountsInfo;
  behaviour: Behaviour;
  table: ValueTable;
  /** distinct prompt templates and how many accounts used each (not in `table`: derive adds
   * their shared families, reading the details again) */
  templates: TemplateKeys;
  exchangeCount: number;
  minTs: number;
  maxTs: number;
}

/** An accounts row as collect reads it: an array (objects with 15 named fields cost twice as much
 * to read at 100,000 accounts), its columns at the ACCOUNT_* indices. */
export type AccountRow = (string | number | null)[];
const ACCOUNT_ID = 0;
const ACCOUNT_NAME = 1;
const ACCOUNT_CREATED = 2;
const ACCOUNT_IMPORT = 13;
const ACCOUNT_LINE = 14;
const ACCOUNT_PREFIX = 8;
const ACCOUNT_SIGNUP_IP = 7;
/** account-level signals and their columns, in the order their values are added */
const ACCOUNT_SIGNALS: readonly (readonly [string, number])[] = [
  ['payment', 5],
  ['card_bin', 6],
  ['device', 9],
  ['email', 3],
  ['email_pattern', 3], // of email_norm
  ['email_domain', 4],
  ['phone', 10],
  ['org', 11],
  ['signup_channel', 12],
  ['signup_ip', ACCOUNT_SIGNUP_IP],
  ['signup_prefix', ACCOUNT_PREFIX],
];

export function readAccounts(db: Db): { info: AccountsInfo; rows: AccountRow[] } {
  const rows = db
    .prepare(
      `SELECT id, account_id, created_at, email_norm, email_domain, payment_fingerprint, card_bin, signup_ip,
              signup_ip_prefix, device_id, phone_hash, org_id, signup_channel, import_id, line
       FROM accounts ORDER BY id`,
    )
    .raw(true)
    .all() as AccountRow[];
  const n = rows.length;
  const maxId = rows.length ? (rows[rows.length - 1]![ACCOUNT_ID] as number) : 0;
  const info: AccountsInfo = {
    n,
    dbId: new Int32Array(n),
    indexOfDbId: new Int32Array(maxId + 1).fill(-1),
    accountId: new Array<string>(n),
    createdAt: new Float64Array(n).fill(NaN),
    importId: new Float64Array(n).fill(NaN),
    line: new Float64Array(n).fill(NaN),
    signupPrefix: new Array<string | null>(n).fill(null),
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const id = r[ACCOUNT_ID] as number;
    info.dbId[i] = id;
    info.indexOfDbId[id] = i;
    info.accountId[i] = r[ACCOUNT_NAME] as string;
    if (r[ACCOUNT_CREATED] !== null) info.createdAt[i] = r[ACCOUNT_CREATED] as number;
    if (r[ACCOUNT_IMPORT] !== null) info.importId[i] = r[ACCOUNT_IMPORT] as number;
    if (r[ACCOUNT_LINE] !== null) info.line[i] = r[ACCOUNT_LINE] as number;
    info.signupPrefix[i] = (r[ACCOUNT_PREFIX] ?? r[ACCOUNT_SIGNUP_IP]) as string | null;
  }
  return { info, rows };
}

/** A value table holding the account-level values (no example exchange: provenance is the
 * accounts row), its columns made for `capacity` pairs (see ValueTable). */
export function accountValues(info: AccountsInfo, rows: readonly AccountRow[], capacity?: number): ValueTable {
  const table = new ValueTable(Math.max(1, info.n), capacity);
  for (let i = 0; i < info.n; i++) {
    const r = rows[i]!;
    const ts = r[ACCOUNT_CREATED] as number | null;
    for (const [signal, column] of ACCOUNT_SIGNALS) {
      let text = r[column] as string | null;
      if (text !== null && signal === 'email_pattern') text = text ? emailPattern(text) : null;
      if (text === null || text === '') continue;
      // each (value, account) pair here is new (one value per signal and account): appended
      // without the pair index, except devices, which exchanges' device ids merge into (add)
      if (signal === 'device') table.add(table.intern(signal, text), i, ts, -1);
      else table.append(table.intern(signal, text), i, 1, ts ?? NaN, ts ?? NaN, -1);
    }
  }
  return table;
}

export function emptyBehaviour(n: number): Behaviour {
  return {
    exchanges: new Float64Array(n),
    cot: new Float64Array(n),
    inTokens: new Float64Array(n),
    outTokens: new Float64Array(n),
    firstTs: new Float64Array(n).fill(NaN),
    lastTs: new Float64Array(n).fill(NaN),
    hours: new Uint32Array(n * 24),
    pivotHours: new Float64Array(n).fill(NaN),
  };
}

/**
 * Fills the value table from the accounts and the per-account aggregates (one row per account and
 * value, maintained at import time; rebuilt from the exchanges first when they do not cover them
 * exactly, reported through `onBatch`). Rows come in primary-key order (account, kind, key), so
 * the table does not depend on how the exchanges were split into imports.
 */
export function collect(
  db: Db,
  onBatch: (done: number, total: number) => void,
  opts: {
    aggregatesChecked?: boolean;
    onTemplates?: (templates: TemplateKeys) => void;
    grouped?: boolean;
    /** template rows kept in memory for derive's second read up to this many bytes (tests: 0, read twice) */
    templateRowsKept?: number;
    /** leave the texts of string kinds' values deferred (ValueTable.internDeferred) except those
     * read before the write (TEXTS_READ_EARLY); the caller fills the ones it stores */
    deferTexts?: boolean;
  } = {},
): Collected {
  if (!opts.aggregatesChecked) ensureAggregates(db, { progress: onBatch });
  // Pairs at most: one per aggregate key (a value shared by several imports' rows is one pair),
  // the account-level values, and what derive adds (template families: at most a pair per template
  // key; per-account schedule, pivot, burst and window values). The columns are reserved for
  // that once, instead of doubled (and copied) as pairs arrive: at the reported scale the last
  // doubling held two copies of 25 million pairs at once.
  // (kept in agg_state by the import: summing every agg_values row took 0.2 s at the reported
  // scale, with the family search's worker waiting)
  const { keys: aggregateKeys, templateKeys: templateRows } = aggregateTotals(db);
  // the accounts' values are added after the templates are read: the family search (on another
  // thread) starts that much sooner, and at a million exchanges it is what derive waits for
  const accounts = readAccounts(db);
  const { info } = accounts;
  const n = info.n;
  const indexOf = (dbAcc: number) => (dbAcc < info.indexOfDbId.length ? info.indexOfDbId[dbAcc]! : -1);
  // Templates first (their own read: the other kinds' blobs are not read), so that the caller can
  // start the family search (`onTemplates`) while the rest is read. Only the distinct keys and how
  // many accounts used each are kept: derive reads the details again for the shared families.
  const total = 2 * n;
  let done = 0;
  const progress = () => {
    if (++done % 4096 === 0) onBatch(done, total);
  };
  // kept only when they are sure to fit (a template row entry per exchange at most, 40 bytes):
  // rows kept and then dropped halfway would linger until a full garbage collection
  const keepAtMost = opts.templateRowsKept ?? TEMPLATE_ROWS_KEPT;
  const keep = aggregateCoverage(db).exchanges * 40 <= keepAtMost ? keepAtMost : 0;
  const templates = new TemplateKeys(
    (each) => readAccountRows(db, TEMPLATE_ROWS, indexOf, each, opts.grouped ?? true),
    keep,
    templateRows,
    // the first read needs only the keys (the first fifth of each blob) when the rows are not kept
    (each) => readAccountRows(db, TEMPLATE_ROWS, indexOf, each, opts.grouped ?? true, 'substr(v.data, 1, v.n * 8)'),
  );
  templates.readKeys(progress);
  opts.onTemplates?.(templates);
  // the table's columns made for every aggregate key and the account-level values; the account
  // rows (a hundred thousand objects at the reported scale) let go before the other aggregates
  // are read: every full garbage collection during the reads marks what is left
  const table = accountValues(info, accounts.rows, aggregateKeys + ACCOUNT_PAIRS_RESERVED * n);
  accounts.rows = [];

  const behaviour = emptyBehaviour(n);
  let minTs = Infinity;
  let maxTs = -Infinity;
  const hcols = Array.from({ length: 24 }, (_, h) => `h${h}`).join(', ');
  for (const row of db.prepare(`SELECT account, exchanges, cot, in_tokens, out_tokens, first_ts, last_ts, ${hcols} FROM agg_accounts`).raw(true).iterate()) {
    const r = row as (number | null)[];
    const a = indexOf(r[0]!);
    if (a < 0) continue;
    behaviour.exchanges[a] = r[1]!;
    behaviour.cot[a] = r[2]!;
    behaviour.inTokens[a] = r[3]!;
    behaviour.outTokens[a] = r[4]!;
    if (r[5] !== null) {
      behaviour.firstTs[a] = r[5]!;
      if (r[5]! < minTs) minTs = r[5]!;
    }
    if (r[6] !== null) {
      behaviour.lastTs[a] = r[6]!;
      if (r[6]! > maxTs) maxTs = r[6]!;
    }
    for (let h = 0; h < 24; h++) behaviour.hours[a * 24 + h] = r[7 + h]!;
  }

  const stringText = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  // per kind: key -> value index
  const keyToValue = Array.from({ length: KINDS }, () => new Map<number, number>());
  // the account-level signal an exchange column shares (device id): those pairs may exist already
  const merges = STRING_KINDS.map(([signal]) => signal === 'device');
  // Values of the other string kinds are new per key (strings.value is unique, one signal per
  // kind): added without a text look-up, their text read afterwards in batches, in SQLite (only
  // for the values that need it, with `deferTexts`).
  // string kinds' keys are strings.id, dense: key -> value + 1 in one typed array per kind (a Map
  // look-up per observation cost seconds at the reported scale); other keys through the maps
  const maxString = db.prepare('SELECT coalesce(max(id), 0) FROM strings').pluck().get() as number;
  const dense = maxString < 1 << 26 ? STRING_KINDS.map(() => new Int32Array(maxString + 1)) : [];
  const newValue = (kind: number, key: number): number => {
    if (kind === SETTINGS_KIND) return table.intern('x_settings', settingsText(key));
    if (merges[kind]) {
      const text = stringText.get(key) as string | undefined;
      return table.intern(STRING_KINDS[kind]![0], text ?? `#${key}`);
    }
    // its text comes later (`#key` when the strings row is missing)
    return table.internDeferred(STRING_KINDS[kind]![0], TEXT_OF_STRING, key);
  };
  const valueOf = (kind: number, key: number): number => {
    const d = dense[kind];
    if (d !== undefined && key >= 1 && key <= maxString && Number.isInteger(key)) {
      // dense kinds need no map (a Map entry per value made every full collection longer)
      let v = d[key]! - 1;
      if (v < 0) d[key] = (v = newValue(kind, key)) + 1;
      return v;
    }
    const map = keyToValue[kind]!;
    let v = map.get(key);
    if (v === undefined) map.set(key, (v = newValue(kind, key)));
    return v;
  };
  // Rows of one (account, kind) from several imports hold a key once each: the pair of each value
  // is remembered per account (value -> last account, its pair) to merge them, in typed arrays
  // (tens of millions of observations at the reported scale).
  let seenBy = new Int32Array(1 << 16);
  let pairOf = new Int32Array(1 << 16);
  const grouped = opts.grouped ?? true;
  readAccountRows(db, OTHER_ROWS, indexOf, (a, meta, data) => {
    progress();
    let off = 0;
    for (const m of meta) {
      const kind = m % 16;
      const rows = (m - kind) / 16;
      const merge = kind < STRING_KINDS.length && merges[kind];
      for (let i = 0; i < rows; i++) {
        const key = data[off + i]!;
        const count = data[off + rows + i]!;
        const first = data[off + 2 * rows + i]!;
        const last = data[off + 3 * rows + i]!;
        const example = data[off + 4 * rows + i]!;
        const v = valueOf(kind, key);
        if (v >= seenBy.length) {
          let size = seenBy.length;
          while (size <= v) size *= 2;
          seenBy = grown(seenBy, size);
          pairOf = grown(pairOf, size);
        }
        if (seenBy[v] === a + 1) {
          const q = pairOf[v]!;
          table.count[q]! += count;
          table.bump(q, first, 0);
          table.bump(q, last, 0);
          if (example < table.example[q]! || table.example[q]! < 0) table.setExample(q, example);
          continue;
        }
        let q: number;
        if (merge) {
          q = table.add(v, a, first, example, count);
          table.bump(q, last, 0);
          // an account-level pair keeps its provenance (the accounts row); a new one cites the exchange
        } else q = table.append(v, a, count, first, last, example);
        seenBy[v] = a + 1;
        pairOf[v] = q;
      }
      off += 5 * rows;
    }
  }, grouped);
  onBatch(total, total);
  if (opts.deferTexts) {
    const values = table.values;
    fillDeferredTexts(db, table, (v) => TEXTS_READ_EARLY.has(values[v]!.signal));
  } else fillDeferredTexts(db, table);
  const exchangeCount = aggregateCoverage(db).exchanges;
  return { accounts: info, behaviour, table, templates, exchangeCount, minTs: Number.isFinite(minTs) ? minTs : 0, maxTs: Number.isFinite(maxTs) ? maxTs : 0 };
}

// kinds as ranges: an equality on kind made SQLite sort the rows again for the ORDER BY (the
// primary key order it reads them in anyway)
const TEMPLATE_ROWS = `v.kind >= ${TEMPLATE_KIND} AND v.kind < ${TEMPLATE_KIND + 1}`;
/** Template rows up to this size are kept from the first read for derive's second (a million
 * exchanges: about 40 MB); larger ones (a gigabyte at the reported scale) are read again. */
const TEMPLATE_ROWS_KEPT = 128 * 1024 * 1024;
const OTHER_ROWS = `v.kind >= 0 AND v.kind < ${KINDS} AND v.kind <> ${TEMPLATE_KIND}`;

/**
 * The agg_values rows that `kindSql` (over alias v) selects, one account at a time in accounts.id
 * order (accounts absent from `accounts` skipped): `each(dense index, meta, data)` with the rows'
 * (n * 16 + kind) in (kind, seq) order and their blobs concatenated (`dataSql`: what of each
 * row's blob, by default all of it). SQLite concatenates them (a third of the CPU of reading the
 * rows one by one and joining them here: 0.46 against 1.4 CPU-s for 300,000 rows);
 * `grouped: false` asks SQLite for each account's rows on their own (tests compare the two).
 */
export function readAccountRows(
  db: Db,
  kindSql: string,
  indexOf: (dbAccount: number) => number,
  each: (account: number, meta: readonly number[], data: Float64Array) => void,
  grouped = true,
  dataSql = 'v.data',
): void {
  let meta: number[] = [];
  let blobs: Buffer[] = [];
  let length = 0;
  const flush = (dbAcc: number): void => {
    if (meta.length === 0) return;
    let data: Float64Array;
    if (blobs.length === 1) data = float64s(blobs[0]!, length / 8);
    else {
      data = new Float64Array(length / 8);
      const bytes = new Uint8Array(data.buffer);
      let off = 0;
      for (const b of blobs) {
        bytes.set(b, off);
        off += b.length;
      }
    }
    const a = indexOf(dbAcc);
    const m = meta;
    meta = [];
    blobs = [];
    length = 0;
    if (a >= 0) each(a, m, data);
  };
  const add = (m: number, b: Buffer): void => {
    meta.push(m);
    blobs.push(b);
    length += b.length;
  };
  if (!grouped) {
    const oneAccount = db.prepare(`SELECT v.n * 16 + v.kind, ${dataSql} FROM agg_values v WHERE v.account = ? AND ${kindSql} ORDER BY v.kind, v.seq`).raw(true);
    for (const id of db.prepare('SELECT id FROM accounts ORDER BY id').pluck().iterate()) {
      for (const r of oneAccount.iterate(id)) add((r as [number, Buffer])[0], (r as [number, Buffer])[1]);
      flush(id as number);
    }
    return;
  }
  // One row per account, its rows' blobs concatenated by SQLite (in the scan's primary key order,
  // the same for both aggregates of a group): a row handed to JavaScript costs an array and a
  // Buffer (a copy, counted as external memory), ten times fewer of them than one per row.
  // group_concat of a blob concatenates its bytes; CAST keeps them a blob (not text to decode).
  const perAccount = db.prepare(
    `SELECT v.account, group_concat(v.n * 16 + v.kind), CAST(group_concat(${dataSql}, x'') AS BLOB) FROM agg_values v WHERE ${kindSql} GROUP BY v.account ORDER BY v.account`,
  ).raw(true);
  let delivered = -1;
  try {
    for (const r of perAccount.iterate()) {
      const [acc, ms, b] = r as [number, string, Buffer | null];
      const a = indexOf(acc);
      delivered = acc;
      if (a < 0) continue;
      each(a, ms.split(',').map(Number), b === null ? new Float64Array(0) : float64s(b, b.length / 8));
    }
    return;
  } catch (e) {
    // an account whose rows exceed SQLite's largest value (a gigabyte): the rest row by row
    if ((e as { code?: string }).code !== 'SQLITE_TOOBIG') throw e;
  }
  const rows = db.prepare(`SELECT v.account, v.n * 16 + v.kind, ${dataSql} FROM agg_values v WHERE v.account > ? AND ${kindSql} ORDER BY v.account, v.kind, v.seq`).raw(true);
  let current = -1;
  for (const r of rows.iterate(delivered)) {
    const [acc, m, b] = r as [number, number, Buffer];
    if (acc !== current) {
      flush(current);
      current = acc;
    }
    add(m, b);
  }
  flush(current);
}

/** A blob of little-endian float64s as an array (copied when SQLite's buffer is not 8-byte aligned). */
function float64s(b: Buffer, n: number): Float64Array {
  if (b.byteOffset % 8 === 0) return new Float64Array(b.buffer, b.byteOffset, n);
  const copy = new Uint8Array(n * 8);
  copy.set(b.subarray(0, n * 8));
  return new Float64Array(copy.buffer);
}
