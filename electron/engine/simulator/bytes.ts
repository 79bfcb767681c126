// Engine, simulator (any thread). ByteSink: a growable byte buffer that rows are written into
// piece by piece (ASCII fast path, UTF-8 by hand, JSON escaping exactly as JSON.stringify does it).
// Why: building each row as a string and then encoding it made ropes, flattening and garbage that
// cost more than producing the row; here a row touches each output byte once and allocates nothing.

const HEXL = '0123456789abcdef';
const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const B36_CODES = Uint8Array.from(B36, (c) => c.charCodeAt(0));

// JSON escaping by UTF-8 byte: 0 = as is, 1 = backslash + letter, 5 = \u00XX, FALLBACK = 0xEF
const FALLBACK = 255;
const ESCAPE_EXTRA = new Uint8Array(256);
const SHORT_ESCAPE = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ESCAPE_EXTRA[c] = 5;
for (const [c, letter] of [[8, 'b'], [9, 't'], [10, 'n'], [12, 'f'], [13, 'r'], [34, '"'], [92, '\\']] as const) {
  ESCAPE_EXTRA[c] = 1;
  SHORT_ESCAPE[c] = letter.charCodeAt(0);
}
ESCAPE_EXTRA[0xef] = FALLBACK;

/** Buffer's own UTF-8 writer: what Buffer#write calls after parsing its arguments (a measurable
 * share of the time for 28.8M rows); undocumented, so Buffer#write stands in if it ever goes. */
type Utf8Write = (this: Buffer, s: string, offset: number, length: number) => number;
const nativeUtf8Write: Utf8Write | undefined = (Buffer.prototype as unknown as { utf8Write?: Utf8Write }).utf8Write;
const utf8Write: Utf8Write = typeof nativeUtf8Write === 'function' ? nativeUtf8Write : function (this: Buffer, s: string, offset: number, length: number) {
  return this.write(s, offset, length, 'utf8');
};

export class ByteSink {
  buf: Buffer;
  pos = 0;
  private readonly digits = new Uint8Array(24);
  private readonly numCache = new Map<number, string>();

  constructor(size = 1 << 22) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** room for n more bytes */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** a fresh copy of bytes [from, pos), safe to transfer */
  copy(from = 0): Uint8Array {
    return new Uint8Array(this.buf.subarray(from, this.pos));
  }

  /** UTF-8 of bytes [from, pos) as a string */
  text(from: number): string {
    return this.buf.toString('utf8', from, this.pos);
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.ensure(n);
    const out = this.buf;
    const p = this.pos;
    if (n > 32) out.set(b, p);
    else for (let i = 0; i < n; i++) out[p + i] = b[i]!;
    this.pos = p + n;
  }

