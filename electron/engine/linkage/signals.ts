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
  /** the same fact observed elsewhere (the sign-up address is the address in use): when a pair
   * shares both, corroboration counts the larger of the two, not their sum */
  sameFactAs?: string;
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
  { name: 'signup_ip', strength: 'soft', factor: 1, family: 'network', sameFactAs: 'ip', label: 'sign-up IP' },
  { name: 'signup_prefix', strength: 'soft', factor: 0.5, family: 'network', sameFactAs: 'ip_prefix', label: 'sign-up /24 or /64' },
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

/** Share of `softFamilyCap` a soft family may contribute: client software (user agent + TLS of
 * one tool) counts at most half, many unrelated people run the same tool. */
export function familyCapShare(family: SignalDef['family']): number {
  return family === 'client' ? 0.5 : 1;
}

export interface CorroborationTable {
  /** per signal (SIGNAL_NAMES order): family index, or -1 when the signal never corroborates
   * (hard signals, weak soft ones) */
  family: Int8Array;
  /** per signal: index of the signal recording the same fact, or -1 */
  sameFact: Int8Array;
  /** per family: cap share (see familyCapShare) */
  capShare: Float64Array;
}

export const CORROBORATION: CorroborationTable = (() => {
  const family = new Int8Array(defs.length).fill(-1);
  const sameFact = new Int8Array(defs.length).fill(-1);
  defs.forEach((d, i) => {
    if (d.strength === 'soft' && d.factor >= MIN_CORROBORATING_FACTOR) family[i] = FAMILIES.indexOf(d.family);
    if (d.sameFactAs) sameFact[i] = defs.findIndex((x) => x.name === d.sameFactAs);
  });
  return { family, sameFact, capShare: Float64Array.from(FAMILIES, familyCapShare) };
})();

/**
 * Which soft families corroborate a pair, from its weight per signal (SIGNAL_NAMES order): a
 * family counts when its own evidence reaches `minWeight` (after its cap), counting only signals
 * strong enough to corroborate, and one fact seen twice (sign-up and in-use address) once.
 * Fragments of weak evidence (a shared /24, an email-pattern match, a common client, a co-activity
 * window) still add weight to the link, but cannot stand in for a second kind of evidence.
 * Returns a bit per family (FAMILIES order).
 */
export function corroboratingFamilies(perSignal: ArrayLike<number>, offset: number, familyCap: number, minWeight: number, scratch: Float64Array): number {
  const t = CORROBORATION;
  scratch.fill(0);
  for (let s = 0; s < t.family.length; s++) {
    const f = t.family[s]!;
    if (f < 0) continue;
    const w = perSignal[offset + s]!;
    if (!(w > 0)) continue;
    const twin = t.sameFact[s]!;
    // the twin signal holds the same fact: count only the excess over it
    scratch[f]! += twin >= 0 ? Math.max(0, w - perSignal[offset + twin]!) : w;
  }
  let bits = 0;
  for (let f = 0; f < scratch.length; f++) if (Math.min(familyCap * t.capShare[f]!, scratch[f]!) >= minWeight) bits |= 1 << f;
  return bits;
}
