// Engine, ingest worker. One pass over a prompt's characters -> the hashes of its masked tokens:
// numbers become ‹n›, ids (runs mixing letters and digits) ‹id›, quoted strings ‹str›, fenced
// code ‹code›, URLs ‹url›, emails ‹email›; words are lower-cased with inner punctuation ignored;
// other punctuation is dropped; CJK characters are tokens of their own (those scripts do not
// separate words by spaces). Pure. Hand-written over char codes, no regular expressions and no
// substrings: it runs once per exchange, tens of millions of times per import.
import { hash32 } from './hash64';

export const TOKEN_N = hash32('‹n›');
export const TOKEN_ID = hash32('‹id›');
export const TOKEN_STR = hash32('‹str›');
export const TOKEN_CODE = hash32('‹code›');
export const TOKEN_URL = hash32('‹url›');
export const TOKEN_EMAIL = hash32('‹email›');
const CLASS_TEXT = new Map<number, string>([
  [TOKEN_N, '‹n›'],
  [TOKEN_ID, '‹id›'],
  [TOKEN_STR, '‹str›'],
  [TOKEN_CODE, '‹code›'],
  [TOKEN_URL, '‹url›'],
  [TOKEN_EMAIL, '‹email›'],
]);

const MAX_QUOTED = 400;

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isCjk = (c: number) => (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff);
const closingQuote = (c: number) => (c === 0x22 ? 0x22 : c === 0x201c ? 0x201d : c === 0xab ? 0xbb : c === 0x60 ? 0x60 : -1);
/** punctuation that may sit inside a word-like run (ids, urls, emails, hyphenated words) */
const isInnerPunct = (c: number) =>
  c === 95 || c === 45 || c === 46 || c === 64 || c === 43 || c === 47 || c === 58 || c === 39 || c === 37 || c === 61 || c === 38 || c === 63 || c === 35 || c === 126;
const isRunChar = (c: number) =>
  isAsciiLetter(c) || isDigit(c) || isInnerPunct(c) || (c > 127 && !isCjk(c) && !isSpace(c) && closingQuote(c) < 0 && c !== 0x2019 && c !== 0x201d && c !== 0xbb);

/** Character classes of every UTF-16 code unit, looked up once per character on the hot path. */
const OTHER = 0;
const SPACE = 1;
const DIGIT = 2;
const LETTER = 3; // ASCII letter
const INNER = 4; // inner punctuation (ASCII)
const HIGH_RUN = 5; // non-ASCII character that belongs to a word-like run
const CJK = 6;
const CLS = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) {
  CLS[c] = isSpace(c)
    ? SPACE
    : isDigit(c)
      ? DIGIT
      : isAsciiLetter(c)
        ? LETTER
        : isInnerPunct(c)
          ? INNER
          : isCjk(c)
            ? CJK
            : isRunChar(c)
              ? HIGH_RUN
              : OTHER;
}

/** The hash scanPrompt gives a plain word (letters and digits only), for keyword tables. */
export function wordHash(word: string): number {
  const sink = newSink(4);
  scanPrompt(word, word.length, sink);
  if (sink.count !== 1) throw new Error(`"${word}" is not a single word token`);
  return sink.hashes[0] ?? 0;
}

export interface TokenSink {
  hashes: Int32Array;
  count: number;
  /** token texts, only collected when asked (previews); null on the hot path */
  texts: string[] | null;
}

export function newSink(capacity = 1024, withTexts = false): TokenSink {
  return { hashes: new Int32Array(capacity), count: 0, texts: withTexts ? [] : null };
}

function push(sink: TokenSink, h: number, text: string | null): void {
  if (sink.count === sink.hashes.length) {
    const bigger = new Int32Array(sink.hashes.length * 2);
    bigger.set(sink.hashes);
    sink.hashes = bigger;
  }
  sink.hashes[sink.count++] = h;
  if (sink.texts) sink.texts.push(text ?? CLASS_TEXT.get(h) ?? '');
}

/**
 * The characters being scanned, copied out of the string in one native call: reading a typed
 * array in the hot loop costs much less than `charCodeAt` (which dispatches on the string's
 * representation at every character). Past the string's end it holds END, which, like the NaN
 * `charCodeAt` gives there, equals none of the characters the scanner looks for.
 */
const END = 0xffff;
let chars = new Uint16Array(8192);
let charBytes = Buffer.from(chars.buffer);

