// Engine, job thread. The one writer of an import: turns the worker's columnar batches into rows
// with statements prepared once, many rows per INSERT, one transaction per batch (the caller's).
// Repeated strings are interned in `strings` once (case-strings.ts); the worker's dictionary ids
// map to string ids through an array, so the writer never hashes a string twice.
import type Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import { toSigned64 } from './normalise/hash64';
import { PromptFingerprinter } from './normalise/prompt-fingerprint';
import { CaseStrings } from './case-strings';
import { IP4_REF, N, NUM_COLS, R, REF_COLS, type AccountBatch, type ExchangeBatch } from './batch';
import { Ip4Ids } from './ip4-ids';
import { settingsKey, STRING_KINDS, templateKeyOfHalves } from '../linkage/aggregates/kinds';
import type { WriterRows } from '../linkage/aggregates/feed';

const EX_COLS = [
  'id', 'request_id', 'ts', 'account', 'api_key_s', 'ip_s', 'ip_prefix_s', 'user_agent_s', 'ua_family_s', 'model_s', 'device_s', 'tls_s', 'asn_s',
  'country_s', 'endpoint_s', 'status_s', 'input_tokens', 'output_tokens', 'temperature', 'top_p', 'max_tokens', 'template', 'simhash', 'cot',
  'capability_s', 'prompt_chars', 'extra_json', 'import_id', 'line',
] as const;
const W = EX_COLS.length;
/** rows per multi-row INSERT: fewer calls into SQLite, still far below its parameter limit */
const MULTI = 32;
/** prompt samples per multi-row INSERT */
const MULTI_SAMPLES = 16;
/** account names remembered by the writer, text -> accounts.id */
const ACCOUNTS_CAP = 500_000;

const col = (name: (typeof EX_COLS)[number]): number => EX_COLS.indexOf(name);
const C_ID = col('id');
const C_REQUEST = col('request_id');
const C_TS = col('ts');
const C_ACCOUNT = col('account');
const C_TEMPLATE = col('template');
const C_SIMHASH = col('simhash');
const C_EXTRA = col('extra_json');
const C_IMPORT = col('import_id');
const C_LINE = col('line');

/** string columns, as slots of a row's resolved string ids (`sid`) */
const SLOT_COLS = ['api_key_s', 'ip_s', 'ip_prefix_s', 'user_agent_s', 'ua_family_s', 'model_s', 'device_s', 'tls_s', 'asn_s', 'country_s', 'endpoint_s', 'status_s', 'capability_s'] as const;
const SR = SLOT_COLS.length;
const REF_OF_SLOT = Int32Array.from(SLOT_COLS, (c) => R[c.slice(0, -2) as keyof typeof R]);
const COL_OF_SLOT = Int32Array.from(SLOT_COLS, col);
const SLOT_OF_COL = new Int32Array(W).fill(-1);
COL_OF_SLOT.forEach((c, s) => (SLOT_OF_COL[c] = s));
const SLOT_IP = SLOT_COLS.indexOf('ip_s');
/** the aggregates' string kinds as slots */
const SLOT_OF_KIND = Int32Array.from(STRING_KINDS, ([, c]) => SLOT_COLS.indexOf(c as (typeof SLOT_COLS)[number]));
const RW = REF_COLS.length;
const NW = NUM_COLS.length;
const COL_OF_NUM = Int32Array.from(NUM_COLS, col);
const NUM_OF_COL = new Int32Array(W).fill(-1);
COL_OF_NUM.forEach((c, k) => (NUM_OF_COL[c] = k));
/** numeric columns stored as INTEGER (rounded) */
const ROUNDED = Uint8Array.from(NUM_COLS, (c) => (c === 'temperature' || c === 'top_p' ? 0 : 1));

/** columns every INSERT names (NOT NULL ones), whatever a batch holds; import_id is a literal */
const REQUIRED = new Set<number>([C_TS, C_ACCOUNT, C_LINE]);

interface ColumnStatements {
  /** indexes into EX_COLS of the columns named, in order */
  cols: number[];
  one: Database.Statement;
  many: Database.Statement;
  params: unknown[];
}

