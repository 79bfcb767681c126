// Engine, job thread. The one writer of an import: turns the worker's columnar batches into rows
// with statements prepared once, many rows per INSERT, one transaction per batch (the caller's).
// Repeated strings are interned in `strings` once; the worker's dictionary ids map to string ids
// through an array, so the writer never hashes a string twice.
import type Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { LIMITS } from '../../shared/limits';
import { toSigned64 } from './normalise/hash64';
import { PromptFingerprinter } from './normalise/prompt-fingerprint';
import { N, NUM_COLS, R, REF_COLS, type AccountBatch, type ExchangeBatch, type RejectRow } from './batch';

const EX_COLS = [
  'id', 'request_id', 'ts', 'account', 'api_key_s', 'ip_s', 'ip_prefix_s', 'user_agent_s', 'ua_family_s', 'model_s', 'device_s', 'tls_s', 'asn_s',
  'country_s', 'endpoint_s', 'status_s', 'input_tokens', 'output_tokens', 'temperature', 'top_p', 'max_tokens', 'template', 'simhash', 'cot',
  'capability_s', 'prompt_chars', 'extra_json', 'import_id', 'line',
] as const;
const W = EX_COLS.length;
/** rows per multi-row INSERT: fewer calls into SQLite, still far below its parameter limit */
const MULTI = 32;
/** stored reject rows per import; past that they are counted, and one row says so */
export const MAX_STORED_REJECTS = 100_000;

const STRING_REF_ORDER = (['api_key', 'ip', 'ip_prefix', 'user_agent', 'ua_family', 'model', 'device', 'tls', 'asn', 'country', 'endpoint', 'status'] as const).map((c) => R[c]);

/** columns every INSERT names (NOT NULL ones), whatever a batch holds */
const REQUIRED = new Set(['ts', 'account', 'import_id', 'line']);

interface ColumnStatements {
  /** indexes into EX_COLS of the columns named, in order */
  cols: number[];
  one: Database.Statement;
  many: Database.Statement;
  params: unknown[];
}

export class CaseWriter {
  private one: Database.Statement;
  private insertString: Database.Statement;
  private findString: Database.Statement;
  private findAccount: Database.Statement;
  private insertAccount: Database.Statement;
  private insertSample: Database.Statement;
  private countSamples: Database.Statement;
  private insertReject: Database.Statement;
  private upsertAccount: Database.Statement;
  private existsAccount: Database.Statement;
  private localString: number[] = [];
  private localAccount: number[] = [];
  private dict: string[] = [];
  /** each parse worker's dictionary (ids are local to the worker that sent the batch) */
  private sources: Array<{ localString: number[]; localAccount: number[]; dict: string[] }> = [];
  private source = 0;
  private samples = new Map<number, number>();
  private fp = new PromptFingerprinter();
  private capabilities = new Map<string, number>();
  private capabilityId = 0;
  /** one batch's rows, W values each, before they are bound */
  private rows: unknown[] = [];
  private used = new Uint8Array(W);
  private single = new Uint8Array(0);
  private byColumns = new Map<string, ColumnStatements>();
  storedRejects = 0;
  rejected = 0;
  /** the first few rejects, for summaries */
  readonly firstRejects: RejectRow[] = [];

  /**
   * Ids are given explicitly in bulk mode (no duplicates can be skipped mid-batch there), so a
   * sampled row's prompt can reference its exchange while still going through the multi-row
   * INSERT. With OR IGNORE (request_ids already in the case) a skipped row would leave its sample
   * dangling, so sampled rows are inserted one by one there.
   */
  private nextId: number;

  constructor(
    private db: Db,
    private importId: number,
    private opts: { orIgnore: boolean; promptSamplesPerAccount: number; firstId: number; onRows?: ((rows: readonly unknown[], n: number, columns: readonly string[]) => void) | undefined },
  ) {
    this.nextId = opts.firstId;
    const verb = opts.orIgnore ? 'INSERT OR IGNORE' : 'INSERT';
    const ph = `(${EX_COLS.map(() => '?').join(',')})`;
    this.one = db.prepare(`${verb} INTO exchanges (${EX_COLS.join(',')}) VALUES ${ph}`);
    this.insertString = db.prepare('INSERT INTO strings (value) VALUES (?) ON CONFLICT (value) DO NOTHING');
    this.findString = db.prepare('SELECT id FROM strings WHERE value = ?').pluck();
    this.findAccount = db.prepare('SELECT id FROM accounts WHERE account_id = ?').pluck();
    this.insertAccount = db.prepare('INSERT INTO accounts (account_id) VALUES (?)');
    this.insertSample = db.prepare('INSERT INTO prompt_samples (exchange_id, account, prompt) VALUES (?, ?, ?)');
    this.countSamples = db.prepare('SELECT count(*) FROM prompt_samples WHERE account = ?').pluck();
    this.insertReject = db.prepare('INSERT INTO rejects (import_id, line, reason, excerpt) VALUES (?, ?, ?, ?)');
    this.existsAccount = db.prepare('SELECT import_id IS NOT NULL FROM accounts WHERE account_id = ?').pluck();
    const acols = ['created_at', 'email', 'email_norm', 'email_domain', 'payment_fingerprint', 'card_bin', 'card_country', 'billing_country', 'signup_ip', 'signup_ip_prefix', 'device_id', 'phone_hash', 'org_id', 'signup_channel', 'extra_json'];
    // a later accounts export fills in and overrides what is known; it never blanks a value
    this.upsertAccount = db.prepare(
      `INSERT INTO accounts (account_id, ${acols.join(', ')}, import_id, line) VALUES (@account_id, ${acols.map((c) => `@${c}`).join(', ')}, @import_id, @line)
       ON CONFLICT (account_id) DO UPDATE SET ${acols.map((c) => `${c} = coalesce(excluded.${c}, ${c})`).join(', ')}, import_id = excluded.import_id, line = excluded.line`,
    );
  }

