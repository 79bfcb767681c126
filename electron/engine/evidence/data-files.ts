// Engine. The data behind the report: accounts.csv, links.csv (with the reasons), values.csv and
// exchanges.jsonl. CSV cells are formula-neutralised (csv.ts); JSON needs no neutralisation.
import { isoTime as iso } from '../../shared/time-span';
import { toCsv } from './csv';
import type { PacketData } from './packet-types';

export function accountsCsv(d: PacketData): string {
  return toCsv(
    ['account_id', 'cluster_id', 'created_at', 'email', 'email_domain', 'payment_fingerprint', 'card_bin', 'signup_ip', 'device_id', 'signup_channel', 'exchanges', 'first_seen', 'last_seen', 'verdict', 'tags'],
    d.accounts.map((a) => [
      a.accountId,
      a.clusterId,
      iso(a.createdAt),
      a.email,
      a.emailDomain,
      a.paymentFingerprint,
      a.cardBin,
      a.signupIp,
      a.deviceId,
      a.signupChannel,
      a.exchanges,
      iso(a.firstTs),
      iso(a.lastTs),
      a.verdict,
      a.tags.join(';'),
    ]),
  );
}

export function linksCsv(d: PacketData): string {
  return toCsv(
    ['account_a', 'account_b', 'weight', 'signals', 'reasons', 'example_rows'],
    d.links.map((l) => [
      l.a,
      l.b,
      l.weight,
      l.signals.join(';'),
      l.shared.map((v) => `${v.signal}=${v.value} (weight ${v.weight}, shared by ${v.degree})`).join('; '),
      l.shared.flatMap((v) => v.examples.map((r) => `${r.file}:${r.line}`)).join('; '),
    ]),
  );
}

export function valuesCsv(d: PacketData): string {
  return toCsv(
    ['account_id', 'signal', 'value', 'accounts_sharing'],
    d.values.map((v) => [v.accountId, v.signal, v.value, v.degree]),
  );
}

export function exchangesJsonl(d: PacketData): string {
  return d.exchanges.rows
    .map(
      (e) =>
        `${JSON.stringify({
          request_id: e.requestId,
          ts: new Date(e.ts).toISOString(),
          account_id: e.accountId,
          ip: e.ip,
          user_agent: e.userAgent,
          model: e.model,
          input_tokens: e.inputTokens,
          output_tokens: e.outputTokens,
          template: e.template,
          prompt: e.prompt,
          source: { file: e.file, line: e.line },
        })}\n`,
    )
    .join('');
}

export function auditJsonl(d: PacketData): string {
  return d.audit.map((a) => `${JSON.stringify(a)}\n`).join('');
}