export class CaseWriter {
  private findAccount: Database.Statement;
  private insertAccount: Database.Statement;
  private insertSample: Database.Statement;
  private insertSamples: Database.Statement;
  /** a bulk load's samples waiting for a multi-row INSERT (id, account, prompt each) */
  private sampleRows: unknown[] = [];
  private countSamples: Database.Statement;
  private upsertAccount: Database.Statement;
  private existsAccount: Database.Statement;
  private localString: number[] = [];
  private localAccount: number[] = [];
  private dict: string[] = [];
  /** each parse worker's dictionary (ids are local to the worker that sent the batch) */
  private sources: Array<{ localString: number[]; localAccount: number[]; dict: string[] }> = [];
  private source = 0;
  /**
   * Prompt samples stored per account, by accounts.id (-1: not known yet). An array: nearly
   * every sampled row asks (a million at 3M rows of the reported scale), and a Map of 100,000
   * accounts missed the cache on each get and set.
   */
  private samples = new Int32Array(0);
  private strings: CaseStrings;
  /** string ids of the IPv4 addresses the workers send as numbers */
  private ip4: Ip4Ids;
  /**
   * Account names resolved, text -> accounts.id: each parse worker sends every account name it
   * sees (again after each reset of its dictionary), and each was looked up in the accounts index.
   */
  private accountIds = new Map<string, number>();
  /** made at the first deferred prompt (its caches are megabytes; most small files have none) */
  private fp: PromptFingerprinter | null = null;
  private capabilities = new Map<string, number>();
  private capabilityId = 0;
  /** per row of the batch: accounts.id, and the string ids of its SLOT_COLS (-1 = null) */
  private acct = new Float64Array(0);
  private sid = new Float64Array(0);
  /** rows inserted one by one (OR IGNORE imports: sampled rows) */
  private single = new Uint8Array(0);
  /** columns any row of the batch fills */
  private used = new Uint8Array(W);
  private agg: WriterRows = { n: 0, firstId: 0, account: new Float64Array(0), ts: new Float64Array(0), strings: new Float64Array(0), templateKey: new Float64Array(0), settingsKey: new Float64Array(0), cot: new Float64Array(0), inTokens: new Float64Array(0), outTokens: new Float64Array(0) };
  private byColumns = new Map<string, ColumnStatements>();

  /**
   * Ids are given explicitly in bulk mode (no duplicates can be skipped mid-batch there), so a
   * sampled row's prompt can reference its exchange while still going through the multi-row
   * INSERT. With OR IGNORE (request_ids already in the case) a skipped row would leave its sample
   * dangling, so sampled rows are inserted one by one there.
   */
  private nextId: number;
  /**
   * The case had no prompt samples when this writer began: an account not yet in `samples` has none
   * (a bulk load drops the samples' account index, so the count would read the whole table).
   */
  private samplesKnown: boolean;

  constructor(
    private db: Db,
    private importId: number,
    private opts: { orIgnore: boolean; promptSamplesPerAccount: number; firstId: number; onRows?: ((rows: WriterRows) => void) | undefined },
  ) {
    this.nextId = opts.firstId;
    this.strings = new CaseStrings(db);
    this.ip4 = new Ip4Ids((text) => this.strings.intern(text));
    this.findAccount = stmt(db, 'SELECT id FROM accounts WHERE account_id = ?').pluck();
    this.insertAccount = stmt(db, 'INSERT INTO accounts (account_id) VALUES (?)');
    this.insertSample = stmt(db, 'INSERT INTO prompt_samples (exchange_id, account, prompt) VALUES (?, ?, ?)');
    this.insertSamples = stmt(db, `INSERT INTO prompt_samples (exchange_id, account, prompt) VALUES ${Array.from({ length: MULTI_SAMPLES }, () => '(?, ?, ?)').join(',')}`);
    this.countSamples = stmt(db, 'SELECT count(*) FROM prompt_samples WHERE account = ?').pluck();
    this.samplesKnown = stmt(db, 'SELECT NOT EXISTS (SELECT 1 FROM prompt_samples)').pluck().get() === 1;
    this.existsAccount = stmt(db, 'SELECT import_id IS NOT NULL FROM accounts WHERE account_id = ?').pluck();
    const acols = ['created_at', 'email', 'email_norm', 'email_domain', 'payment_fingerprint', 'card_bin', 'card_country', 'billing_country', 'signup_ip', 'signup_ip_prefix', 'device_id', 'phone_hash', 'org_id', 'signup_channel', 'extra_json'];
    // a later accounts export fills in and overrides what is known; it never blanks a value
    this.upsertAccount = stmt(
      db,
      `INSERT INTO accounts (account_id, ${acols.join(', ')}, import_id, line) VALUES (@account_id, ${acols.map((c) => `@${c}`).join(', ')}, @import_id, @line)
       ON CONFLICT (account_id) DO UPDATE SET ${acols.map((c) => `${c} = coalesce(excluded.${c}, ${c})`).join(', ')}, import_id = excluded.import_id, line = excluded.line`,
    );
  }