  /** a string written as UTF-8 (what Buffer.write does; lone surrogates become U+FFFD) */
  raw(s: string): void {
    const n = s.length;
    this.ensure(n * 3);
    // native encoding for long strings (it also flattens ropes cheaply); a JS loop for the short
    // pieces between values, where the call into C++ costs more than the copy
    if (n > 24) {
      this.pos += utf8Write.call(this.buf, s, this.pos, this.buf.length - this.pos);
      return;
    }
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) b[p++] = c;
      else {
        p = utf8(b, p, s, i, c);
        if (c >= 0xd800 && c < 0xdc00 && isPair(s, i)) i++;
      }
    }
    this.pos = p;
  }

  /**
   * A JSON string literal, byte-identical to JSON.stringify(s) encoded as UTF-8. Encode natively,
   * then escape in the bytes: quote, backslash and control characters are single bytes that never
   * occur inside a multi-byte UTF-8 sequence, so they can be escaped in place (right to left).
   * 0xEF (U+F000..U+FFFF, which covers the U+FFFD a lone surrogate turns into) sends the string
   * through JSON.stringify instead, which escapes lone surrogates.
   */
  json(s: string): void {
    const start = this.pos;
    this.ensure(s.length * 6 + 2);
    const b = this.buf;
    b[start] = 34;
    const end = start + 1 + utf8Write.call(b, s, start + 1, b.length - start - 1);
    let extra = 0;
    for (let i = start + 1; i < end; i++) {
      const e = ESCAPE_EXTRA[b[i]!]!;
      if (e !== 0) {
        if (e === FALLBACK) {
          this.pos = start;
          this.raw(JSON.stringify(s));
          return;
        }
        extra += e;
      }
    }
    if (extra > 0) {
      // at most 6 bytes per UTF-16 unit, which ensure() reserved
      let w = end + extra;
      for (let r = end - 1; r > start; r--) {
        const c = b[r]!;
        const e = ESCAPE_EXTRA[c]!;
        if (e === 0) b[--w] = c;
        else if (e === 1) {
          b[--w] = SHORT_ESCAPE[c]!;
          b[--w] = 92;
        } else {
          b[--w] = HEXL.charCodeAt(c & 15);
          b[--w] = HEXL.charCodeAt(c >> 4);
          b[--w] = 48;
          b[--w] = 48;
          b[--w] = 117;
          b[--w] = 92;
        }
      }
    }
    b[end + extra] = 34;
    this.pos = end + extra + 1;
  }

  /** the escaping JSON.stringify does, by hand (kept for tests and short strings) */
  jsonSlow(s: string): void {
    const n = s.length;
    this.ensure(n * 6 + 2);
    const b = this.buf;
    let p = this.pos;
    b[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c === 34 || c === 92) b[p++] = 92;
        b[p++] = c;
      } else if (c < 0x20) {
        b[p++] = 92;
        if (c === 10) b[p++] = 110;
        else if (c === 13) b[p++] = 114;
        else if (c === 9) b[p++] = 116;
        else if (c === 8) b[p++] = 98;
        else if (c === 12) b[p++] = 102;
        else p = hex4(b, p, c);
      } else if (c >= 0xd800 && c < 0xe000) {
        if (c < 0xdc00 && isPair(s, i)) {
          p = utf8(b, p, s, i, c);
          i++;
        } else {
          b[p++] = 92;
          p = hex4(b, p, c);
        }
      } else p = utf8(b, p, s, i, c);
    }
    b[p++] = 34;
    this.pos = p;
  }

  /** a non-negative safe integer in decimal; anything else as String(v) */
  int(v: number): void {
    if (v >= 0 && v < 2147483648 && (v | 0) === v) {
      this.small(v);
      return;
    }
    if (!(v >= 0 && v <= Number.MAX_SAFE_INTEGER) || Math.floor(v) !== v) {
      this.raw(String(v));
      return;
    }
    this.radix(v, 10);
  }

  /** a number as String(v) would print it (cached: the few settings values repeat endlessly) */
  num(v: number): void {
    if (v >= 0 && v < 2147483648 && (v | 0) === v) {
      this.small(v);
      return;
    }
    if (Number.isInteger(v) && v >= 0) {
      this.int(v);
      return;
    }
    let s = this.numCache.get(v);
    if (s === undefined) {
      s = String(v);
      if (this.numCache.size < 4096) this.numCache.set(v, s);
    }
    this.raw(s);
  }

  /** u32.toString(36) */
  base36(v: number): void {
    v = v >>> 0;
    // digits counted first, then written right to left in place (int32 arithmetic below 2^31)
    let k = 1;
    for (let t = v; t >= 36; t = Math.floor(t / 36)) k++;
    this.ensure(k);
    const b = this.buf;
    let p = this.pos + k;
    this.pos = p;
    if (v >= 2147483648) {
      const q = Math.floor(v / 36);
      b[--p] = B36_CODES[v - q * 36]!;
      v = q;
    }
    do {
      const q = (v / 36) | 0;
      b[--p] = B36_CODES[v - q * 36]!;
      v = q;
    } while (v > 0);
  }

  /** 0 <= v < 2^31, integer: decimal digits written right to left in place */
  private small(v: number): void {
    let k = 1;
    for (let t = v; t >= 10; t = (t / 10) | 0) k++;
    this.ensure(k);
    const b = this.buf;
    let p = this.pos + k;
    this.pos = p;
    do {
      const q = (v / 10) | 0;
      b[--p] = 48 + v - q * 10;
      v = q;
    } while (v > 0);
  }

  /** "HH:MM:SS.mmmZ" of a time of day in whole ms (what toISOString ends with) */
  timeOfDay(r: number): void {
    if (!(r >= 0 && r < 86_400_000 && (r | 0) === r)) {
      this.raw(new Date(r).toISOString().slice(11));
      return;
    }
    this.ensure(13);
    const b = this.buf;
    const p = this.pos;
    const h = (r / 3_600_000) | 0;
    r -= h * 3_600_000;
    const m = (r / 60_000) | 0;
    r -= m * 60_000;
    const s = (r / 1000) | 0;
    r -= s * 1000;
    b[p] = 48 + ((h / 10) | 0);
    b[p + 1] = 48 + (h % 10);
    b[p + 2] = 58;
    b[p + 3] = 48 + ((m / 10) | 0);
    b[p + 4] = 48 + (m % 10);
    b[p + 5] = 58;
    b[p + 6] = 48 + ((s / 10) | 0);
    b[p + 7] = 48 + (s % 10);
    b[p + 8] = 46;
    b[p + 9] = 48 + ((r / 100) | 0);
    b[p + 10] = 48 + (((r / 10) | 0) % 10);
    b[p + 11] = 48 + (r % 10);
    b[p + 12] = 90;
    this.pos = p + 13;
  }

  /** n zero-padded to `width` decimal digits (n < 10^width) */
  padded(n: number, width: number): void {
    this.ensure(width);
    const b = this.buf;
    for (let k = this.pos + width - 1; k >= this.pos; k--) {
      b[k] = 48 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos += width;
  }

  private radix(v: number, base: number): void {
    const d = this.digits;
    let k = 0;
    do {
      d[k++] = B36.charCodeAt(v % base);
      v = Math.floor(v / base);
    } while (v > 0);
    this.ensure(k);
    const b = this.buf;
    let p = this.pos;
    while (k > 0) b[p++] = d[--k]!;
    this.pos = p;
  }
}

