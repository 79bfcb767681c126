// Engine, simulator (any thread). ByteSink: a growable byte buffer that rows are written into
// piece by piece (ASCII fast path, UTF-8 by hand, JSON escaping exactly as JSON.stringify does it).
// Why: building each row as a string and then encoding it made ropes, flattening and garbage that
// cost more than producing the row; here a row touches each output byte once and allocates nothing.

const HEXL = '0123456789abcdef';
const B36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const B36_CODES = Uint8Array.from(B36, (c) => c.charCodeAt(0));

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
   * A JSON string literal, byte-identical to JSON.stringify(s) encoded as UTF-8. Fast path: encode
   * natively, then check the bytes; most generated strings need no escaping. Any byte that might
   * (control characters, quote, backslash, and 0xEF: U+F000..U+FFFF, which covers the U+FFFD a
   * lone surrogate turns into) sends the string through JSON.stringify instead.
   */
  json(s: string): void {
    const start = this.pos;
    this.ensure(s.length * 6 + 2);
    const b = this.buf;
    b[start] = 34;
    const end = start + 1 + utf8Write.call(b, s, start + 1, b.length - start - 1);
    for (let i = start + 1; i < end; i++) {
      const c = b[i]!;
      if (c < 0x20 || c === 34 || c === 92 || c === 0xef) {
        this.pos = start;
        this.raw(JSON.stringify(s));
        return;
      }
    }
    b[end] = 34;
    this.pos = end + 1;
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
