// Engine. What the per-account aggregates are keyed by: one "kind" per exchange column that
// linkage reads, the prompt template and the generation settings. Pure: shared by the import-time
// builder, the rebuild from exchanges and collect (which turns keys back into values).

/** Exchange string columns aggregated per account, as (signal, column); kind = index. */
export const STRING_KINDS: readonly (readonly [string, string])[] = [
  ['api_key', 'api_key_s'],
  ['ip', 'ip_s'],
  ['ip_prefix', 'ip_prefix_s'],
  ['user_agent', 'user_agent_s'],
  ['device', 'device_s'],
  ['tls', 'tls_s'],
  ['asn', 'asn_s'],
  ['country', 'country_s'],
  // internal (behaviour features, never projected)
  ['x_model', 'model_s'],
  ['x_capability', 'capability_s'],
];
export const TEMPLATE_KIND = STRING_KINDS.length;
export const SETTINGS_KIND = TEMPLATE_KIND + 1;
export const KINDS = SETTINGS_KIND + 1;

const T_UNIT = 2199023255552; // 2^41
const P_UNIT = 134217728; // 2^27

/** SQLite's round(x): half away from zero. */
function sqlRound(x: number): number {
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
}

/** Generation settings as one exact integer (NaN when none is set). */
export function settingsKey(temperature: number | null, topP: number | null, maxTokens: number | null): number {
  if (temperature === null && topP === null && maxTokens === null) return NaN;
  const t = temperature === null ? -1 : sqlRound(temperature * 1000);
  const p = topP === null ? -1 : sqlRound(topP * 1000);
  return (t + 1) * T_UNIT + (p + 1) * P_UNIT + Math.min((maxTokens ?? -1) + 1, P_UNIT - 1);
}

/** The same key computed by SQLite (read-back of stored exchanges). */
export const SETTINGS_KEY_SQL = `CASE WHEN temperature IS NULL AND top_p IS NULL AND max_tokens IS NULL THEN NULL
  ELSE (coalesce(round(temperature * 1000), -1) + 1) * ${T_UNIT} + (coalesce(round(top_p * 1000), -1) + 1) * ${P_UNIT}
     + min(coalesce(max_tokens, -1) + 1, ${P_UNIT - 1}) END`;

export function settingsText(key: number): string {
  const t = Math.floor(key / T_UNIT) - 1;
  const rest = key - (t + 1) * T_UNIT;
  const p = Math.floor(rest / P_UNIT) - 1;
  const m = rest - (p + 1) * P_UNIT - 1;
  return `temperature=${t < 0 ? '-' : t / 1000} top_p=${p < 0 ? '-' : p / 1000} max_tokens=${m < 0 ? '-' : m}`;
}

/** Template key: the SimHash (else the template fingerprint) shifted right by 12 bits (signed). */
export function templateKey(simhash: bigint | null, template: bigint | null): number {
  const x = simhash ?? template;
  return x === null ? NaN : Number(BigInt.asIntN(64, x) >> 12n);
}
/**
 * templateKey of a 64-bit value given as its signed high and unsigned low 32-bit halves, without
 * a BigInt: x >> 12 = hi * 2^20 + (lo >>> 12), exact in a double.
 */
export function templateKeyOfHalves(hi: number, lo: number): number {
  return (hi | 0) * 1048576 + ((lo >>> 0) >>> 12);
}
export const TEMPLATE_KEY_SQL = 'coalesce(simhash, template) >> 12';

/** The template key's SimHash as unsigned 32-bit halves (low 12 bits zero). */
export function templateSignature(key: number): [number, number] {
  const u = key < 0 ? key + 2 ** 52 : key;
  const hi = Math.floor(u / 2 ** 20);
  const lo = ((u - hi * 2 ** 20) * 4096) >>> 0;
  return [hi >>> 0, lo];
}

/** Token counts are clamped as analysis always has (24 bits each). */
export const MAX_TOKENS_COUNTED = 16777215;
