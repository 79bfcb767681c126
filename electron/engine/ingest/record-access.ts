// Engine, ingest worker. Reading fields out of a parsed record: nested JSON flattened to dotted
// column names (`userIdentity.arn`), prompt text pulled out of chat-message structures, and the
// columns nobody mapped collected (bounded) so nothing the investigator brought is lost. Pure.

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaves of a nested record under dotted names; arrays are leaves (kept as they are). */
export function flatten(rec: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}, depth = 0): Record<string, unknown> {
  for (const k in rec) {
    const v = rec[k];
    const name = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && depth < 8 && Object.keys(v).length > 0) flatten(v, name, out, depth + 1);
    else out[name] = v;
  }
  return out;
}

export function hasNested(rec: Record<string, unknown>): boolean {
  for (const k in rec) if (isPlainObject(rec[k])) return true;
  return false;
}

/** A record's column names in first-seen order (for previews and mapping detection). */
export function columnsOf(rec: Record<string, unknown>): string[] {
  return Object.keys(hasNested(rec) ? flatten(rec) : rec);
}

/** The value under a column: a direct key first, then the dotted path into nested objects. */
export function getColumn(rec: Record<string, unknown>, column: string, path: readonly string[] | null): unknown {
  const direct = rec[column];
  if (direct !== undefined || path === null) return direct;
  let v: unknown = rec;
  for (const p of path) {
    if (!isPlainObject(v)) return undefined;
    v = v[p];
  }
  return v;
}

const MAX_PROMPT_CHARS = 1_000_000;

/** Text of a prompt given as a string, a chat `messages` array, or a request body object. */
export function promptText(v: unknown, depth = 0): string | null {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined || depth > 6) return null;
  if (Array.isArray(v)) {
    const parts: string[] = [];
    let len = 0;
    for (const item of v) {
      const t = promptText(item, depth + 1);
      if (t) {
        parts.push(t);
        len += t.length;
        if (len > MAX_PROMPT_CHARS) break;
      }
    }
    return parts.length ? parts.join('\n') : null;
  }
  if (isPlainObject(v)) {
    // chat messages: the user's words are what templates are made of
    if (typeof v.role === 'string' && v.role !== 'user' && v.role !== 'system' && v.role !== 'human') return null;
    for (const k of ['content', 'text', 'prompt', 'inputText', 'messages', 'input', 'parts']) {
      if (k in v) {
        const t = promptText(v[k], depth + 1);
        if (t) return t;
      }
    }
  }
  return null;
}

/** A scalar as trimmed text (null when empty); objects as JSON; bounded. */
export function asText(v: unknown, max = 4096): string | null {
  if (v === null || v === undefined) return null;
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') s = String(v);
  else s = JSON.stringify(v);
  s = s.trim();
  if (s.length === 0) return null;
  return s.length > max ? s.slice(0, max) : s;
}

export function asNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.length === 0 || v.length > 40) return null;
  const n = Number(v.trim());
  return Number.isFinite(n) && v.trim() !== '' ? n : null;
}

const MAX_EXTRA_VALUE = 1024;
const MAX_EXTRA_TOTAL = 8192;

/**
 * Unmapped columns as a JSON object, bounded: long values are cut (marked with "…") and past
 * MAX_EXTRA_TOTAL characters the rest is counted, not stored (the source line is on record).
 */
export function extraJson(entries: Iterable<[string, unknown]>): string | null {
  const out: Record<string, unknown> = {};
  let total = 0;
  let dropped = 0;
  let any = false;
  for (const [k, v] of entries) {
    if (v === undefined || v === null || v === '') continue;
    if (total > MAX_EXTRA_TOTAL) {
      dropped++;
      continue;
    }
    let val: unknown = v;
    if (typeof v === 'object') {
      const s = JSON.stringify(v);
      val = s.length > MAX_EXTRA_VALUE ? `${s.slice(0, MAX_EXTRA_VALUE)}…` : v;
      total += Math.min(s.length, MAX_EXTRA_VALUE);
    } else if (typeof v === 'string') {
      val = v.length > MAX_EXTRA_VALUE ? `${v.slice(0, MAX_EXTRA_VALUE)}…` : v;
      total += Math.min(v.length, MAX_EXTRA_VALUE);
    } else total += 8;
    total += k.length;
    out[k] = val;
    any = true;
  }
  if (dropped) out['…'] = `${dropped} more columns not kept (see the source line)`;
  return any ? JSON.stringify(out) : null;
}
