// Engine, job worker. Phase 1 of analysis: one sequential pass over accounts and exchanges that
// fills the account-value table and per-account behaviour aggregates. Exchanges are read in id
// ranges (progress and cancellation between batches); the per-account cache of the last value
// seen in each column turns the common case (an account keeps its key, client and model) into an
// array lookup instead of a hash lookup.
import type { Db } from '../db/connection';
import { ValueTable } from './value-table';

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
}

/** Exchange columns that become linkage values (signal name, column). */
const EXCHANGE_SIGNALS: [string, string][] = [
  ['api_key', 'api_key_s'],
  ['ip', 'ip_s'],
  ['ip_prefix', 'ip_prefix_s'],
  ['user_agent', 'user_agent_s'],
  ['device', 'device_s'],
  ['tls', 'tls_s'],
  ['asn', 'asn_s'],
  ['country', 'country_s'],
  // internal (behaviour features, never projected)
  ['x_model', 'model_s'],
  ['x_capability', 'capability_s'],
];

/** Local-part pattern: runs of letters/digits become L<n>/D<n>; punctuation kept. */
export function emailPattern(emailNorm: string): string | null {
  const at = emailNorm.lastIndexOf('@');
  if (at <= 0) return null;
  const local = emailNorm.slice(0, at);
  let out = '';
  let kind = '';
  let run = 0;
  const flush = () => {
    if (run > 0) out += `${kind}${run}`;
    run = 0;
  };
  for (const ch of local) {
    const k = /[a-z]/i.test(ch) ? 'L' : /[0-9]/.test(ch) ? 'D' : ch;
    if (k === 'L' || k === 'D') {
      if (k !== kind) flush();
      kind = k;
      run++;
    } else {
      flush();
      kind = '';
      out += k;
    }
  }
  flush();
  return `${out}@${emailNorm.slice(at + 1)}`;
}

export interface Collected {
  accounts: AccountsInfo;
  behaviour: Behaviour;
  table: ValueTable;
  /** value index of each raw template (signal x_template) -> its SimHash halves */
  templateSig: Map<number, [number, number]>;
  exchangeCount: number;
  minTs: number;
  maxTs: number;
}

interface AccountRow {
  id: number;
  account_id: string;
  created_at: number | null;
  email_norm: string | null;
  email_domain: string | null;
  payment_fingerprint: string | null;
  card_bin: string | null;
  signup_ip: string | null;
  signup_ip_prefix: string | null;
  device_id: string | null;
  phone_hash: string | null;
  org_id: string | null;
  signup_channel: string | null;
  import_id: number | null;
  line: number | null;
}

export function readAccounts(db: Db): { info: AccountsInfo; rows: AccountRow[] } {
  const rows = db
    .prepare(
      `SELECT id, account_id, created_at, email_norm, email_domain, payment_fingerprint, card_bin, signup_ip,
              signup_ip_prefix, device_id, phone_hash, org_id, signup_channel, import_id, line
       FROM accounts ORDER BY id`,
    )
    .all() as AccountRow[];
  const n = rows.length;
  const maxId = rows.length ? rows[rows.length - 1]!.id : 0;
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
  rows.forEach((r, i) => {
    info.dbId[i] = r.id;
    info.indexOfDbId[r.id] = i;
    info.accountId[i] = r.account_id;
    if (r.created_at !== null) info.createdAt[i] = r.created_at;
    if (r.import_id !== null) info.importId[i] = r.import_id;
    if (r.line !== null) info.line[i] = r.line;
    info.signupPrefix[i] = r.signup_ip_prefix ?? r.signup_ip;
  });
  return { info, rows };
}

const BATCH = 100_000;