  private intern(s: string): number {
    const r = this.insertString.run(s);
    if (r.changes > 0) return Number(r.lastInsertRowid);
    return this.findString.get(s) as number;
  }

  private account(local: number): number {
    let id = this.localAccount[local];
    if (id === undefined) {
      const name = this.dict[local] ?? '';
      const found = this.findAccount.get(name) as number | undefined;
      id = found ?? Number(this.insertAccount.run(name).lastInsertRowid);
      this.localAccount[local] = id;
      this.dict[local] = ''; // resolved for good: the text is not needed again
    }
    return id;
  }

  private sampleRoom(account: number): boolean {
    let n = this.samples.get(account);
    if (n === undefined) n = this.countSamples.get(account) as number;
    if (n >= this.opts.promptSamplesPerAccount) {
      this.samples.set(account, n);
      return false;
    }
    this.samples.set(account, n + 1);
    return true;
  }

  /** Writes one batch; returns rows written and duplicates skipped. Call inside a transaction. */
  writeExchanges(b: ExchangeBatch): { written: number; duplicates: number } {
    this.useSource(b.source ?? 0);
    if (b.dictReset) {
      this.localString = [];
      this.localAccount = [];
      this.dict = [];
      this.sources[this.source] = { localString: this.localString, localAccount: this.localAccount, dict: this.dict };
    }
    const base = this.dict.length;
    for (let k = 0; k < b.newStrings.length; k++) {
      const s = b.newStrings[k] as string;
      this.dict.push(s);
      this.localString[base + k] = -1; // interned on first use (account ids never become strings)
    }
    const RW = REF_COLS.length;
    const NW = NUM_COLS.length;
    const str = (local: number): number | null => {
      if (local < 0) return null;
      let id = this.localString[local] ?? -1;
      if (id < 0) {
        id = this.intern(this.dict[local] ?? '');
        this.localString[local] = id;
        // a worker's dictionary grows to a million strings before it resets: their text is not
        // needed once interned
        this.dict[local] = '';
      }
      return id;
    };
    const num = (v: number): number | null => (Number.isNaN(v) ? null : v);
    const int = (v: number): number | null => (Number.isNaN(v) ? null : Math.round(v));
    // pass 1: every row's values into `rows` (W per row), noting which columns hold any value
    const n = b.n;
    if (this.rows.length < n * W) this.rows = new Array<unknown>(n * W).fill(null);
    const rows = this.rows;
    const used = this.used.fill(0);
    if (this.single.length < n) this.single = new Uint8Array(n);
    const single = this.single;
    single.fill(0);
    for (let i = 0; i < n; i++) {
      const ro = i * RW;
      const no = i * NW;
      const account = this.account(b.refs[ro + R.account] ?? -1);
      const prompt = b.prompt[i];
      if (b.deferred[i]) this.fingerprint(b, i, prompt ?? '', ro, no);
      const sampled = b.sampled[i] === 1 && prompt != null && this.sampleRoom(account);
      let o = i * W;
      const id = this.opts.orIgnore ? null : this.nextId++;
      rows[o++] = id;
      rows[o++] = b.requestId[i];
      rows[o++] = b.ts[i];
      rows[o++] = account;
      for (const c of STRING_REF_ORDER) rows[o++] = str(b.refs[ro + c] ?? -1);
      rows[o++] = int(b.nums[no + N.input_tokens] ?? NaN);
      rows[o++] = int(b.nums[no + N.output_tokens] ?? NaN);
      rows[o++] = num(b.nums[no + N.temperature] ?? NaN);
      rows[o++] = num(b.nums[no + N.top_p] ?? NaN);
      rows[o++] = int(b.nums[no + N.max_tokens] ?? NaN);
      rows[o++] = b.hasTemplate[i] ? b.template[i] : null;
      rows[o++] = b.hasSimhash[i] ? b.simhash[i] : null;
      rows[o++] = int(b.nums[no + N.cot] ?? NaN);
      const capRef = b.refs[ro + R.capability] ?? -1;
      rows[o++] = capRef === -2 ? this.capabilityId : str(capRef);
      rows[o++] = int(b.nums[no + N.prompt_chars] ?? NaN);
      rows[o++] = b.extra[i];
      rows[o++] = this.importId;
      rows[o] = b.line[i];
      for (let c = 0, r = i * W; c < W; c++) if (rows[r + c] !== null) used[c] = 1;
      if (sampled) {
        if (this.opts.orIgnore) single[i] = 1; // inserted on its own below, in order
        else this.insertSample.run(id, account, prompt);
      }
    }
    // linkage aggregates see every row of the batch (bulk loads: ids are set)
    this.opts.onRows?.(rows, n, EX_COLS);
    // pass 2: multi-row INSERTs naming only the columns this batch uses (most logs fill half of
    // them; every bound NULL costs as much as a value)
    const st = this.statementsFor(used);
    const cols = st.cols;
    const CW = cols.length;
    const p = st.params;
    let written = 0;
    let inMulti = 0;
    for (let i = 0; i < n; i++) {
      const r = i * W;
      if (single[i]) {
        const res = this.one.run(rows.slice(r, r + W));
        const account = rows[r + 3] as number;
        if (res.changes > 0) {
          written++;
          this.insertSample.run(res.lastInsertRowid, account, b.prompt[i]);
        } else this.samples.set(account, (this.samples.get(account) ?? 1) - 1);
        continue;
      }
      let o = inMulti * CW;
      for (let k = 0; k < CW; k++) p[o++] = rows[r + (cols[k] as number)];
      if (++inMulti === MULTI) {
        written += st.many.run(p).changes;
        inMulti = 0;
      }
    }
    for (let k = 0; k < inMulti; k++) written += st.one.run(p.slice(k * CW, (k + 1) * CW)).changes;
    return { written, duplicates: b.n - written };
  }

