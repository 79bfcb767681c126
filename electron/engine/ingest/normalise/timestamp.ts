// Engine, ingest worker. Timestamps of every shape exports use -> milliseconds since epoch, UTC.
// Pure. ISO-8601 without a zone is read as UTC (exports are UTC unless they say otherwise; the
// mapping step shows the parsed value so an investigator can spot a shifted clock).

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

/** Epoch numbers: seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude. */
export function epochToMs(n: number): number | null {
  if (!Number.isFinite(n) || n < 0) return null;
  if (n < 1e11) return Math.round(n * 1000); // seconds (until year 5138)
  if (n < 1e14) return Math.round(n); // milliseconds
  if (n < 1e17) return Math.round(n / 1e3); // microseconds
  return Math.round(n / 1e6); // nanoseconds
}

function isoToMs(m: RegExpExecArray): number | null {
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const hour = h ? Number(h) : 0;
  const minute = mi ? Number(mi) : 0;
  const second = s ? Number(s) : 0;
  if (hour > 24 || minute > 59 || second > 60) return null;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), month - 1, day, hour, minute, second, ms);
  if (zone && zone !== 'Z' && zone !== 'z' && zone !== 'UTC' && zone !== 'GMT') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offH = Number(digits.slice(0, 2));
    const offM = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    t -= sign * (offH * 60 + offM) * 60_000;
  }
  return Number.isFinite(t) ? t : null;
}

/** Any timestamp value -> ms UTC, or null when it cannot be read. */
export function parseTimestamp(v: unknown): number | null {
  if (typeof v === 'number') return epochToMs(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (s.length === 0 || s.length > 64) return null;
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57 && /^\d+(\.\d+)?$/.test(s)) return epochToMs(Number(s));
  const m = ISO.exec(s);
  if (m) return isoToMs(m);
  // RFC 2822 and other forms Date understands; only accepted when they name a zone or are unambiguous
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}
