// Benchmarks, repeated runs. This 2-core machine is shared: the same import or analysis took from
// 4.2 to 6.3 s within ten minutes, so one run says little about the code. `--repeat N` runs the
// measurement N times (interleaved with its baseline where there is one) and reports the median
// run, with every run listed beside it.

/** `--repeat N` of the command line (1 when absent); a usage error for anything but a whole number from 1. */
export function repeatCount(argv: readonly string[]): number {
  const i = argv.indexOf('--repeat');
  if (i < 0) return 1;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--repeat takes a whole number from 1, not ${JSON.stringify(argv[i + 1] ?? '')}`);
  return n;
}

/** The run with the median `key` (of an even count, the lower of the two middle runs). */
export function medianBy<T>(runs: readonly T[], key: (run: T) => number): T {
  if (runs.length === 0) throw new Error('medianBy: no runs');
  const sorted = [...runs].sort((x, y) => key(x) - key(y));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The median of numbers (of an even count, the mean of the two middle ones). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median: no values');
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