  private account(local: number): number {
    let id = this.localAccount[local];
    if (id === undefined) {
      const name = this.dict[local] ?? '';
      id = this.accountIds.get(name);
      if (id === undefined) {
        const found = this.findAccount.get(name) as number | undefined;
        id = found ?? Number(this.insertAccount.run(name).lastInsertRowid);
        if (this.accountIds.size >= ACCOUNTS_CAP) this.accountIds.clear();
        this.accountIds.set(name, id);
      }
      this.localAccount[local] = id;
      this.dict[local] = ''; // resolved for good: the text is not needed again
    }
    return id;
  }

  private sampleRoom(account: number): boolean {
    if (account >= this.samples.length) {
      const grown = new Int32Array(Math.max(1024, 2 * this.samples.length, account + 1)).fill(-1);
      grown.set(this.samples);
      this.samples = grown;
    }
    let n = this.samples[account]!;
    if (n < 0) n = this.samplesKnown ? 0 : (this.countSamples.get(account) as number);
    if (n >= this.opts.promptSamplesPerAccount) {
      this.samples[account] = n;
      return false;
    }
    this.samples[account] = n + 1;
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
    const n = b.n;
    this.ensureRows(n);
    const { acct, sid, used, single } = this;
    const refs = b.refs;
    const nums = b.nums;
    const localString = this.localString;
    const dict = this.dict;
    const bulk = !this.opts.orIgnore;
    const firstId = this.nextId;
    if (bulk) this.nextId += n;
    used.fill(0);
    single.fill(0, 0, n);
    // pass 1: accounts and strings resolved to their ids (sid, SR per row, -1 = null), deferred
    // prompts fingerprinted, samples written, and which columns any row fills
    let strUsed = 0;
    for (let i = 0; i < n; i++) {
      const ro = i * RW;
      const account = this.account(refs[ro + R.account]!);
      acct[i] = account;
      const prompt = b.prompt[i];
      if (b.deferred[i]) this.fingerprint(b, i, prompt ?? '', ro, nums, i * NW);
      const so = i * SR;
      for (let c = 0; c < SR; c++) {
        const local = refs[ro + REF_OF_SLOT[c]!]!;
        let id = -1;
        if (local >= 0) {
          id = localString[local] ?? -1;
          if (id < 0) {
            id = this.strings.intern(dict[local] ?? '');
            localString[local] = id;
            // a worker's dictionary grows to 250,000 strings before it resets (string-memos.ts):
            // their text is not needed once interned
            dict[local] = '';
          }
          strUsed |= 1 << c;
        } else if (local === -2) {
          id = this.capabilityId; // this row's fingerprint, just resolved
          strUsed |= 1 << c;
        } else if (local === IP4_REF) {
          // ip comes before ip_prefix: one look-up gives both (interned in the order the worker's strings were)
          if (c === SLOT_IP) this.ip4.find(b.ip4[i]!);
          id = c === SLOT_IP ? this.ip4.ipId : this.ip4.prefixId;
          strUsed |= 1 << c;
        }
        sid[so + c] = id;
      }
      if (b.sampled[i] === 1 && prompt != null && this.sampleRoom(account)) {
        if (bulk) {
          const q = this.sampleRows;
          q.push(firstId + i, account, prompt);
          if (q.length === 3 * MULTI_SAMPLES) {
            this.insertSamples.run(...q);
            q.length = 0;
          }
        }
        else single[i] = 1; // inserted on its own below, in order
      }
    }
    for (let c = 0; c < SR; c++) if (strUsed & (1 << c)) used[COL_OF_SLOT[c]!] = 1;
    if (bulk) used[C_ID] = 1;
    for (let i = 0; i < n; i++) {
      if (b.requestId[i] != null) used[C_REQUEST] = 1;
      if (b.extra[i] != null) used[C_EXTRA] = 1;
      if (b.hasTemplate[i]) used[C_TEMPLATE] = 1;
      if (b.hasSimhash[i]) used[C_SIMHASH] = 1;
      const no = i * NW;
      for (let k = 0; k < NW; k++) if (nums[no + k] === nums[no + k]) used[COL_OF_NUM[k]!] = 1;
    }
    for (let k = 0; k < this.sampleRows.length; k += 3) this.insertSample.run(this.sampleRows[k], this.sampleRows[k + 1], this.sampleRows[k + 2]);
    this.sampleRows.length = 0;
    // linkage aggregates see every row of the batch (bulk loads: ids are set)
    if (this.opts.onRows) this.opts.onRows(this.aggregateRows(b, firstId));
    // pass 2: multi-row INSERTs naming only the columns this batch uses (most logs fill half of
    // them; every bound NULL costs as much as a value), bound as arguments (an array is read
    // element by element through the V8 API, a third of the binding's cost)
    const st = this.statementsFor(used);
    const cols = st.cols;
    const CW = cols.length;
    const p = st.params;
    let written = 0;
    let inMulti = 0;
    for (let i = 0; i < n; i++) {
      if (single[i]) {
        const all = this.allColumns();
        const res = all.one.run(...this.values(all.cols, b, i, firstId, new Array<unknown>(all.cols.length), 0));
        const account = acct[i]!;
        if (res.changes > 0) {
          written++;
          this.insertSample.run(res.lastInsertRowid, account, b.prompt[i]);
        } else this.samples[account] = this.samples[account]! - 1; // sampleRoom counted it: the row was a duplicate
        continue;
      }
      this.values(cols, b, i, firstId, p, inMulti * CW);
      if (++inMulti === MULTI) {
        written += st.many.run(...p).changes;
        inMulti = 0;
      }
    }
    for (let k = 0; k < inMulti; k++) written += st.one.run(...p.slice(k * CW, (k + 1) * CW)).changes;
    this.strings.flush();
    return { written, duplicates: b.n - written };
  }

