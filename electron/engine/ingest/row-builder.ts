// Engine, ingest worker. Parsed records -> normalised rows, appended to columnar batches. Each
// field is read through the confirmed mapping (with vendor fall-backs when the mapped cell is
// empty), normalised (timestamps, IPs, emails, user agents, prompt fingerprints), and what no
// field took goes to extra_json. A record missing a required field becomes a reject with a reason.
import { canonicalIp, canonicalV4Key } from './normalise/ip';
import { normaliseEmail } from './normalise/email';
import { uaFamily } from './normalise/user-agent';
import { parseTimestamp } from './normalise/timestamp';
import { MAX_CHARS, PromptFingerprinter } from './normalise/prompt-fingerprint';
import { hexTo64, toSigned64 } from './normalise/hash64';
import { asNumber, asText, extraJson, flatten, getColumn, promptText } from './record-access';
import { columnKey, FIELDS, type ImportKind } from './fields';
import { fallbacksFor } from './vendor';
import type { Mapping } from './mapping';
import type { RawRecord } from './readers/raw-record';
import { excerpt } from './readers/raw-record';
import { Dictionary, PairMemo, type PairEntry } from './string-memos';
import { IP4_REF, N, NUM_COLS, R, REF_COLS, type AccountBatch, type AccountRow, type BatchBuffers, type ExchangeBatch, type RejectRow } from './batch';

type Getter = (rec: RawRecord) => unknown;

/** Compiles the mapping into one getter per field plus the extra-columns collector. */
export class Accessor {
  readonly get: Record<string, Getter> = {};
  private mappedCols: Set<string>;

  /** `format`: the file's (a vendor's name, or a container), whose fall-back columns are tried when
   * a field's mapped one is empty (vendor.ts fallbacksFor) */
  constructor(
    mapping: Mapping,
    kind: ImportKind,
    private header: readonly string[] | null,
    columns: readonly string[] = header ?? [],
    format: string | null = null,
  ) {
    const fallbacks = fallbacksFor(format);
    this.mappedCols = new Set(Object.values(mapping));
    for (const field of FIELDS[kind]) {
      const col = mapping[field];
      // the same column spelled differently in some records (eventTime / eventtime) still counts
      const variants = col ? columns.filter((c) => c !== col && columnKey(c) === columnKey(col)) : [];
      for (const v of variants) this.mappedCols.add(v);
      // fall-backs too, as the sampled columns spell them (lower-cased by a data lake: useridentity.arn)
      const spelt = (fallbacks[field] ?? []).flatMap((f) => [f, ...columns.filter((c) => c !== f && columnKey(c) === columnKey(f))]);
      const cols = [...new Set([...(col ? [col, ...variants] : []), ...spelt.filter((c) => c !== col && (!header || header.includes(c)))])];
      if (cols.length === 0) continue;
      const one = cols.map((c) => this.single(c));
      this.get[field] =
        one.length === 1
          ? (one[0] as Getter)
          : (rec) => {
              for (const g of one) {
                const v = g(rec);
                if (v !== undefined && v !== null && v !== '') return v;
              }
              return undefined;
            };
    }
  }

  private single(col: string): Getter {
    if (this.header) {
      const idx = this.header.indexOf(col);
      return idx < 0 ? () => undefined : (rec) => (rec.kind === 'row' ? rec.values[idx] : undefined);
    }
    const path = col.includes('.') ? col.split('.') : null;
    return (rec) => (rec.kind === 'object' ? getColumn(rec.value, col, path) : undefined);
  }

