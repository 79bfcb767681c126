// Engine, simulator (any thread). Rows to text: JSON Lines or RFC 4180 CSV, with the canonical
// column names of the importer. Strings are written verbatim (hostile ones included): JSON escaping
// as JSON.stringify does it (ByteSink.json), CSV quoting by csvField. Exchange rows go straight into a
// ByteSink; accounts (100k at most) are plain strings.
import type { ByteSink } from './bytes';
import type { Rng } from './prng';
import { byCreated } from './truth';
import type { Account, ExchangeRow, World } from './world';

// Column order groups the fields that are constant per account (one cached fragment per account).
export const EXCHANGE_COLUMNS = ['request_id', 'ts', 'account_id', 'api_key_id', 'user_agent', 'device_id', 'tls_ja4', 'endpoint', 'ip', 'asn', 'country', 'model', 'input_tokens', 'output_tokens', 'prompt', 'temperature', 'top_p', 'max_tokens', 'status'] as const;
export const ACCOUNT_COLUMNS = ['account_id', 'created_at', 'email', 'payment_fingerprint', 'card_bin', 'card_country', 'billing_country', 'signup_ip', 'device_id', 'phone_hash', 'org_id', 'signup_channel'] as const;

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field: quoted when it holds a comma, quote, line break or edge space; quotes doubled. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const P2: string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const P3: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY_PREFIX = new Map<number, string>();

/** ISO-8601 UTC with milliseconds, without a Date per row (28.8M rows). */
export function isoTs(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let prefix = DAY_PREFIX.get(day);
  if (!prefix) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    if (DAY_PREFIX.size > 4096) DAY_PREFIX.clear();
    DAY_PREFIX.set(day, prefix);
  }
  let r = ms - day * 86_400_000;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  return `${prefix}${P2[h]}:${P2[m]}:${P2[s]}.${P3[r - s * 1000]}Z`;
}

const q = (s: string): string => JSON.stringify(s);

// plain Uint8Array (not Buffer) for every pre-encoded piece, so ByteSink.bytes sees one shape
const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const DAY_BYTES = new Map<number, Uint8Array>();

/** isoTs(ms) written straight into the sink: the day prefix is cached, the time digits written */
// the constant stretches of a row, encoded once
const NULL = enc('null');
const J_OPEN = enc('{"request_id":"');
const J_TS = enc('","ts":"');
const J_ASN = enc('","asn":"');
const J_COUNTRY = enc('","country":"');
const J_MODEL = enc('","model":"');
const J_IN = enc('","input_tokens":');
const J_OUT = enc(',"output_tokens":');
const J_PROMPT = enc(',"prompt":');
const J_TEMP = enc(',"temperature":');
const J_TOPP = enc(',"top_p":');
const J_MAXTOK = enc(',"max_tokens":');
const J_STATUS = enc(',"status":');
const J_CLOSE = enc('}\n');
const COMMA = enc(',');
const NL = enc('\n');

export function writeIsoTs(out: ByteSink, ms: number): void {
  const day = Math.floor(ms / 86_400_000);
  let prefix = DAY_BYTES.get(day);
  if (!prefix) {
    prefix = enc(new Date(day * 86_400_000).toISOString().slice(0, 11));
    if (DAY_BYTES.size > 4096) DAY_BYTES.clear();
    DAY_BYTES.set(day, prefix);
  }
  out.bytes(prefix);
  out.timeOfDay(ms - day * 86_400_000);
}

// The per-account stretch of a row (account id, API key, user agent, device, TLS, endpoint:
// constant for an account and one of its few keys), encoded once per (account, key) and copied as
// one block into every row of that account.
function keyIndex(a: Account, key: string): number {
  return a.apiKeys.length === 1 && a.apiKeys[0] === key ? 0 : a.apiKeys.indexOf(key);
}
function jsonAccount(a: Account, key: string): Uint8Array {
  const k = keyIndex(a, key);
  const cache = a.frag.json ?? (a.frag.json = []);
  let f = k >= 0 ? cache[k] : undefined;
  if (f === undefined) {
    f = enc(`","account_id":${q(a.id)},"api_key_id":"${key}","user_agent":${q(a.userAgent)},"device_id":${a.deviceId === '' ? 'null' : q(a.deviceId)},"tls_ja4":"${a.client.ja4}","endpoint":"${a.client.endpoint}","ip":"`);
    if (k >= 0) cache[k] = f;
  }
  return f;
}
function csvAccount(a: Account, key: string): Uint8Array {
  const k = keyIndex(a, key);
  const cache = a.frag.csv ?? (a.frag.csv = []);
  let f = k >= 0 ? cache[k] : undefined;
  if (f === undefined) {
    f = enc(`,${csvField(a.id)},${key},${csvField(a.userAgent)},${csvField(a.deviceId)},${a.client.ja4},${a.client.endpoint},`);
    if (k >= 0) cache[k] = f;
  }
  return f;
}

function jsonNum(out: ByteSink, v: number | null): void {
  if (v === null) out.bytes(NULL);
  else out.num(v);
}

