// Engine, ingest worker. Timestamps of every shape exports use -> milliseconds since epoch, UTC.
// Pure. A time without a zone is read as UTC, whatever its shape (exports are UTC unless they say
// otherwise, and a case must not depend on the clock of the laptop that imported it); the mapping
// step shows the parsed values ("As imported") so an investigator can spot a shifted clock.

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

/** The digit at i as a number, or a value above 9 when it is not a digit. */
const dg = (s: string, i: number) => (s.charCodeAt(i) - 48) >>> 0;

/** The common case, `YYYY-MM-DDTHH:MM:SS(.sss)Z`, read without a regular expression (each character once). */
function fastIsoZ(s: string): number | null {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return null;
  const y0 = dg(s, 0), y1 = dg(s, 1), y2 = dg(s, 2), y3 = dg(s, 3); // prettier-ignore
  const mo0 = dg(s, 5), mo1 = dg(s, 6), d0 = dg(s, 8), d1 = dg(s, 9); // prettier-ignore
  const h0 = dg(s, 11), h1 = dg(s, 12), mi0 = dg(s, 14), mi1 = dg(s, 15), s0 = dg(s, 17), s1 = dg(s, 18); // prettier-ignore
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || mo0 > 9 || mo1 > 9 || d0 > 9 || d1 > 9 || h0 > 9 || h1 > 9 || mi0 > 9 || mi1 > 9 || s0 > 9 || s1 > 9) return null;
  let ms = 0;
  if (n === 24) {
    const f0 = dg(s, 20), f1 = dg(s, 21), f2 = dg(s, 22); // prettier-ignore
    if (f0 > 9 || f1 > 9 || f2 > 9 || s.charCodeAt(19) !== 46) return null;
    ms = f0 * 100 + f1 * 10 + f2;
  }
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const h = h0 * 10 + h1;
  const mi = mi0 * 10 + mi1;
  const sec = s0 * 10 + s1;
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || mi > 59 || sec > 60) return null;
  // rows come in time order, so the day repeats: Date.UTC once per day, then arithmetic
  // (the same value Date.UTC gives with the time fields: day * 86400000 + time of day)
  const year = (y0 * 10 + y1) * 100 + y2 * 10 + y3;
  const ymd = year * 10000 + month * 100 + day;
  if (ymd !== lastYmd) {
    lastDayMs = Date.UTC(year, month - 1, day);
    lastYmd = ymd;
  }
  return lastDayMs + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}
let lastYmd = -1;
let lastDayMs = 0;

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
  return looseDate(s);
}

/** Month names as Date.parse reads them. */
const MONTH = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;
/** A zone the text names (Date.parse reads these). */
const ZONE = /\b(?:z|ut|utc|gmt|[ecmp][sd]t)\b|[+-]\d{2}:?\d{2}\b/i;
/** The common log format of web servers: 22/Apr/2026:10:00:00 +0000. */
const CLF = /^(\d{1,2})\/([a-z]{3})\/(\d{4}):(\d{2}:\d{2}(?::\d{2})?)/i;

/**
 * Other forms Date understands (RFC 2822, "Apr 22, 2026 10:00 AM", "04/22/2026 10:00:00", the
 * common log format), only when they hold a four-digit year and a month name, a time or a
 * slashed or dotted date: Date.parse alone reads "r-1" or "acct-3" as days of 2001. Without a
 * zone they are read as UTC (Date.parse would take the machine's local time).
 */
function looseDate(text: string): number | null {
  const s = text.replace(CLF, '$1 $2 $3 $4');
  if (!/\b\d{4}\b/.test(s) || !(MONTH.test(s) || /\b\d{1,2}:\d{2}\b/.test(s) || /\b\d{1,4}[/.]\d{1,2}[/.]\d{1,4}\b/.test(s))) return null;
  const t = Date.parse(ZONE.test(s) ? s : `${s} UTC`);
  return Number.isFinite(t) ? t : null;
}
