// Engine (host process). The first records of a file as the import would store them: the same
// accessor and row builders as the import (row-builder.ts) run over the preview's records, and
// their batch read back as text. The mapping step shows this beside the raw rows, so a wrong
// choice (epoch milliseconds read as seconds, a user column taken for the account, an address
// column that is not one) shows on 20 rows, before a long import, with the reason of every row
// that would be rejected. Pure: records in, table out.
import { implausibleSpan, isoTime } from '../../shared/time-span';
import { IP4_REF, N, NUM_COLS, R, REF_COLS, type AccountRow, type ExchangeBatch } from './batch';
import { v4PrefixText, v4Text } from './normalise/ip';
import type { ImportKind } from './fields';
import type { Mapping } from './mapping';
import type { RawRecord } from './readers/raw-record';
import { AccountBuilder, Accessor, ExchangeBuilder } from './row-builder';

export interface StoredPreview {
  /** the stored columns that at least one previewed row fills (derived ones included: ip_prefix, ua_family ...) */
  columns: string[];
  rows: { line: number; values: Record<string, string> }[];
  /** the previewed records the import would reject, with its reason */
  rejects: { line: number; reason: string }[];
  /** the stored rows' earliest and latest times (exchanges' ts, accounts' created_at), ISO UTC */
  span: { first: string; last: string } | null;
  /** some of those times are before 2000 or after tomorrow (shared/time-span.ts) */
  oddTimes: boolean;
}

/** Stored exchange columns in display order: each a canonical field or what the import derives from one. */
const EXCHANGE_COLUMNS = [
  'ts', 'account_id', 'request_id', 'api_key_id', 'ip', 'ip_prefix', 'user_agent', 'ua_family', 'model', 'device_id', 'tls_ja4',
  'asn', 'country', 'endpoint', 'status', 'input_tokens', 'output_tokens', 'temperature', 'top_p', 'max_tokens',
  'prompt_chars', 'capability', 'cot', 'template', 'extra',
] as const;
const ACCOUNT_COLUMNS = [
  'account_id', 'created_at', 'email', 'email_norm', 'email_domain', 'payment_fingerprint', 'card_bin', 'card_country',
  'billing_country', 'signup_ip', 'signup_ip_prefix', 'device_id', 'phone_hash', 'org_id', 'signup_channel', 'extra',
] as const;

/** exchanges' string columns and where the batch keeps their dictionary ids */
const REF_OF: Record<string, number> = {
  account_id: R.account, api_key_id: R.api_key, ip: R.ip, ip_prefix: R.ip_prefix, user_agent: R.user_agent, ua_family: R.ua_family,
  model: R.model, device_id: R.device, tls_ja4: R.tls, asn: R.asn, country: R.country, endpoint: R.endpoint, status: R.status, capability: R.capability,
};
const NUM_OF: Record<string, number> = {
  input_tokens: N.input_tokens, output_tokens: N.output_tokens, temperature: N.temperature, top_p: N.top_p, max_tokens: N.max_tokens, prompt_chars: N.prompt_chars, cot: N.cot,
};

const iso = (ms: number | null): string => isoTime(ms) ?? '';

/** `cell`: each value as shown (bounded: a prompt or an unmapped object can be megabytes). */
export function storedPreview(
  kind: ImportKind,
  mapping: Mapping,
  header: readonly string[] | null,
  columns: readonly string[],
  records: readonly RawRecord[],
  cell: (s: string) => string = (s) => s,
  format: string | null = null,
): StoredPreview {
  const acc = new Accessor(mapping, kind, header, columns, format);
  const opts = { batchSize: Math.max(1, records.length), promptSamplesPerAccount: 0 };
  const table = kind === 'exchanges' ? exchangeRows(new ExchangeBuilder(acc, opts), records) : accountRows(new AccountBuilder(acc, opts), records);
  const order: readonly string[] = kind === 'exchanges' ? EXCHANGE_COLUMNS : ACCOUNT_COLUMNS;
  const shown = order.filter((c) => table.rows.some((r) => (r.values[c] ?? '') !== ''));
  const rows = table.rows.map(({ line, values }) => ({ line, values: Object.fromEntries(shown.map((c) => [c, cell(values[c] ?? '')])) }));
  const times = table.rows.map((r) => r.values[kind === 'exchanges' ? 'ts' : 'created_at'] ?? '').filter((t) => t !== '').sort();
  const span = times.length ? { first: times[0]!, last: times[times.length - 1]! } : null;
  return {
    columns: shown,
    rows,
    rejects: table.rejects.map(({ line, reason }) => ({ line, reason: cell(reason) })),
    span,
    oddTimes: span !== null && implausibleSpan(span.first, span.last),
  };
}

function exchangeRows(b: ExchangeBuilder, records: readonly RawRecord[]): Pick<StoredPreview, 'rows' | 'rejects'> {
  for (const r of records) b.add(r);
  const { batch, rejects } = b.take();
  // a fresh dictionary that never started over: a string's id is its place among the additions
  const text = (id: number): string => (id >= 0 ? (batch.newStrings[id] ?? '') : '');
  const rows = [];
  for (let i = 0; i < batch.n; i++) rows.push({ line: batch.line[i]!, values: exchangeValues(batch, i, text) });
  return { rows, rejects: rejects.map(({ line, reason }) => ({ line, reason })) };
}

function exchangeValues(b: ExchangeBatch, i: number, text: (id: number) => string): Record<string, string> {
  const v: Record<string, string> = { ts: iso(b.ts[i]!) };
  for (const [col, ref] of Object.entries(REF_OF)) v[col] = text(b.refs[i * REF_COLS.length + ref]!);
  if (b.refs[i * REF_COLS.length + R.ip] === IP4_REF) {
    v.ip = v4Text(b.ip4[i]!);
    v.ip_prefix = v4PrefixText(b.ip4[i]!);
  }
  for (const [col, k] of Object.entries(NUM_OF)) {
    const x = b.nums[i * NUM_COLS.length + k]!;
    v[col] = Number.isNaN(x) ? '' : String(x);
  }
  v.request_id = b.requestId[i] ?? '';
  v.template = b.hasTemplate[i] ? BigInt.asUintN(64, b.template[i]!).toString(16).padStart(16, '0') : '';
  v.extra = b.extra[i] ?? '';
  return v;
}

function accountRows(b: AccountBuilder, records: readonly RawRecord[]): Pick<StoredPreview, 'rows' | 'rejects'> {
  for (const r of records) b.add(r);
  const { batch, rejects } = b.take();
  const rows = batch.rows.map((r: AccountRow) => {
    const values: Record<string, string> = {};
    for (const c of ACCOUNT_COLUMNS) {
      if (c === 'extra') values.extra = r.extra_json ?? '';
      else if (c === 'created_at') values.created_at = iso(r.created_at);
      else values[c] = r[c] ?? '';
    }
    return { line: r.line, values };
  });
  return { rows, rejects: rejects.map(({ line, reason }) => ({ line, reason })) };
}
