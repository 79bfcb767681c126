// Engine, simulator (any thread). The unit of work: one hour of one day, rendered to text. The day's
// schedule (who sends when) is built once per day from its own seeded stream, sorted, and every hour
// is rendered from its own stream, so workers can take hours in any order and the bytes never change.
import { unitSeed } from './build-world';
import { mix, Rng } from './prng';
import { withHostile } from './prompts';
import { DayBuffer, keyAccount, keyMs } from './schedule';
import { exchangeCsv, exchangeJson, malformedLine } from './serialize';
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
  // lines are written straight into one reused buffer: building an hour as one big string makes
  // long-lived ropes that cost more in GC and flattening than the rendering itself
  private out = Buffer.allocUnsafe(1 << 22);

  constructor(private readonly world: World) {
    const a = world.accounts[0]!;
    this.row = { requestId: '', ts: 0, account: a, apiKey: '', ip: '', asn: '', country: '', userAgent: '', ja4: '', endpoint: '', model: '', inputTokens: 0, outputTokens: 0, prompt: '', temperature: null, topP: null, maxTokens: null, deviceId: '', status: 200 };
  }

  /** The day's sorted (time, account) keys. */
  schedule(day: number): Float64Array {
    if (day !== this.day) {
      this.buf.reset();
      const { params, populations } = this.world;
      populations.forEach((p, i) => p.schedule(day, new Rng(params.seed, 0xda7, day, i), this.buf));
      this.keys = this.buf.sorted();
      this.day = day;
    }
    return this.keys;
  }

  render(day: number, hour: number): UnitResult {
    const { world } = this;
    const { params } = world;
    const keys = this.schedule(day);
    const lo = lowerBound(keys, keyMsStart(hour));
    const hi = lowerBound(keys, keyMsStart(hour + 1));
    const rng = new Rng(unitSeed(params, day, hour));
    const dayStart = world.startMs + day * DAY_MS;
    const serialize = params.format === 'csv' ? exchangeCsv : exchangeJson;
    const row = this.row;
    const idPrefix = `req_${(mix(params.seed, day, hour) >>> 8).toString(36)}`;
    let out = this.out;
    let pos = 0;
    let malformed = 0;
    for (let i = lo; i < hi; i++) {
      const key = keys[i]!;
      const a = world.accounts[keyAccount(key)]!;
      row.account = a;
      row.ts = dayStart + keyMs(key);
      row.requestId = idPrefix + rng.u32().toString(36) + rng.u32().toString(36);
      world.populations[a.pop]!.fill(a, row.ts, rng, row);
      if (params.hostileRate > 0 && rng.chance(params.hostileRate)) row.prompt = withHostile(rng, row.prompt);
      let line = serialize(row);
      if (params.malformed > 0 && rng.chance(params.malformed)) {
        line = malformedLine(line, params.format, rng);
        malformed++;
      }
      if (pos + line.length * 3 > out.length) {
        const grown = Buffer.allocUnsafe(Math.max(out.length * 2, pos + line.length * 3));
        out.copy(grown, 0, 0, pos);
        this.out = out = grown;
      }
      pos += out.write(line, pos, "utf8");
    }
    return { bytes: new Uint8Array(out.subarray(0, pos)), exchanges: hi - lo - malformed, malformed };
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