  /** Unmapped columns, plus `unreadable` mapped values kept raw (an IP that is not an IP ...). */
  extra(rec: RawRecord, unreadable?: Array<[string, unknown]>): string | null {
    if (rec.kind === 'row') {
      const h = this.header ?? [];
      const entries: Array<[string, unknown]> = unreadable ? [...unreadable] : [];
      for (let i = 0; i < rec.values.length; i++) {
        const c = h[i] ?? `column_${i + 1}`;
        if (!this.mappedCols.has(c)) entries.push([c, rec.values[i]]);
      }
      return entries.length ? extraJson(entries) : null;
    }
    if (rec.kind !== 'object') return null;
    // one pass over a flat record (the usual case); a nested one is flattened first
    const v = rec.value;
    let entries: Array<[string, unknown]> | null = unreadable ? [...unreadable] : null;
    for (const k in v) {
      const x = v[k];
      if (typeof x === 'object' && x !== null && !Array.isArray(x)) return this.extraNested(v, unreadable);
      if (!this.mappedCols.has(k)) (entries ??= []).push([k, x]);
    }
    return entries?.length ? extraJson(entries) : null;
  }

  private extraNested(value: Record<string, unknown>, unreadable: Array<[string, unknown]> | undefined): string | null {
    const src = flatten(value);
    const entries: Array<[string, unknown]> = unreadable ? [...unreadable] : [];
    for (const k in src) if (!this.mappedCols.has(k)) entries.push([k, src[k]]);
    return entries.length ? extraJson(entries) : null;
  }
}

const REF_W = REF_COLS.length;
const NUM_W = NUM_COLS.length;

export interface BuilderOptions {
  batchSize: number;
  /** full prompt text is kept for at most this many exchanges per account (per import) */
  promptSamplesPerAccount: number;
  /** leave prompt fingerprinting to the writer's thread (when parsing runs in its own worker) */
  deferFingerprints?: boolean | undefined;
  /** strings the worker's dictionary holds before it starts over (tests make it small) */
  dictionaryCap?: number | undefined;
  /** batch buffers the writer gave back, reused for new batches (the ingest worker's) */
  buffers?: BatchBuffers | undefined;
}

const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigitCode = (c: number) => c >= 48 && c <= 57;

function normCountry(v: unknown): string | null {
  const s = asText(v, 64);
  // already canonical (nearly always): the text itself, which JSON.parse gave as an interned
  // string (cheap dictionary look-ups), not a copy
  if (s && s.length === 2 && isUpper(s.charCodeAt(0)) && isUpper(s.charCodeAt(1))) return s;
  return s && /^[a-z]{2}$/i.test(s) ? s.toUpperCase() : s;
}

function normAsn(v: unknown): string | null {
  const s = asText(v, 64);
  if (!s) return null;
  // already canonical ("AS" and 1-10 digits): the text itself, as for countries
  if (s.length >= 3 && s.length <= 12 && s.charCodeAt(0) === 65 && s.charCodeAt(1) === 83) {
    let i = 2;
    while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
    if (i === s.length) return s;
  }
  const m = /^(?:AS)?\s*(\d{1,10})$/i.exec(s);
  return m ? `AS${m[1]}` : s;
}

export class ExchangeBuilder {
  private n = 0;
  private b!: ExchangeBatch;
  /** made at the first prompt fingerprinted here (its caches are megabytes; many logs have no prompt) */
  private fp: PromptFingerprinter | null = null;
  /** the batch's template and simhash columns as 32-bit words (fingerprintInto writes them) */
  private template32: Int32Array = new Int32Array(0);
  private simhash32: Int32Array = new Int32Array(0);
  /**
   * Prompts kept so far per account, by the account's dictionary id (an array read instead of a
   * Map lookup per prompt); an entry counts only in the generation it was set in. At a dictionary
   * reset the ids lapse: the counts move to `carried` by account text and are taken up again when
   * the account is next seen.
   */
  private kept = new Int32Array(4096);
  private keptGen = new Int32Array(4096).fill(-1);
  private carried = new Map<string, number>();
  readonly dict: Dictionary;
  private bad: RejectRow[] = [];
  private ips = new PairMemo((s) => {
    const ip = canonicalIp(s);
    return ip ? [ip.ip, ip.prefix] : null;
  }, R.ip, R.ip_prefix);
  private uas = new PairMemo((s) => [s, uaFamily(s)], R.user_agent, R.ua_family);

  constructor(
    private acc: Accessor,
    private opts: BuilderOptions,
  ) {
    this.dict = new Dictionary(opts.dictionaryCap);
    this.fresh();
  }