function isPair(s: string, i: number): boolean {
  const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
  return d >= 0xdc00 && d < 0xe000;
}

/** UTF-8 of the non-ASCII code unit c at s[i] (with its low surrogate when paired) */
function utf8(b: Buffer, p: number, s: string, i: number, c: number): number {
  if (c < 0x800) {
    b[p++] = 0xc0 | (c >> 6);
    b[p++] = 0x80 | (c & 63);
  } else if (c >= 0xd800 && c < 0xe000) {
    if (c < 0xdc00 && isPair(s, i)) {
      const cp = ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      b[p++] = 0xf0 | (cp >> 18);
      b[p++] = 0x80 | ((cp >> 12) & 63);
      b[p++] = 0x80 | ((cp >> 6) & 63);
      b[p++] = 0x80 | (cp & 63);
    } else {
      b[p++] = 0xef;
      b[p++] = 0xbf;
      b[p++] = 0xbd;
    }
  } else {
    b[p++] = 0xe0 | (c >> 12);
    b[p++] = 0x80 | ((c >> 6) & 63);
    b[p++] = 0x80 | (c & 63);
  }
  return p;
}

/** "uXXXX" (lowercase hex, as JSON.stringify writes it) after the backslash */
function hex4(b: Buffer, p: number, c: number): number {
  b[p++] = 117;
  b[p++] = HEXL.charCodeAt((c >> 12) & 15);
  b[p++] = HEXL.charCodeAt((c >> 8) & 15);
  b[p++] = HEXL.charCodeAt((c >> 4) & 15);
  b[p++] = HEXL.charCodeAt(c & 15);
  return p;
}