export function collect(db: Db, onBatch: (done: number, total: number) => void): Collected {
  const { info, rows } = readAccounts(db);
  const n = info.n;
  const table = new ValueTable(Math.max(1, n));

  // account-level values (no example exchange: provenance is the accounts row)
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const ts = r.created_at;
    const put = (signal: string, text: string | null) => {
      if (text === null || text === '') return;
      table.add(table.intern(signal, text), i, ts, -1);
    };
    put('payment', r.payment_fingerprint);
    put('card_bin', r.card_bin);
    put('device', r.device_id);
    put('email', r.email_norm);
    put('email_pattern', r.email_norm ? emailPattern(r.email_norm) : null);
    put('email_domain', r.email_domain);
    put('phone', r.phone_hash);
    put('org', r.org_id);
    put('signup_channel', r.signup_channel);
    put('signup_ip', r.signup_ip);
    put('signup_prefix', r.signup_ip_prefix);
  }

  const behaviour: Behaviour = {
    exchanges: new Float64Array(n),
    cot: new Float64Array(n),
    inTokens: new Float64Array(n),
    outTokens: new Float64Array(n),
    firstTs: new Float64Array(n).fill(NaN),
    lastTs: new Float64Array(n).fill(NaN),
    hours: new Uint32Array(n * 24),
  };

  const stringText = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  const cols = EXCHANGE_SIGNALS.length;
  // per signal: strings.id -> value index
  const strToValue = EXCHANGE_SIGNALS.map(() => new Map<number, number>());
  // per account and column: last string id seen and its pair index
  const lastStr = new Float64Array(n * (cols + 2)).fill(NaN);
  const lastPair = new Int32Array(n * (cols + 2));
  const templateSig = new Map<number, [number, number]>();
  const templateValue = new Map<number, number>();
  const settingsValue = new Map<number, number>();
  const TPL = cols;
  const SET = cols + 1;
  const stride = cols + 2;

  const total = (db.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;
  const stmt = db
    .prepare(
      `SELECT id, account, ts, ${EXCHANGE_SIGNALS.map(([, c]) => c).join(', ')},
              template, simhash >> 32, simhash & 4294967295, cot, input_tokens, output_tokens,
              temperature, top_p, max_tokens
       FROM exchanges WHERE id > ? ORDER BY id LIMIT ?`,
    )
    .raw(true);
  let lastId = 0;
  let done = 0;
  let minTs = Infinity;
  let maxTs = -Infinity;
  const base = 3;
  const oTpl = base + cols;
  for (;;) {
    const batch = stmt.all(lastId, BATCH) as (number | null)[][];
    if (batch.length === 0) break;
    for (const r of batch) {
      const exId = r[0] as number;
      const dbAcc = r[1] as number;
      const a = dbAcc < info.indexOfDbId.length ? info.indexOfDbId[dbAcc]! : -1;
      if (a < 0) continue;
      const ts = r[2] as number;
      if (ts < minTs) minTs = ts;
      if (ts > maxTs) maxTs = ts;
      const slot = a * stride;
      for (let c = 0; c < cols; c++) {
        const s = r[base + c];
        if (s === null || s === undefined) continue;
        if (lastStr[slot + c] === s) {
          table.bump(lastPair[slot + c]!, ts);
          continue;
        }
        const map = strToValue[c]!;
        let v = map.get(s);
        if (v === undefined) {
          const text = stringText.get(s) as string | undefined;
          v = table.intern(EXCHANGE_SIGNALS[c]![0], text ?? `#${s}`);
          map.set(s, v);
        }
        lastStr[slot + c] = s;
        lastPair[slot + c] = table.add(v, a, ts, exId);
      }
      const tpl = r[oTpl];
      if (tpl !== null && tpl !== undefined) {
        if (lastStr[slot + TPL] === tpl) table.bump(lastPair[slot + TPL]!, ts);
        else {
          let v = templateValue.get(tpl);
          if (v === undefined) {
            v = table.intern('x_template', String(tpl));
            templateValue.set(tpl, v);
            const hi = r[oTpl + 1];
            const lo = r[oTpl + 2];
            if (hi !== null && lo !== null && hi !== undefined && lo !== undefined) templateSig.set(v, [hi >>> 0, lo >>> 0]);
          }
          lastStr[slot + TPL] = tpl;
          lastPair[slot + TPL] = table.add(v, a, ts, exId);
        }
      }
      const temp = r[oTpl + 6];
      const topP = r[oTpl + 7];
      const maxTok = r[oTpl + 8];
      if (temp !== null || topP !== null || maxTok !== null) {
        const key = (temp ?? -1) * 1e12 + (topP ?? -1) * 1e7 + (maxTok ?? -1);
        if (lastStr[slot + SET] === key) table.bump(lastPair[slot + SET]!, ts);
        else {
          let v = settingsValue.get(key);
          if (v === undefined) {
            v = table.intern('x_settings', `temperature=${temp ?? '-'} top_p=${topP ?? '-'} max_tokens=${maxTok ?? '-'}`);
            settingsValue.set(key, v);
          }
          lastStr[slot + SET] = key;
          lastPair[slot + SET] = table.add(v, a, ts, exId);
        }
      }
      behaviour.exchanges[a]! += 1;
      if (r[oTpl + 3] === 1) behaviour.cot[a]! += 1;
      behaviour.inTokens[a]! += (r[oTpl + 4] as number | null) ?? 0;
      behaviour.outTokens[a]! += (r[oTpl + 5] as number | null) ?? 0;
      const f = behaviour.firstTs[a]!;
      if (!(ts >= f)) behaviour.firstTs[a] = ts;
      const l = behaviour.lastTs[a]!;
      if (!(ts <= l)) behaviour.lastTs[a] = ts;
      behaviour.hours[a * 24 + (Math.floor(ts / 3_600_000) % 24)]! += 1;
    }
    lastId = batch[batch.length - 1]![0] as number;
    done += batch.length;
    onBatch(done, total);
  }
  return { accounts: info, behaviour, table, templateSig, exchangeCount: done, minTs: Number.isFinite(minTs) ? minTs : 0, maxTs: Number.isFinite(maxTs) ? maxTs : 0 };
}
