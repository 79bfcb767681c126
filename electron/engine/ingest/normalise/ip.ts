// Engine, ingest worker. IP addresses -> canonical text (v4 dotted quad, v6 RFC 5952 compressed)
// plus the network prefix linkage groups by (/24 for v4, /64 for v6). Pure.
import ipaddr from 'ipaddr.js';

export interface CanonicalIp {
  ip: string;
  prefix: string;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The canonical text of the IPv4 address numbered `key` (as canonicalV4Key gives it). */
export function v4Text(key: number): string {
  return `${(key >>> 24) & 255}.${(key >>> 16) & 255}.${(key >>> 8) & 255}.${key & 255}`;
}

/** The /24 prefix of the IPv4 address numbered `key`, as linkage groups addresses. */
export function v4PrefixText(key: number): string {
  return `${(key >>> 24) & 255}.${(key >>> 16) & 255}.${(key >>> 8) & 255}.0/24`;
}

function v4(a: number, b: number, c: number, d: number): CanonicalIp | null {
  if (a > 255 || b > 255 || c > 255 || d > 255) return null;
  const key = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  return { ip: v4Text(key), prefix: v4PrefixText(key) };
}

/** Strips ports, brackets and X-Forwarded-For chains (the first hop is the client). */
function clean(raw: string): string {
  let s = raw.trim();
  const comma = s.indexOf(',');
  if (comma >= 0) s = s.slice(0, comma).trim();
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    return end > 0 ? s.slice(1, end) : s;
  }
  // a single colon means v4:port
  const colon = s.indexOf(':');
  if (colon > 0 && s.indexOf(':', colon + 1) < 0) s = s.slice(0, colon);
  const pct = s.indexOf('%'); // zone id
  return pct > 0 ? s.slice(0, pct) : s;
}

export function canonicalIp(raw: unknown): CanonicalIp | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 200) return null;
  const s = clean(raw);
  const m = V4.exec(s);
  if (m) return v4(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]));
  if (!s.includes(':') || !ipaddr.IPv6.isValid(s)) return null;
  // ipaddr.process turns IPv4-mapped v6 (::ffff:1.2.3.4) into the v4 address
  const a = ipaddr.process(s);
  if (a.kind() === 'ipv4') {
    const o = (a as ipaddr.IPv4).octets;
    return v4(o[0] ?? 0, o[1] ?? 0, o[2] ?? 0, o[3] ?? 0);
  }
  const v6 = a as ipaddr.IPv6;
  const p = v6.parts;
  const net = new ipaddr.IPv6([p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 0, 0, 0, 0, 0]);
  return { ip: v6.toRFC5952String(), prefix: `${net.toRFC5952String()}/64` };
}

/**
 * The address as a number when `s` is an IPv4 dotted quad already in canonical form (no leading
 * zeros, no spaces, port or zone), else -1. Such a string is its own canonical text, so the number
 * names it exactly: the parse workers send these as numbers, and the writer finds their string ids
 * by number (ip4-ids.ts) instead of hashing the text.
 */
export function canonicalV4Key(s: string): number {
  const n = s.length;
  if (n < 7 || n > 15) return -1;
  let key = 0;
  let oct = 0;
  let digits = 0;
  let dots = 0;
  let lead = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      key = key * 256 + oct;
      oct = 0;
      digits = 0;
      dots++;
      continue;
    }
    const d = c - 48;
    if (d < 0 || d > 9) return -1;
    if (digits === 0) lead = d;
    else if (lead === 0) return -1; // a leading zero: not canonical
    oct = oct * 10 + d;
    if (++digits > 3 || oct > 255) return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return key * 256 + oct;
}
