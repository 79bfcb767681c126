// Engine, simulator (any thread). The unit of work: one hour of one day, rendered to text. The day's
// schedule (who sends when) is built once per day from its own seeded stream, sorted, and every hour
// is rendered from its own stream, so workers can take hours in any order and the bytes never change.
import { unitSeed } from './build-world';
import { ByteSink } from './bytes';
import { mix, Rng } from './prng';
import { withHostile } from './prompts';
import { DayBuffer, keyAccount, keyMs } from './schedule';
import { malformedLine, writeExchangeCsv, writeExchangeJson } from './serialize';
import type { ExchangeRow, World } from './world';
import { DAY_MS, HOUR_MS } from './world';

export interface UnitResult {
  /** UTF-8 bytes of the hour's lines (a fresh copy, safe to transfer) */
  bytes: Uint8Array;
  exchanges: number;
  malformed: number;
}

export class DayRenderer {
  private day = -1;
  private keys: Float64Array = new Float64Array(0);
  private readonly buf = new DayBuffer();
  private readonly row: ExchangeRow;
  // rows are written piece by piece into one reused byte buffer (see bytes.ts)
  private readonly out = new ByteSink();

  constructor(private readonly world: World) {
    const a = world.accounts[0]!;
    this.row = { idA: 0, idB: 0, ts: 0, account: a, apiKey: '', ip: '', asn: '', country: '', userAgent: '', ja4: '', endpoint: '', model: '', inputTokens: 0, outputTokens: 0, prompt: '', temperature: null, topP: null, maxTokens: null, deviceId: '', status: 200 };
  }

  /** days whose keys another thread computed (see provide) */
  private readonly given = new Map<number, Float64Array>();
  private spare: DayBuffer | null = null;

  /** The day's sorted (time, account) keys (given, or computed here into a reused buffer). */
  schedule(day: number): Float64Array {
    if (day !== this.day) {
      const given = this.given.get(day);
      this.keys = given ?? this.compute(day, this.buf);
      this.day = day;
      // hours come in order: days before this one are done with
      for (const d of this.given.keys()) if (d < day) this.given.delete(d);
    }
    return this.keys;
  }

  private compute(day: number, buf: DayBuffer): Float64Array {
    buf.reset();
    const { params, populations } = this.world;
    populations.forEach((p, i) => p.schedule(day, new Rng(params.seed, 0xda7, day, i), buf));
    return buf.sorted();
  }

  /**
   * The day's keys in memory another thread can share (worker threads split the days' schedules
   * instead of each computing every day). Computed aside: the day being rendered stays as it is.
   */
  shareSchedule(day: number): Float64Array {
    const own = this.given.get(day);
    if (own) return own;
    const keys = day === this.day ? this.keys : this.compute(day, (this.spare ??= new DayBuffer()));
    const shared = new Float64Array(new SharedArrayBuffer(keys.length * 8));
    shared.set(keys);
    this.given.set(day, shared);
    if (day === this.day) this.keys = shared;
    return shared;
  }

  /** Keys of a day computed elsewhere (the same bytes as computing them here). */
  provide(day: number, keys: Float64Array): void {
    if (day >= this.day) this.given.set(day, keys);
  }

  hasSchedule(day: number): boolean {
    return day === this.day || this.given.has(day);
  }

  /** The hour's lines as a fresh copy (safe to keep or transfer). */
  render(day: number, hour: number): UnitResult {
    const r = this.renderInto(this.out, day, hour);
    return { bytes: this.out.copy(), exchanges: r.exchanges, malformed: r.malformed };
  }

  /** The hour's lines written into `out` from position 0 (out.buf[0, out.pos)). */
  renderInto(out: ByteSink, day: number, hour: number): { exchanges: number; malformed: number } {
    const { world } = this;
    const { params } = world;
    const keys = this.schedule(day);
    const lo = lowerBound(keys, keyMsStart(hour));
    const hi = lowerBound(keys, keyMsStart(hour + 1));
    const rng = new Rng(unitSeed(params, day, hour));
    const dayStart = world.startMs + day * DAY_MS;
    const csv = params.format === 'csv';
    const row = this.row;
    // a plain Uint8Array like every other pre-encoded piece (ByteSink.bytes sees one shape)
    const idPrefix = new Uint8Array(Buffer.from(`req_${(mix(params.seed, day, hour) >>> 8).toString(36)}`, 'latin1'));
    out.pos = 0;
    let malformed = 0;
    for (let i = lo; i < hi; i++) {
      const key = keys[i]!;
      const a = world.accounts[keyAccount(key)]!;
      row.account = a;
      row.ts = dayStart + keyMs(key);
      row.idA = rng.u32();
      row.idB = rng.u32();
      world.populations[a.pop]!.fill(a, row.ts, rng, row);
      if (params.hostileRate > 0 && rng.chance(params.hostileRate)) row.prompt = withHostile(rng, row.prompt);
      const start = out.pos;
      if (csv) writeExchangeCsv(out, row, idPrefix);
      else writeExchangeJson(out, row, idPrefix);
      if (params.malformed > 0 && rng.chance(params.malformed)) {
        const line = malformedLine(out.text(start), params.format, rng);
        out.pos = start;
        out.raw(line);
        malformed++;
      }
    }
    return { exchanges: hi - lo - malformed, malformed };
  }
}

// keys are ms * 2^20 + account: the first key of an hour is hour * 3600000 * 2^20
const keyMsStart = (hour: number): number => hour * HOUR_MS * 1_048_576;

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