  private fresh(): void {
    const size = this.opts.batchSize;
    if (this.dict.full) {
      const gen = this.dict.gen;
      for (const [s, id] of this.dict.column(R.account)) if (this.keptGen[id] === gen) this.carried.set(s, this.kept[id] ?? 0);
    }
    this.dict.maybeReset();
    // a set the writer gave back holds an earlier batch: cleared to what new arrays hold
    const u = this.opts.buffers?.take(size);
    const b: ExchangeBatch = {
      kind: 'exchanges',
      n: 0,
      dictReset: this.dict.resetPending,
      newStrings: [],
      line: u ? new Float64Array(u[0] as ArrayBuffer).fill(0) : new Float64Array(size),
      ts: u ? new Float64Array(u[1] as ArrayBuffer).fill(0) : new Float64Array(size),
      refs: (u ? new Int32Array(u[2] as ArrayBuffer) : new Int32Array(size * REF_W)).fill(-1),
      nums: (u ? new Float64Array(u[3] as ArrayBuffer) : new Float64Array(size * NUM_W)).fill(NaN),
      template: u ? new BigInt64Array(u[4] as ArrayBuffer).fill(0n) : new BigInt64Array(size),
      simhash: u ? new BigInt64Array(u[5] as ArrayBuffer).fill(0n) : new BigInt64Array(size),
      hasTemplate: u ? new Uint8Array(u[6] as ArrayBuffer).fill(0) : new Uint8Array(size),
      hasSimhash: u ? new Uint8Array(u[7] as ArrayBuffer).fill(0) : new Uint8Array(size),
      requestId: new Array<string | null>(size).fill(null),
      extra: new Array<string | null>(size).fill(null),
      prompt: new Array<string | null>(size).fill(null),
      sampled: u ? new Uint8Array(u[8] as ArrayBuffer).fill(0) : new Uint8Array(size),
      deferred: u ? new Uint8Array(u[9] as ArrayBuffer).fill(0) : new Uint8Array(size),
      ip4: u ? new Int32Array(u[10] as ArrayBuffer).fill(0) : new Int32Array(size),
    };
    this.b = b;
    this.template32 = new Int32Array(b.template.buffer, b.template.byteOffset, 2 * b.template.length);
    this.simhash32 = new Int32Array(b.simhash.buffer, b.simhash.byteOffset, 2 * b.simhash.length);
    this.dict.resetPending = false;
    this.n = 0;
  }

  get full(): boolean {
    return this.n >= this.opts.batchSize;
  }

  get count(): number {
    return this.n;
  }

  reject(r: RejectRow): void {
    this.bad.push(r);
  }