  /** Row i's values of columns `cols` into `out` from `o` on (as stored: integers rounded, NaN as NULL). */
  private values(cols: readonly number[], b: ExchangeBatch, i: number, firstId: number, out: unknown[], o: number): unknown[] {
    const no = i * NW;
    const so = i * SR;
    for (let k = 0; k < cols.length; k++) {
      const c = cols[k]!;
      let v: unknown;
      const slot = SLOT_OF_COL[c]!;
      if (slot >= 0) {
        const id = this.sid[so + slot]!;
        v = id < 0 ? null : id;
      } else {
        switch (c) {
          case C_ID:
            v = firstId + i;
            break;
          case C_REQUEST:
            v = b.requestId[i] ?? null;
            break;
          case C_TS:
            v = b.ts[i];
            break;
          case C_ACCOUNT:
            v = this.acct[i];
            break;
          case C_TEMPLATE:
            v = b.hasTemplate[i] ? b.template[i] : null;
            break;
          case C_SIMHASH:
            v = b.hasSimhash[i] ? b.simhash[i] : null;
            break;
          case C_EXTRA:
            v = b.extra[i] ?? null;
            break;
          case C_LINE:
            v = b.line[i];
            break;
          default: {
            const k2 = NUM_OF_COL[c]!;
            const x = b.nums[no + k2]!;
            v = x !== x ? null : ROUNDED[k2] ? Math.round(x) : x;
          }
        }
      }
      out[o++] = v;
    }
    return out;
  }

