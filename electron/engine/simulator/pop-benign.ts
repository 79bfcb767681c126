// Engine, simulator (any thread). Benign individuals: the bulk of any provider's traffic.
// Human diurnal sessions in their own time zone, heavy-tailed activity, diverse prompts with a few
// popular openings, official SDK user agents shared by most, dynamic home IPs.
import { ALL_BASE, apiKey, type Builder, modelAt, status } from './builder';
import { benignPrompt } from './prompts';
import type { Rng } from './prng';
import { calibrateRates, cdf, HUMAN_HOURS, sessions, weekday, type DayBuffer } from './schedule';
import * as V from './vocab';
import type { Account, ExchangeRow, Population } from './world';
import { DAY_MS } from './world';

const HOURS = cdf(HUMAN_HOURS);
const TEMPS = [null, 1, 0.7, 0.5, 0.2, 0, 0.3];
const MAXTOK = [1024, 2048, 4096, 8192, 512, 1000, null];

export function benignIndividuals(b: Builder, popIdx: number, count: number, budget: number): Population {
  const { rng, params } = b;
  const start = params.startMs;
  const end = start + params.days * DAY_MS;
  const accounts: Account[] = [];
  const weights: number[] = [];
  for (let i = 0; i < count; i++) {
    // most accounts predate the window; some sign up during it
    const created = rng.chance(0.85) ? start - rng.float() * 700 * DAY_MS : start + rng.float() * (end - start);
    const a = b.newAccount(popIdx, created);
    a.email = b.personalEmail();
    if (rng.chance(0.6)) b.card(a, undefined, rng.chance(0.93) ? a.country : rng.pick(V.COUNTRIES)[0]);
    if (rng.chance(0.5)) a.deviceId = b.device();
    if (rng.chance(0.4)) a.phoneHash = b.phone();
    a.client = rng.chance(0.85) ? rng.zipf(V.COMMON_CLIENTS, 1.4) : rng.pick(V.MOBILE_CLIENTS);
    a.userAgent = a.client.ua;
    a.v6 = rng.chance(0.15);
    a.pActive = 0.1 + 0.8 * rng.float() ** 1.5;
    a.signupChannel = rng.chance(0.7) ? 'web' : rng.chance(0.85) ? 'google-oauth' : rng.pick(['startup-program', 'education', 'research-program']);
    if (rng.chance(0.12)) a.apiKeys.push(`key_${rng.alnum(10)}`);
    accounts.push(a);
    weights.push(rng.logNormal(1, 1.1));
  }
  calibrateRates(accounts, budget, start, params.days, weights);
  return {
    name: 'benign:individuals',
    kind: 'benign',
    archetype: 'individual',
    accounts,
    finish() {
      for (const a of accounts) a.signupIp = b.pools.home(b.seed, a, Math.floor((a.createdMs - start) / DAY_MS), 0).ip;
    },
    schedule(day: number, r: Rng, out: DayBuffer) {
      const dayStart = start + day * DAY_MS;
      const wd = weekday(start, day);
      const f = wd === 0 || wd === 6 ? 0.8 : 1.08;
      for (const a of accounts) {
        if (a.createdMs >= dayStart + DAY_MS || !r.chance(a.pActive)) continue;
        const n = r.poisson(a.rate * f);
        if (n > 0) sessions(a, n, HOURS, 4, 70_000, dayStart, r, out);
      }
    },
    fill(a: Account, ts: number, r: Rng, row: ExchangeRow) {
      humanRow(b, a, ts, r, row, benignPrompt(r));
    },
  };
}

/** The parts of a request every human-driven account shares: home IP, own client, own habits. */
export function humanRow(b: Builder, a: Account, ts: number, r: Rng, row: ExchangeRow, prompt: string): void {
  const day = Math.floor((ts - b.params.startMs) / DAY_MS);
  const addr = b.pools.home(b.seed, a, day, Math.floor(ts / 3_600_000));
  row.ip = addr.ip;
  row.asn = addr.asn;
  row.country = addr.country;
  fillClient(a, row);
  row.apiKey = apiKey(a, r);
  row.model = modelAt(b.release, ts, r, ALL_BASE, null);
  row.prompt = prompt;
  row.inputTokens = Math.ceil(prompt.length / 4) + (r.chance(0.3) ? r.int(3000) : r.int(150));
  // people mostly keep their own settings (the SDK call they wrote once), sometimes change them
  const habit = a.ipSalt;
  row.temperature = r.chance(0.75) ? TEMPS[habit % TEMPS.length]! : r.pick(TEMPS);
  row.topP = (habit >>> 3) % 5 === 0 ? 0.95 : null;
  row.maxTokens = r.chance(0.75) ? MAXTOK[(habit >>> 6) % MAXTOK.length]! : r.pick(MAXTOK);
  row.deviceId = a.deviceId;
  row.status = status(r, 0.004);
  row.outputTokens = row.status === 200 ? Math.max(1, Math.round(r.logNormal(320, 0.9))) : 0;
  if (row.maxTokens !== null && row.outputTokens > row.maxTokens) row.outputTokens = row.maxTokens;
}

export function fillClient(a: Account, row: ExchangeRow): void {
  row.userAgent = a.userAgent;
  row.ja4 = a.client.ja4;
  row.endpoint = a.client.endpoint;
}