function load(text: string, n: number): Uint16Array {
  // the scanner peeks up to two characters past the n it tokenises
  const m = Math.min(text.length, n + 2);
  if (chars.length < m + 2) {
    chars = new Uint16Array(m + 1024);
    charBytes = Buffer.from(chars.buffer);
  }
  if (m > 0) charBytes.write(text, 0, m * 2, 'utf16le');
  chars[m] = END;
  chars[m + 1] = END;
  return chars;
}

/** Fills `sink` with the masked tokens of the first `maxChars` characters of `text`. */
export function scanPrompt(text: string, maxChars: number, sink: TokenSink): void {
  sink.count = 0;
  if (sink.texts) sink.texts.length = 0;
  const n = Math.min(text.length, maxChars);
  const u = load(text, n);
  let i = 0;
  while (i < n) {
    const c = u[i] ?? END;
    const k = CLS[c] ?? OTHER;
    if (k === SPACE) {
      i++;
      continue;
    }
    if (c === 0x60 && u[i + 1] === 0x60 && u[i + 2] === 0x60) {
      const close = text.indexOf('```', i + 3);
      push(sink, TOKEN_CODE, null);
      i = close < 0 || close >= n ? n : close + 3;
      continue;
    }
    if (c === 0x22 || c === 0x201c || c === 0xab || c === 0x60 || c === 39) {
      const prevK = i > 0 ? (CLS[u[i - 1] ?? END] ?? OTHER) : SPACE;
      const closer = closingQuote(c);
      if (closer >= 0 || (prevK !== LETTER && prevK !== DIGIT)) {
        const want = closer >= 0 ? closer : 39;
        const lim = Math.min(n, i + 1 + MAX_QUOTED);
        let j = i + 1;
        while (j < lim) {
          const d = u[j] ?? END;
          if (d === want || d === 10) break;
          j++;
        }
        if (j < lim && u[j] === want && (want !== 39 || !isAsciiLetter(u[j + 1] ?? END))) {
          push(sink, TOKEN_STR, null);
          i = j + 1;
        } else i++;
        continue;
      }
    }
    if (k === CJK) {
      push(sink, Math.imul(c, 0x9e3779b1) ^ 0x5bd1e995, sink.texts ? String.fromCharCode(c) : null);
      i++;
      continue;
    }
    if (k === OTHER) {
      i++; // punctuation and symbols carry no template information
      continue;
    }
    // a word-like run: hash its lower-cased letters and digits, classify as we go
    const start = i;
    let h = 0x811c9dc5 | 0;
    let digits = 0;
    let letters = 0;
    let atPos = -1;
    let dotAfterAt = false;
    let colonSlash = false;
    while (i < n) {
      let d = u[i] ?? END;
      if (d >= 97 && d <= 122) {
        // lower-case ASCII letters (most of any prompt) without the class lookup
        const from = i;
        do {
          h = Math.imul(h ^ d, 0x01000193);
          d = u[++i] ?? END;
        } while (i < n && d >= 97 && d <= 122);
        letters += i - from;
        if (i >= n) break;
      }
      const kd = CLS[d] ?? OTHER;
      if (kd === LETTER) {
        letters++;
        h = Math.imul(h ^ (d | 0x20), 0x01000193);
      } else if (kd === DIGIT) {
        digits++;
        h = Math.imul(h ^ d, 0x01000193);
      } else if (kd === INNER) {
        if (d === 64 && atPos < 0) atPos = i;
        else if (d === 46 && atPos >= 0 && i > atPos + 1) dotAfterAt = true;
        else if (d === 58 && u[i + 1] === 47) colonSlash = true;
      } else if (kd === HIGH_RUN) {
        letters++;
        h = Math.imul(h ^ d, 0x01000193);
      } else break;
      i++;
    }
    if (digits === 0 && letters === 0) continue;
    if (colonSlash && letters >= 4 && ((u[start] ?? END) | 0x20) === 104) push(sink, TOKEN_URL, null);
    else if (atPos > start && dotAfterAt) push(sink, TOKEN_EMAIL, null);
    else if (digits > 0) push(sink, letters > 0 ? TOKEN_ID : TOKEN_N, null);
    else {
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      push(sink, h, sink.texts ? text.slice(start, i).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '') : null);
    }
  }
}