  /** The batch as the linkage aggregates read it (bulk loads only: ids from firstId). */
  private aggregateRows(b: ExchangeBatch, firstId: number): WriterRows {
    const n = b.n;
    const a = this.agg;
    if (a.account.length < n) {
      const f = (per: number) => new Float64Array(n * per);
      this.agg = { n, firstId, account: f(1), ts: f(1), strings: f(STRING_KINDS.length), templateKey: f(1), settingsKey: f(1), cot: f(1), inTokens: f(1), outTokens: f(1) };
    }
    const r = this.agg;
    r.n = n;
    r.firstId = firstId;
    r.account.set(this.acct.subarray(0, n));
    r.ts.set(b.ts.subarray(0, n));
    const S = STRING_KINDS.length;
    const simhash = new Int32Array(b.simhash.buffer, b.simhash.byteOffset, 2 * b.simhash.length);
    const template = new Int32Array(b.template.buffer, b.template.byteOffset, 2 * b.template.length);
    const nums = b.nums;
    const opt = (x: number) => (x !== x ? null : x);
    for (let i = 0; i < n; i++) {
      const so = i * SR;
      for (let k = 0; k < S; k++) r.strings[i * S + k] = this.sid[so + SLOT_OF_KIND[k]!]!;
      r.templateKey[i] = b.hasSimhash[i] ? templateKeyOfHalves(simhash[2 * i + 1]!, simhash[2 * i]!) : b.hasTemplate[i] ? templateKeyOfHalves(template[2 * i + 1]!, template[2 * i]!) : NaN;
      const no = i * NW;
      const maxTokens = nums[no + N.max_tokens]!;
      r.settingsKey[i] = settingsKey(opt(nums[no + N.temperature]!), opt(nums[no + N.top_p]!), maxTokens !== maxTokens ? null : Math.round(maxTokens));
      const cot = nums[no + N.cot]!;
      const inT = nums[no + N.input_tokens]!;
      const outT = nums[no + N.output_tokens]!;
      r.cot[i] = cot !== cot ? 0 : Math.round(cot);
      r.inTokens[i] = inT !== inT ? 0 : Math.round(inT);
      r.outTokens[i] = outT !== outT ? 0 : Math.round(outT);
    }
    return r;
  }

  private ensureRows(n: number): void {
    if (this.acct.length >= n) return;
    this.acct = new Float64Array(n);
    this.sid = new Float64Array(n * SR);
    this.single = new Uint8Array(n);
  }

  /**
   * Lets go of what only writing rows needs (the interned strings, account names, the workers'
   * dictionaries) once the last batch is written, before the index builds and the aggregates'
   * merge. At the reported scale the interned strings took this thread's heap from about 45 to
   * 185 MB between two of their clears. Rejects can still be finished; rows cannot be written
   * after this.
   */
  releaseRowState(): void {
    this.strings.release();
    this.ip4 = new Ip4Ids((text) => this.strings.intern(text));
    this.accountIds = new Map();
    this.sources = [];
    this.localString = [];
    this.localAccount = [];
    this.dict = [];
    this.acct = new Float64Array(0);
    this.sid = new Float64Array(0);
    this.single = new Uint8Array(0);
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

  /** The INSERTs naming every column but the id (OR IGNORE imports: rows inserted one by one, ids assigned by SQLite). */
  private allColumns(): ColumnStatements {
    const all = new Uint8Array(W).fill(1);
    all[C_ID] = 0;
    return this.statementsFor(all);
  }

  /** The INSERTs (one row, MULTI rows) naming the columns flagged in `used`; prepared once per set. */
  private statementsFor(used: Uint8Array): ColumnStatements {
    const key = used.join('');
    let st = this.byColumns.get(key);
    if (!st) {
      const cols: number[] = [];
      for (let c = 0; c < W; c++) if ((used[c] || REQUIRED.has(c)) && c !== C_IMPORT) cols.push(c);
      // import_id is the same for every row: a literal, not a bound value
      const names = `${cols.map((c) => EX_COLS[c]).join(',')},import_id`;
      const ph = `(${cols.map(() => '?').join(',')},${this.importId})`;
      const verb = this.opts.orIgnore ? 'INSERT OR IGNORE' : 'INSERT';
      st = {
        cols,
        one: this.db.prepare(`${verb} INTO exchanges (${names}) VALUES ${ph}`),
        many: this.db.prepare(`${verb} INTO exchanges (${names}) VALUES ${Array.from({ length: MULTI }, () => ph).join(',')}`),
        params: new Array<unknown>(cols.length * MULTI).fill(null),
      };
      this.byColumns.set(key, st);
    }
    return st;
  }

  /** Fingerprints a prompt the worker left to this thread, filling the batch's columns. */
  private fingerprint(b: ExchangeBatch, i: number, text: string, ro: number, nums: Float64Array, no: number): void {
    const f = (this.fp ??= new PromptFingerprinter()).fingerprint(text);
    b.template[i] = toSigned64(f.template);
    b.simhash[i] = toSigned64(f.simhash);
    b.hasTemplate[i] = 1;
    b.hasSimhash[i] = 1;
    nums[no + N.cot] = f.cot ? 1 : 0;
    let cap = this.capabilities.get(f.capability);
    if (cap === undefined) {
      cap = this.strings.intern(f.capability);
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
}