/** The row's request id: the hour's prefix, then two random u32 in base 36. */
function writeRequestId(out: ByteSink, idPrefix: Uint8Array, r: ExchangeRow): void {
  out.bytes(idPrefix);
  out.base36(r.idA);
  out.base36(r.idB);
}

/** One JSON line (fixed key order, strings escaped exactly as JSON.stringify does). */
export function writeExchangeJson(out: ByteSink, r: ExchangeRow, idPrefix: Uint8Array): void {
  out.bytes(J_OPEN);
  writeRequestId(out, idPrefix, r);
  out.bytes(J_TS);
  writeIsoTs(out, r.ts);
  out.bytes(jsonAccount(r.account, r.apiKey));
  // ip, asn, country, model and api keys are generated ASCII without quotes or backslashes
  out.raw(r.ip);
  out.bytes(J_ASN);
  out.raw(r.asn);
  out.bytes(J_COUNTRY);
  out.raw(r.country);
  out.bytes(J_MODEL);
  out.raw(r.model);
  out.bytes(J_IN);
  out.num(r.inputTokens);
  out.bytes(J_OUT);
  out.num(r.outputTokens);
  out.bytes(J_PROMPT);
  out.json(r.prompt);
  out.bytes(J_TEMP);
  jsonNum(out, r.temperature);
  out.bytes(J_TOPP);
  jsonNum(out, r.topP);
  out.bytes(J_MAXTOK);
  jsonNum(out, r.maxTokens);
  out.bytes(J_STATUS);
  out.num(r.status);
  out.bytes(J_CLOSE);
}

function csvStr(out: ByteSink, v: string): void {
  out.raw(csvField(v));
}
function csvNum(out: ByteSink, v: number | null): void {
  if (v !== null) out.num(v);
}

/** One CSV row in EXCHANGE_COLUMNS order. */
export function writeExchangeCsv(out: ByteSink, r: ExchangeRow, idPrefix: Uint8Array): void {
  writeRequestId(out, idPrefix, r);
  out.bytes(COMMA);
  writeIsoTs(out, r.ts);
  out.bytes(csvAccount(r.account, r.apiKey));
  out.raw(r.ip);
  out.bytes(COMMA);
  out.raw(r.asn);
  out.bytes(COMMA);
  out.raw(r.country);
  out.bytes(COMMA);
  out.raw(r.model);
  out.bytes(COMMA);
  out.num(r.inputTokens);
  out.bytes(COMMA);
  out.num(r.outputTokens);
  out.bytes(COMMA);
  csvStr(out, r.prompt);
  out.bytes(COMMA);
  csvNum(out, r.temperature);
  out.bytes(COMMA);
  csvNum(out, r.topP);
  out.bytes(COMMA);
  csvNum(out, r.maxTokens);
  out.bytes(COMMA);
  out.num(r.status);
  out.bytes(NL);
}

export function accountValues(a: Account): Array<string | null> {
  return [a.id, isoTs(a.createdMs), a.email, a.paymentFingerprint || null, a.cardBin || null, a.cardCountry || null, a.billingCountry, a.signupIp, a.deviceId || null, a.phoneHash || null, a.orgId, a.signupChannel];
}

export function accountJson(a: Account): string {
  const v = accountValues(a);
  let s = '{';
  ACCOUNT_COLUMNS.forEach((c, i) => {
    const x = v[i] ?? null;
    s += `${i ? ',' : ''}"${c}":${x === null ? 'null' : q(x)}`;
  });
  return s + '}\n';
}

export function accountCsv(a: Account): string {
  return accountValues(a).map(csvField).join(',') + '\n';
}

export const csvHeader = (cols: readonly string[]): string => cols.join(',') + '\n';

/** The accounts file as text chunks of 20k lines (one gzip member each when gzipped). */
export function* accountChunks(world: World): Generator<string> {
  const { params } = world;
  const line = params.format === 'csv' ? accountCsv : accountJson;
  const sorted = [...world.accounts].sort(byCreated);
  let text = params.format === 'csv' ? csvHeader(ACCOUNT_COLUMNS) : '';
  for (let i = 0; i < sorted.length; i++) {
    text += line(sorted[i]!);
    if ((i + 1) % 20_000 === 0) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

/**
 * A broken line standing in for a good one: truncated JSON, a stray non-JSON line, or a CSV row
 * with too few fields (never an open quote, which would swallow the following rows).
 */
export function malformedLine(good: string, format: 'jsonl' | 'csv', rng: Rng): string {
  if (format === 'csv') {
    const cut = good.indexOf(',', good.indexOf(',') + 1);
    return (cut > 0 ? good.slice(0, cut) : 'garbage') + '\n';
  }
  const r = rng.int(3);
  if (r === 0) return good.slice(0, Math.max(1, rng.int(good.length - 2))).replace(/\n/g, '') + '\n';
  if (r === 1) return '{"request_id": "broken", "ts": \n';
  return 'ERROR 502 upstream timed out while exporting row\n';
}