  /** Adds one record; returns false when it was rejected. */
  add(rec: RawRecord): boolean {
    if (rec.kind === 'reject') {
      this.bad.push({ line: rec.line, reason: rec.reason, excerpt: rec.excerpt });
      return false;
    }
    const g = this.acc.get;
    const rawTs = g.ts?.(rec);
    const ts = parseTimestamp(rawTs);
    if (ts === null) return this.fail(rec, rawTs === undefined || rawTs === null || rawTs === '' ? 'no timestamp' : `unreadable timestamp: ${String(asText(rawTs, 80))}`);
    const account = asText(g.account_id?.(rec), 512);
    if (account === null) return this.fail(rec, 'no account id');

    const i = this.n;
    const b = this.b;
    const d = this.dict;
    const ro = i * REF_W;
    const no = i * NUM_W;
    b.line[i] = rec.line;
    b.ts[i] = ts;
    const accountId = d.id(account, R.account);
    b.refs[ro + R.account] = accountId;
    b.refs[ro + R.api_key] = d.idOf(asText(g.api_key_id?.(rec), 512), R.api_key, accountId);
    const ipRaw = g.ip?.(rec);
    let unreadable: Array<[string, unknown]> | undefined;
    if (ipRaw !== undefined && ipRaw !== null && ipRaw !== '') {
      const ipText = typeof ipRaw === 'string' ? ipRaw : String(ipRaw);
      const v4 = canonicalV4Key(ipText);
      const ip = v4 >= 0 ? null : this.ips.get(ipText, d);
      if (v4 >= 0) {
        b.ip4[i] = v4 | 0;
        b.refs[ro + R.ip] = IP4_REF;
        b.refs[ro + R.ip_prefix] = IP4_REF;
      } else if (ip) {
        b.refs[ro + R.ip] = ip.aId;
        b.refs[ro + R.ip_prefix] = ip.bId;
      } else unreadable = [['unreadable_ip', ipRaw]]; // kept raw, not lost
    }
    const ua = asText(g.user_agent?.(rec), 2048);
    if (ua !== null) {
      const e = this.uas.get(ua, d) as PairEntry;
      b.refs[ro + R.user_agent] = e.aId;
      b.refs[ro + R.ua_family] = e.bId;
    }
    b.refs[ro + R.model] = d.id(asText(g.model?.(rec), 256), R.model);
    b.refs[ro + R.device] = d.idOf(asText(g.device_id?.(rec), 512), R.device, accountId);
    b.refs[ro + R.tls] = d.idOf(asText(g.tls_ja4?.(rec), 256), R.tls, accountId);
    b.refs[ro + R.asn] = d.id(normAsn(g.asn?.(rec)), R.asn);
    b.refs[ro + R.country] = d.id(normCountry(g.country?.(rec)), R.country);
    b.refs[ro + R.endpoint] = d.id(asText(g.endpoint?.(rec), 512), R.endpoint);
    b.refs[ro + R.status] = d.id(asText(g.status?.(rec), 64), R.status);
    const num = (v: unknown) => asNumber(v) ?? NaN;
    b.nums[no + N.input_tokens] = num(g.input_tokens?.(rec));
    b.nums[no + N.output_tokens] = num(g.output_tokens?.(rec));
    b.nums[no + N.temperature] = num(g.temperature?.(rec));
    b.nums[no + N.top_p] = num(g.top_p?.(rec));
    b.nums[no + N.max_tokens] = num(g.max_tokens?.(rec));
    b.requestId[i] = asText(g.request_id?.(rec), 256);

    const prompt = g.prompt ? promptText(g.prompt(rec)) : null;
    if (prompt !== null && prompt.length > 0) {
      const seen = this.keptOf(account, accountId);
      const sample = seen < this.opts.promptSamplesPerAccount;
      if (sample) {
        this.kept[accountId] = seen + 1;
        b.sampled[i] = 1;
      }
      b.nums[no + N.prompt_chars] = prompt.length;
      if (this.opts.deferFingerprints) {
        b.deferred[i] = 1;
        b.prompt[i] = sample || prompt.length <= MAX_CHARS ? prompt : prompt.slice(0, MAX_CHARS);
        b.extra[i] = this.acc.extra(rec, unreadable);
        this.n++;
        return true;
      }
      if (sample) b.prompt[i] = prompt;
      // the hashes go straight into the batch's 64-bit columns (as 32-bit halves: no BigInt)
      const flags = (this.fp ??= new PromptFingerprinter()).fingerprintInto(prompt, this.template32, this.simhash32, i);
      b.hasTemplate[i] = 1;
      b.hasSimhash[i] = 1;
      b.nums[no + N.cot] = flags & 1;
      b.refs[ro + R.capability] = d.id(PromptFingerprinter.capability(flags), R.capability);
    } else {
      const sha = asText(g.prompt_sha256?.(rec), 128);
      const h = sha ? hexTo64(sha) : null;
      if (h) {
        // only the digest is known: identical prompts still share a template, similarity is unknown
        b.template[i] = toSigned64(h);
        b.hasTemplate[i] = 1;
      }
    }
    b.extra[i] = this.acc.extra(rec, unreadable);
    this.n++;
    return true;
  }

