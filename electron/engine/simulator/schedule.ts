// Engine, simulator (any thread). When exchanges happen. A day's traffic is a list of
// (time-in-day, account) pairs packed into one float64 each (ms * 2^20 + account index), so a
// whole day sorts as a typed array; then it is cut into hours and rendered.
import type { Rng } from './prng';
import type { Account } from './world';
import { DAY_MS } from './world';

const ACCT_SPACE = 1_048_576; // 2^20 > MAX_ACCOUNTS

export class DayBuffer {
  keys = new Float64Array(1 << 16);
  n = 0;

  push(msInDay: number, acct: number): void {
    if (msInDay < 0 || msInDay >= DAY_MS) return;
    if (this.n === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    this.keys[this.n++] = Math.floor(msInDay) * ACCT_SPACE + acct;
  }

  /** sorted view (time order; ties by account index) */
  sorted(): Float64Array {
    return this.keys.subarray(0, this.n).sort();
  }

  reset(): void {
    this.n = 0;
  }
}

export const keyMs = (key: number): number => Math.floor(key / ACCT_SPACE);
export const keyAccount = (key: number): number => key % ACCT_SPACE;

/** Relative activity per local hour. */
export const HUMAN_HOURS = [0.3, 0.18, 0.12, 0.08, 0.08, 0.12, 0.3, 0.6, 1.0, 1.4, 1.6, 1.6, 1.3, 1.4, 1.6, 1.6, 1.5, 1.3, 1.1, 1.1, 1.2, 1.1, 0.8, 0.5];
export const OFFICE_HOURS = [0, 0, 0, 0, 0, 0, 0, 0.1, 0.6, 1.6, 1.8, 1.6, 0.8, 1.5, 1.8, 1.7, 1.4, 0.7, 0.2, 0.05, 0.05, 0, 0, 0];
export const EVENING_HOURS = [0.6, 0.3, 0.1, 0.05, 0, 0, 0, 0.05, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2, 0.3, 0.6, 1.2, 1.8, 2.0, 2.0, 1.6, 1.0];
export const STUDENT_HOURS = [0.8, 0.5, 0.3, 0.1, 0.05, 0.05, 0.1, 0.3, 0.8, 1.2, 1.4, 1.3, 1.0, 1.3, 1.5, 1.5, 1.4, 1.2, 1.0, 1.1, 1.4, 1.6, 1.5, 1.2];
export const FLAT_HOURS = new Array<number>(24).fill(1);

export function cdf(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let i = 0; i < weights.length; i++) out[i] = s += weights[i] ?? 0;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / s;
  return out;
}

export function sampleIndex(c: Float64Array, rng: Rng): number {
  const u = rng.float();
  let i = 0;
  while (i < c.length - 1 && (c[i] ?? 1) <= u) i++;
  return i;
}

/** UTC weekday of a day index of the window (0 = Sunday). */
export const weekday = (startMs: number, day: number): number => new Date(startMs + day * DAY_MS).getUTCDay();

/**
 * Human sessions: n requests split into bursts of a few, each burst starting at a local time
 * drawn from the hourly profile, requests within a burst a minute or two apart.
 */
export function sessions(a: Account, n: number, hours: Float64Array, meanBurst: number, gapMs: number, dayStartMs: number, rng: Rng, out: DayBuffer): void {
  let left = n;
  while (left > 0) {
    const size = Math.min(left, 1 + Math.floor(rng.exp(meanBurst - 1)));
    left -= size;
    const localMin = sampleIndex(hours, rng) * 60 + rng.int(60);
    let ms = ((((localMin - a.tz * 60) % 1440) + 1440) % 1440) * 60_000 + rng.int(60_000);
    for (let j = 0; j < size; j++) {
      if (dayStartMs + ms >= a.createdMs) out.push(ms, a.idx);
      ms += 4000 + rng.exp(gapMs);
    }
  }
}

/** Spread each account's expected traffic over the window so the population meets its budget. */
export function calibrateRates(accounts: Account[], budget: number, startMs: number, days: number, weights: number[]): void {
  const endMs = startMs + days * DAY_MS;
  // rate = budget * w / sum(w * exposure): the expected total (sum of rate * exposure) is the budget
  let denom = 0;
  const exposure = accounts.map((a, i) => {
    const e = (Math.max(0, (endMs - Math.max(startMs, a.createdMs)) / DAY_MS) * a.pActive);
    denom += (weights[i] ?? 1) * e;
    return e;
  });
  accounts.forEach((a, i) => {
    a.rate = (exposure[i] ?? 0) > 0 && denom > 0 ? (budget * (weights[i] ?? 1)) / denom : 0;
  });
}
