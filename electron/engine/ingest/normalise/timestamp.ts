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

const d2 = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
const isD = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** The common case, `YYYY-MM-DDTHH:MM:SS(.sss)Z`, read without a regular expression. */
function fastIsoZ(s: string): number | null {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  for (const i of n === 24 ? FAST_DIGITS_MS : FAST_DIGITS) if (!isD(s, i)) return null;
  if (n === 24 && s.charCodeAt(19) !== 46) return null;
  const month = d2(s, 5);
  const day = d2(s, 8);
  const h = d2(s, 11);
  const mi = d2(s, 14);
  const sec = d2(s, 17);
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || sec > 60) return null;
  const ms = n === 24 ? (s.charCodeAt(20) - 48) * 100 + d2(s, 21) : 0;
  // rows come in time order, so the day repeats: Date.UTC once per day, then arithmetic
  // (the same value Date.UTC gives with the time fields: day * 86400000 + time of day)
  const ymd = (d2(s, 0) * 100 + d2(s, 2)) * 10000 + month * 100 + day;
  if (ymd !== lastYmd) {
    lastDayMs = Date.UTC(d2(s, 0) * 100 + d2(s, 2), month - 1, day);
    lastYmd = ymd;
  }
  return lastDayMs + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}
let lastYmd = -1;
let lastDayMs = 0;
const FAST_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const FAST_DIGITS_MS = [...FAST_DIGITS, 20, 21, 22];

/** Any timestamp value -> ms UTC, or null when it cannot be read. */
export function parseTimestamp(v: unknown): number | null {
  if (typeof v === 'number') return epochToMs(v);
  if (typeof v !== 'string') return null;
  const fast = fastIsoZ(v);
  if (fast !== null) return fast;
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
