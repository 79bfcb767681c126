// Engine, job worker. The signals_json text of a stored edge: an object of its signals' weights,
// {"template":0.3449,"tls":0.1378}, weights rounded to 4 decimals (printed as JavaScript prints
// them), zero-weight signals left out, heaviest first, equal weights in signal order (the key
// order JSON.parse keeps: signal names are never array indexes). Analyses before this form
// wrote the list [{"signal":"template","weight":0.3449}, ...] in the same order (twice the bytes:
// 223 a stored edge at the reported scale, where 2 million edges are stored); a case keeps that
// form until its next analysis, so every reader goes through readSignalsJson, which takes both.
// Written directly as bytes: an object per signal, a double-to-text conversion per weight and
// a string per edge (which better-sqlite3 flattens and converts again when it binds it) were
// more than half of the edge write outside SQLite. persist.ts hands SQLite a batch's texts as
// one blob.

export interface StoredSignal {
  signal: string;
  weight: number;
}

/** An edge's signals as stored, heaviest first, from either form of signals_json. */
export function readSignalsJson(text: string): StoredSignal[] {
  const raw = JSON.parse(text) as unknown;
  if (Array.isArray(raw)) return raw as StoredSignal[];
  const out: StoredSignal[] = [];
  if (raw && typeof raw === 'object') for (const [signal, weight] of Object.entries(raw as Record<string, number>)) out.push({ signal, weight });
  return out;
}

/** The names of an edge's signals as stored (either form; the earliest lists held bare names). */
export function signalNamesOfJson(text: string): string[] {
  return (readSignalsJson(text) as Array<StoredSignal | string>).map((s) => (typeof s === 'string' ? s : s.signal));
}

/** Weights (in ten-thousandths) from which the text is left to the engine (never reached by real ones). */
const LARGE = 1e15;

const ASCII = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0));
const DOT = 0x2e;
const ZERO = 0x30;

/** Writes signals_json texts into a byte buffer (ASCII: signal names are identifiers). */
export class SignalsJsonEncoder {
  private readonly heads: Uint8Array[];
  private readonly idx: Int32Array;
  private readonly rounded: Float64Array; // the rounded weights, ordered
  private readonly units: Float64Array; // the same in ten-thousandths, integers
  /** The longest text one edge can have (every signal, the longest weights). */
  readonly maxBytes: number;

  constructor(signalNames: readonly string[]) {
    for (const name of signalNames) {
      if (!/^[\x20-\x7e]*$/.test(JSON.stringify(name))) throw new Error('signals json: signal names must be ASCII');
      // an array-index key would be read back first, out of the weight order
      if (/^(0|[1-9][0-9]*)$/.test(name)) throw new Error('signals json: a signal name cannot be a number');
    }
    this.heads = signalNames.map((name) => ASCII(`${JSON.stringify(name)}:`));
    this.idx = new Int32Array(signalNames.length);
    this.rounded = new Float64Array(signalNames.length);
    this.units = new Float64Array(signalNames.length);
    // the braces; per signal: a comma, its head, a number of at most 24 characters
    this.maxBytes = 2 + this.heads.reduce((s, h) => s + h.length + 25, 0);
  }

  /**
   * Writes the text of the edge whose sparse signals are sigK/sigW[from .. to) (ascending
   * signal index, raw weights) at `out[pos]`; returns the position after it. `out` must have
   * `maxBytes` free from `pos`.
   */
  write(out: Uint8Array, pos: number, sigK: Uint8Array, sigW: Float32Array | Float64Array, from: number, to: number): number {
    const { idx, rounded, units, heads } = this;
    let m = 0;
    for (let x = from; x < to; x++) {
      const w = sigW[x]!;
      if (!(w > 0)) continue;
      const u = Math.round(w * 1e4);
      const r = u / 1e4;
      // insertion sort, stable: after every earlier signal of equal or greater weight
      let k = m++;
      while (k > 0 && rounded[k - 1]! < r) {
        rounded[k] = rounded[k - 1]!;
        units[k] = units[k - 1]!;
        idx[k] = idx[k - 1]!;
        k--;
      }
      rounded[k] = r;
      units[k] = u;
      idx[k] = sigK[x]!;
    }
    let p = pos;
    out[p++] = 0x7b; // {
    for (let k = 0; k < m; k++) {
      if (k > 0) out[p++] = 0x2c; // ,
      const head = heads[idx[k]!]!;
      out.set(head, p);
      p += head.length;
      p = writeTenThousandths(out, p, units[k]!);
    }
    out[p++] = 0x7d; // }
    return p;
  }
}

/**
 * Writes the text of `n / 10000` as JavaScript prints it (String(n / 1e4)) at out[p], for an
 * integer n >= 0; returns the position after it. Below 10^15 the shortest text that reads back
 * as that double is its decimal with 4 fraction digits, trailing zeros dropped (two such decimals
 * are never the same double at these magnitudes, and any shorter text is another such decimal).
 */
function writeTenThousandths(out: Uint8Array, p: number, n: number): number {
  if (!(n >= 0 && n < LARGE)) {
    const s = String(n / 1e4);
    for (let i = 0; i < s.length; i++) out[p++] = s.charCodeAt(i);
    return p;
  }
  let whole = Math.floor(n / 10_000);
  let frac = n - whole * 10_000;
  // the whole part's digits, backwards into place
  let len = 1;
  for (let t = whole; t >= 10; t = Math.floor(t / 10)) len++;
  for (let i = p + len - 1; i >= p; i--) {
    const q = Math.floor(whole / 10);
    out[i] = ZERO + (whole - q * 10);
    whole = q;
  }
  p += len;
  if (frac === 0) return p;
  out[p++] = DOT;
  for (let scale = 1000; frac > 0; scale /= 10) {
    const d = Math.floor(frac / scale);
    out[p++] = ZERO + d;
    frac -= d * scale;
  }
  return p;
}
