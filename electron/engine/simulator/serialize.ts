// Engine, simulator (any thread). Rows to text: JSON Lines or RFC 4180 CSV, with the canonical
// column names of the importer. Strings are written verbatim (hostile ones included): JSON escaping
// by JSON.stringify, CSV quoting by csvField.
import type { Rng } from './prng';
import type { Account, ExchangeRow } from './world';

export const EXCHANGE_COLUMNS = ['request_id', 'ts', 'account_id', 'api_key_id', 'ip', 'user_agent', 'model', 'input_tokens', 'output_tokens', 'prompt', 'temperature', 'top_p', 'max_tokens', 'device_id', 'tls_ja4', 'asn', 'country', 'status', 'endpoint'] as const;
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

// JSON-quoted strings that repeat on every row (ids, user agents), quoted once
const QUOTED = new Map<string, string>();
function qc(s: string): string {
  let v = QUOTED.get(s);
  if (v === undefined) {
    if (QUOTED.size > 500_000) QUOTED.clear();
    QUOTED.set(s, (v = q(s)));
  }
  return v;
}

export function exchangeJson(r: ExchangeRow): string {
  return `{"request_id":"${r.requestId}","ts":"${isoTs(r.ts)}","account_id":${qc(r.account.id)},"api_key_id":"${r.apiKey}","ip":"${r.ip}","user_agent":${qc(r.userAgent)},"model":"${r.model}","input_tokens":${r.inputTokens},"output_tokens":${r.outputTokens},"prompt":${q(r.prompt)},"temperature":${jn(r.temperature)},"top_p":${jn(r.topP)},"max_tokens":${jn(r.maxTokens)},"device_id":${r.deviceId === '' ? 'null' : `"${r.deviceId}"`},"tls_ja4":"${r.ja4}","asn":"${r.asn}","country":"${r.country}","status":${r.status},"endpoint":"${r.endpoint}"}\n`;
}

const CSV_CACHE = new Map<string, string>();
function cc(s: string): string {
  let v = CSV_CACHE.get(s);
  if (v === undefined) {
    if (CSV_CACHE.size > 500_000) CSV_CACHE.clear();
    CSV_CACHE.set(s, (v = csvField(s)));
  }
  return v;
}

export function exchangeCsv(r: ExchangeRow): string {
  return `${r.requestId},${isoTs(r.ts)},${cc(r.account.id)},${r.apiKey},${r.ip},${cc(r.userAgent)},${r.model},${r.inputTokens},${r.outputTokens},${csvField(r.prompt)},${csvField(r.temperature)},${csvField(r.topP)},${csvField(r.maxTokens)},${r.deviceId},${r.ja4},${r.asn},${r.country},${r.status},${r.endpoint}\n`;
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
