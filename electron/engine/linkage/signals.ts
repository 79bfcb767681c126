// Engine. The catalogue of linkage signals: what each shared value means, how strong it is, and
// which independent family it belongs to (soft-only edges need values from two families, so an
// IP and its own /24 never corroborate each other).
export type Strength = 'hard' | 'soft';

export interface SignalDef {
  name: string;
  strength: Strength;
  /** multiplier of the rarity weight */
  factor: number;
  family: 'payment' | 'device' | 'key' | 'identity' | 'network' | 'client' | 'content' | 'timing' | 'org';
  /** network values seen at different times count less (dynamic IP reuse, NAT churn) */
  timeDecay?: boolean;
  label: string;
}

const defs: SignalDef[] = [
  { name: 'payment', strength: 'hard', factor: 3, family: 'payment', label: 'payment fingerprint' },
  { name: 'device', strength: 'hard', factor: 3, family: 'device', label: 'device id' },
  { name: 'api_key', strength: 'hard', factor: 3, family: 'key', label: 'API key' },
  { name: 'email', strength: 'hard', factor: 3, family: 'identity', label: 'normalised email' },
  { name: 'phone', strength: 'hard', factor: 3, family: 'identity', label: 'phone' },
  { name: 'org', strength: 'hard', factor: 2, family: 'org', label: 'organisation id' },
  { name: 'card_bin', strength: 'soft', factor: 0.3, family: 'payment', label: 'card BIN' },
  { name: 'email_pattern', strength: 'soft', factor: 0.6, family: 'identity', label: 'email local-part pattern' },
  { name: 'email_domain', strength: 'soft', factor: 0.4, family: 'identity', label: 'email domain' },
  { name: 'signup_channel', strength: 'soft', factor: 0.2, family: 'identity', label: 'sign-up channel' },
  { name: 'signup_ip', strength: 'soft', factor: 1, family: 'network', label: 'sign-up IP' },
  { name: 'signup_prefix', strength: 'soft', factor: 0.5, family: 'network', label: 'sign-up /24 or /64' },
  { name: 'ip', strength: 'soft', factor: 1, family: 'network', timeDecay: true, label: 'IP' },
  { name: 'ip_prefix', strength: 'soft', factor: 0.5, family: 'network', timeDecay: true, label: '/24 or /64 prefix' },
  { name: 'asn', strength: 'soft', factor: 0.2, family: 'network', label: 'ASN' },
  { name: 'country', strength: 'soft', factor: 0.05, family: 'network', label: 'country' },
  { name: 'user_agent', strength: 'soft', factor: 0.5, family: 'client', label: 'user agent' },
  { name: 'tls', strength: 'soft', factor: 0.6, family: 'client', label: 'TLS fingerprint' },
  { name: 'template', strength: 'soft', factor: 1, family: 'content', label: 'prompt template family' },
  { name: 'signup_burst', strength: 'soft', factor: 1, family: 'timing', label: 'sign-up burst' },
  { name: 'active_hours', strength: 'soft', factor: 0.3, family: 'timing', label: 'synchronised active hours' },
  { name: 'activity_window', strength: 'soft', factor: 0.5, family: 'timing', label: 'co-activity window' },
  { name: 'bin_schedule', strength: 'soft', factor: 0.8, family: 'payment', label: 'card BIN on one daily schedule' },
  { name: 'model_pivot', strength: 'soft', factor: 0.5, family: 'timing', label: 'model-switch time' },
];

export const SIGNALS: ReadonlyMap<string, SignalDef> = new Map(defs.map((d) => [d.name, d]));
export const SIGNAL_NAMES: readonly string[] = defs.map((d) => d.name);
export const FAMILIES: readonly SignalDef['family'][] = [...new Set(defs.map((d) => d.family))];

export function signalDef(name: string): SignalDef {
  const d = SIGNALS.get(name);
  if (!d) throw new Error(`unknown signal ${name}`);
  return d;
}

/** Signals this weak (ASN, country, BIN, channel ...) add weight but never count as an independent family. */
export const MIN_CORROBORATING_FACTOR = 0.5;

export function familyBit(name: string): number {
  const d = signalDef(name);
  if (d.strength === 'soft' && d.factor < MIN_CORROBORATING_FACTOR) return 0;
  return 1 << FAMILIES.indexOf(d.family);
}

export function signalIndex(name: string): number {
  return SIGNAL_NAMES.indexOf(name);
}
