// Engine, simulator (any thread). Rows to text: JSON Lines or RFC 4180 CSV, with the canonical
// column names of the importer. Strings are written verbatim (hostile ones included): JSON escaping
// by JSON.stringify, CSV quoting by csvField.
import type { Rng } from './prng';
import type { Account, ExchangeRow } from './world';

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
const jn = (v: number | null): string => (v === null ? 'null' : String(v));

// The per-account stretches of a row (id, user agent, device, TLS, endpoint: constant for an
// account), rendered once per account: rows are built from ~20 pieces instead of ~40.
function jsonHead(a: Account): string {
  return a.frag.jsonHead || (a.frag.jsonHead = `"account_id":${q(a.id)},"api_key_id":"`);
}
function jsonMid(a: Account): string {
  return a.frag.jsonMid || (a.frag.jsonMid = `","user_agent":${q(a.userAgent)},"device_id":${a.deviceId === '' ? 'null' : q(a.deviceId)},"tls_ja4":"${a.client.ja4}","endpoint":"${a.client.endpoint}","ip":"`);
}
function csvHead(a: Account): string {
  return a.frag.csvHead || (a.frag.csvHead = `,${csvField(a.id)},`);
}
function csvMid(a: Account): string {
  return a.frag.csvMid || (a.frag.csvMid = `,${csvField(a.userAgent)},${csvField(a.deviceId)},${a.client.ja4},${a.client.endpoint},`);
}

export function exchangeJson(r: ExchangeRow): string {
  return '{"request_id":"' + r.requestId + '","ts":"' + isoTs(r.ts) + '",' + jsonHead(r.account) + r.apiKey + jsonMid(r.account) + r.ip + '","asn":"' + r.asn + '","country":"' + r.country + '","model":"' + r.model + '","input_tokens":' + r.inputTokens + ',"output_tokens":' + r.outputTokens + ',"prompt":' + q(r.prompt) + ',"temperature":' + jn(r.temperature) + ',"top_p":' + jn(r.topP) + ',"max_tokens":' + jn(r.maxTokens) + ',"status":' + r.status + '}\n';
}

export function exchangeCsv(r: ExchangeRow): string {
  return r.requestId + ',' + isoTs(r.ts) + csvHead(r.account) + r.apiKey + csvMid(r.account) + r.ip + ',' + r.asn + ',' + r.country + ',' + r.model + ',' + r.inputTokens + ',' + r.outputTokens + ',' + csvField(r.prompt) + ',' + csvField(r.temperature) + ',' + csvField(r.topP) + ',' + csvField(r.maxTokens) + ',' + r.status + '\n';
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