  /** Switches to the dictionary of the worker that built the next batch. */
  private useSource(source: number): void {
    if (this.sources.length === 0) this.sources[0] = { localString: this.localString, localAccount: this.localAccount, dict: this.dict };
    if (source === this.source) return;
    const st = (this.sources[source] ??= { localString: [], localAccount: [], dict: [] });
    this.localString = st.localString;
    this.localAccount = st.localAccount;
    this.dict = st.dict;
    this.source = source;
  }

  /** The INSERTs (one row, MULTI rows) naming the columns flagged in `used`; prepared once per set. */
  private statementsFor(used: Uint8Array): ColumnStatements {
    const key = used.join('');
    let st = this.byColumns.get(key);
    if (!st) {
      const cols: number[] = [];
      for (let c = 0; c < W; c++) if (used[c] || REQUIRED.has(EX_COLS[c] as string)) cols.push(c);
      const names = cols.map((c) => EX_COLS[c]).join(',');
      const ph = `(${cols.map(() => '?').join(',')})`;
      const verb = this.opts.orIgnore ? 'INSERT OR IGNORE' : 'INSERT';
      st = {
        cols,
        one: this.db.prepare(`${verb} INTO exchanges (${names}) VALUES ${ph}`),
        many: this.db.prepare(`${verb} INTO exchanges (${names}) VALUES ${Array.from({ length: MULTI }, () => ph).join(',')}`),
        params: new Array<unknown>(cols.length * MULTI),
      };
      this.byColumns.set(key, st);
    }
    return st;
  }

  /** Fingerprints a prompt the worker left to this thread, filling the batch's columns. */
  private fingerprint(b: ExchangeBatch, i: number, text: string, ro: number, no: number): void {
    const f = this.fp.fingerprint(text);
    b.template[i] = toSigned64(f.template);
    b.simhash[i] = toSigned64(f.simhash);
    b.hasTemplate[i] = 1;
    b.hasSimhash[i] = 1;
    b.nums[no + N.cot] = f.cot ? 1 : 0;
    let cap = this.capabilities.get(f.capability);
    if (cap === undefined) {
      cap = this.intern(f.capability);
      this.capabilities.set(f.capability, cap);
    }
    this.capabilityId = cap;
    b.refs[ro + R.capability] = -2; // resolved below through capabilityId
  }

  /** Upserts accounts; `duplicates` = rows for accounts an earlier accounts export already described. */
  writeAccounts(b: AccountBatch): { written: number; duplicates: number } {
    let duplicates = 0;
    for (const r of b.rows) {
      if (this.existsAccount.get(r.account_id) === 1) duplicates++;
      this.upsertAccount.run({ ...r, import_id: this.importId });
    }
    return { written: b.n - duplicates, duplicates };
  }

  writeRejects(rejects: readonly RejectRow[]): void {
    for (const r of rejects) {
      this.rejected++;
      if (this.firstRejects.length < 5) this.firstRejects.push({ line: r.line, reason: r.reason.slice(0, 200), excerpt: r.excerpt.slice(0, 120) });
      if (this.storedRejects < MAX_STORED_REJECTS) {
        this.storedRejects++;
        this.insertReject.run(this.importId, r.line, r.reason.slice(0, 1000), r.excerpt.slice(0, LIMITS.rejectExcerptBytes + 1));
      }
    }
  }

  /** One closing row when rejects were counted but not all stored. */
  finishRejects(): void {
    if (this.rejected > this.storedRejects) {
      this.insertReject.run(this.importId, 0, `${this.rejected - this.storedRejects} more rejected rows were counted but not stored one by one`, '');
    }
  }
}