  /** Prompts kept so far for `account` (whose id in this dictionary generation is `id`). */
  private keptOf(account: string, id: number): number {
    if (id >= this.kept.length) {
      const size = Math.max(id + 1, this.kept.length * 2);
      const kept = new Int32Array(size);
      kept.set(this.kept);
      const gen = new Int32Array(size).fill(-1);
      gen.set(this.keptGen);
      this.kept = kept;
      this.keptGen = gen;
    }
    const gen = this.dict.gen;
    if (this.keptGen[id] !== gen) {
      this.keptGen[id] = gen;
      this.kept[id] = this.carried.get(account) ?? 0;
    }
    return this.kept[id] ?? 0;
  }

  private fail(rec: RawRecord, reason: string): false {
    const text = rec.kind === 'object' ? rec.text : rec.kind === 'row' ? rec.values.join(',') : '';
    this.bad.push({ line: rec.line, reason, excerpt: excerpt(text) });
    return false;
  }

  /** The batch so far (with its dictionary additions and rejects); starts a new one. */
  take(): { batch: ExchangeBatch; rejects: RejectRow[] } {
    const b = this.b;
    b.n = this.n;
    // a column of nulls crosses to the writer as an empty array: most logs have no extra columns
    // and keep no prompt for most batches, and the writer's thread rebuilds every element it is sent
    if (b.extra.every((x) => x === null)) b.extra = [];
    if (b.prompt.every((x) => x === null)) b.prompt = [];
    if (b.requestId.every((x) => x === null)) b.requestId = [];
    b.newStrings = this.dict.pending;
    this.dict.pending = [];
    const rejects = this.bad;
    this.bad = [];
    this.fresh();
    return { batch: b, rejects };
  }
}

export class AccountBuilder {
  private rows: AccountRow[] = [];
  private bad: RejectRow[] = [];

  constructor(
    private acc: Accessor,
    private opts: BuilderOptions,
  ) {}

  get full(): boolean {
    return this.rows.length >= this.opts.batchSize;
  }

  get count(): number {
    return this.rows.length;
  }

  reject(r: RejectRow): void {
    this.bad.push(r);
  }

  add(rec: RawRecord): boolean {
    if (rec.kind === 'reject') {
      this.bad.push({ line: rec.line, reason: rec.reason, excerpt: rec.excerpt });
      return false;
    }
    const g = this.acc.get;
    const account = asText(g.account_id?.(rec), 512);
    if (account === null) {
      const text = rec.kind === 'object' ? rec.text : rec.values.join(',');
      this.bad.push({ line: rec.line, reason: 'no account id', excerpt: excerpt(text) });
      return false;
    }
    const t = (f: string, max = 512) => asText(g[f]?.(rec), max);
    const email = t('email', 320);
    const en = normaliseEmail(email);
    const ipRaw = t('signup_ip', 200);
    const ip = canonicalIp(ipRaw);
    const createdRaw = g.created_at?.(rec);
    const created = parseTimestamp(createdRaw);
    const unreadable: Array<[string, unknown]> = [];
    if (ipRaw !== null && !ip) unreadable.push(['unreadable_signup_ip', ipRaw]);
    if (created === null && asText(createdRaw) !== null) unreadable.push(['unreadable_created_at', createdRaw]);
    this.rows.push({
      line: rec.line,
      account_id: account,
      created_at: created,
      email,
      email_norm: en?.email ?? null,
      email_domain: en?.domain ?? null,
      payment_fingerprint: t('payment_fingerprint'),
      card_bin: t('card_bin', 16),
      card_country: normCountry(g.card_country?.(rec)),
      billing_country: normCountry(g.billing_country?.(rec)),
      signup_ip: ip?.ip ?? null,
      signup_ip_prefix: ip?.prefix ?? null,
      device_id: t('device_id'),
      phone_hash: t('phone_hash'),
      org_id: t('org_id'),
      signup_channel: t('signup_channel', 128),
      extra_json: this.acc.extra(rec, unreadable.length ? unreadable : undefined),
    });
    return true;
  }

  take(): { batch: AccountBatch; rejects: RejectRow[] } {
    const rows = this.rows;
    this.rows = [];
    const rejects = this.bad;
    this.bad = [];
    return { batch: { kind: 'accounts', n: rows.length, rows }, rejects };
  }
}
