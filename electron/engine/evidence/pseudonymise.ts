// Engine. Keyed pseudonymisation of personal data in a packet: HMAC-SHA256 with the case's own
// secret (meta.pseudonym_secret, never exported). The same value always maps to the same token,
// across every file, so a partner still sees which accounts share what without seeing the value.
import { createHmac } from 'node:crypto';
import type { PacketData, PacketExchange } from './packet-types';

export type PersonalKind = 'email' | 'ip' | 'card' | 'device' | 'phone';

/** Which linkage signals carry personal values (by signal name, as the linkage step names them). */
export function personalKindOfSignal(signal: string): PersonalKind | null {
  const s = signal.toLowerCase();
  if (s.includes('email')) return 'email';
  if (s.includes('phone')) return 'phone';
  if (s.includes('payment') || s.includes('card')) return 'card';
  if (s.includes('device')) return 'device';
  if (s.includes('ip') || s.includes('subnet') || s.includes('prefix')) return 'ip';
  return null;
}

export class Pseudonymiser {
  private cache = new Map<string, string>();
  constructor(private readonly secret: string) {
    if (!secret) throw new Error('The case has no pseudonymisation secret.');
  }

  token(kind: PersonalKind, value: string): string {
    const key = `${kind}\u0000${value}`;
    let t = this.cache.get(key);
    if (!t) {
      t = `${kind}-${createHmac('sha256', this.secret).update(key).digest('hex').slice(0, 20)}`;
      this.cache.set(key, t);
    }
    return t;
  }

  maybe(kind: PersonalKind, value: string | null): string | null {
    return value === null || value === '' ? value : this.token(kind, value);
  }

  /** Every value pseudonymised so far, raw -> token (to scrub free text that quotes one). */
  known(): Map<string, string> {
    const m = new Map<string, string>();
    for (const [key, token] of this.cache) m.set(key.slice(key.indexOf('\u0000') + 1), token);
    return m;
  }

  ofSignal(signal: string, value: string): string {
    const kind = personalKindOfSignal(signal);
    return kind ? this.token(kind, value) : value;
  }
}

/** Returns a copy of the packet with emails, IPs, card and device fingerprints replaced. */
export function pseudonymisePacket(data: PacketData, secret: string): PacketData {
  const p = new Pseudonymiser(secret);
  const exchange = (e: PacketExchange): PacketExchange => ({ ...e, ip: p.maybe('ip', e.ip) });
  const out = {
    ...data,
    pseudonymised: true,
    accounts: data.accounts.map((a) => ({
      ...a,
      email: p.maybe('email', a.email),
      paymentFingerprint: p.maybe('card', a.paymentFingerprint),
      signupIp: p.maybe('ip', a.signupIp),
      deviceId: p.maybe('device', a.deviceId),
    })),
    links: data.links.map((l) => ({ ...l, shared: l.shared.map((v) => ({ ...v, value: p.ofSignal(v.signal, v.value) })) })),
    values: data.values.map((v) => ({ ...v, value: p.ofSignal(v.signal, v.value) })),
    exchanges: { ...data.exchanges, rows: data.exchanges.rows.map(exchange) },
    // audit entries stay verbatim: each one's hash must still verify (they hold no personal values)
  };
  // cluster reasons are sentences written by the scorer and may quote a value seen above
  const known = p.known();
  out.clusters = data.clusters.map((c) => ({ ...c, reasons: c.reasons.map((r) => ({ ...r, detail: scrubDetail(r.detail, p, known) })) }));
  return out;
}

const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?\b/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * Free text (reason details): replace every word that is a value already pseudonymised, and
 * anything that looks like an IPv4 address or an email.
 */
export function scrubDetail(text: string, p: Pseudonymiser, known: ReadonlyMap<string, string> = new Map()): string {
  return text
    .replace(/[^\s<>()[\]{},;"'`]+/g, (w) => {
      const bare = w.replace(/[.:]+$/, '');
      const t = known.get(w) ?? known.get(bare);
      return t === undefined ? w : known.has(w) ? t : t + w.slice(bare.length);
    })
    .replace(EMAIL, (m) => (m.includes('-') && /^(email|ip|card|device|phone)-[0-9a-f]{20}$/.test(m) ? m : p.token('email', m)))
    .replace(IPV4, (m) => p.token('ip', m));
}
