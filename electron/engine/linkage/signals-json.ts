// Engine, job worker. The signals_json text of a stored edge, written directly: the same text as
// JSON.stringify of [{signal, weight}] (weights rounded to 4 decimals, zero-weight signals left
// out) sorted by weight, heaviest first, equal weights in signal order. Why not JSON.stringify:
// an object per signal, and a double-to-text conversion per weight, were most of the edge
// write's own time (millions of edges at the reported scale).

/**
 * The text of `n / 10000` as JavaScript prints it (String(n / 1e4)), for an integer n >= 0 below
 * 10^15: the shortest text that reads back as that double is its decimal with 4 fraction digits,
 * trailing zeros dropped (two such decimals are never the same double at these magnitudes, and
 * any shorter text is another such decimal). Integer part printed by the engine (small integers
 * are cached), fraction from a table of the 10,000 possible endings.
 */
const FRACTION: readonly string[] = Array.from({ length: 10_000 }, (_, f) => (f === 0 ? '' : `.${String(f).padStart(4, '0')}`.replace(/0+$/, '')));

export function tenThousandthsText(n: number): string {
  if (!(n >= 0 && n < 1e15)) return String(n / 1e4); // beyond any real weight: the engine's text
  const whole = Math.floor(n / 10_000);
  return `${whole}${FRACTION[n - whole * 10_000]!}`;
}

/** Writes an edge's signals_json from its sparse signals (ascending signal index, raw weights). */
export function signalsJsonWriter(signalNames: readonly string[]): (sigK: Uint8Array, sigW: Float32Array | Float64Array, from: number, to: number) => string {
  const head = signalNames.map((name) => `{"signal":${JSON.stringify(name)},"weight":`);
  const idx = new Int32Array(signalNames.length);
  const rounded = new Float64Array(signalNames.length); // the rounded weights, ordered
  const units = new Float64Array(signalNames.length); // the same in ten-thousandths, integers
  return (sigK, sigW, from, to) => {
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
    if (m === 0) return '[]';
    let json = `[${head[idx[0]!]!}${tenThousandthsText(units[0]!)}}`;
    for (let k = 1; k < m; k++) json += `,${head[idx[k]!]!}${tenThousandthsText(units[k]!)}}`;
    return `${json}]`;
  };
}
