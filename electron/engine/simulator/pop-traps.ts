// Engine, simulator (any thread). The traps: benign structures that really are linked but are not
// campaigns. A university behind one NAT, an enterprise on one corporate card, carrier CGNAT, and a
// SaaS backend (one account, huge templated volume from cloud IPs).
import { apiKey, asnLabel, type Builder, modelAt, status } from './builder';
import { addressPool } from './net';
import { fillClient, humanRow } from './pop-benign';
import { benignPrompt, codingPrompt, homeworkPrompt, saasPrompt } from './prompts';
import type { Rng } from './prng';
import { calibrateRates, cdf, HUMAN_HOURS, OFFICE_HOURS, sampleIndex, sessions, STUDENT_HOURS, weekday, type DayBuffer } from './schedule';
import * as V from './vocab';
import type { Account, ExchangeRow, Population } from './world';
import { DAY_MS, HOUR_MS } from './world';

const STUDENT = cdf(STUDENT_HOURS);
const OFFICE = cdf(OFFICE_HOURS);
const HUMAN = cdf(HUMAN_HOURS);

function humanSchedule(accounts: Account[], start: number, hours: Float64Array, dayFactor: (wd: number) => number, meanBurst: number) {
  return (day: number, r: Rng, out: DayBuffer) => {
    const dayStart = start + day * DAY_MS;
    const f = dayFactor(weekday(start, day));
    for (const a of accounts) {
      if (a.createdMs >= dayStart + DAY_MS || !r.chance(a.pActive)) continue;
      const n = r.poisson(a.rate * f);
      if (n > 0) sessions(a, n, hours, meanBurst, 60_000, dayStart, r, out);
    }
  };
}

/** trap:university-nat: students behind two NAT addresses, one email domain, shared homework. */
export function universityNat(b: Builder, popIdx: number, count: number, budget: number): Population {
  const { rng, params } = b;
  const start = params.startMs;
  const nat = ['128.143.22.7', '128.143.22.8'];
  const natAsn = asnLabel(10466);
  const domain = 'student.northfield.edu';
  const lecture = start - 30 * DAY_MS + 14 * HOUR_MS;
  const accounts: Account[] = [];
  for (let i = 0; i < count; i++) {
    // most sign up in the first lecture (all from the campus NAT within an hour), the rest later
    const created = rng.chance(0.6) ? lecture + rng.float() * HOUR_MS : lecture + rng.float() * (30 * DAY_MS + params.days * DAY_MS * 0.5);
    const a = b.newAccount(popIdx, created, 'US');
    a.email = b.personalEmail(domain);
    if (rng.chance(0.25)) b.card(a);
    a.client = rng.chance(0.7) ? rng.pick(V.COMMON_CLIENTS.slice(9, 11)) : V.COMMON_CLIENTS[0]!;
    a.userAgent = a.client.ua;
    a.signupChannel = rng.chance(0.8) ? 'education' : 'web';
    a.pActive = 0.3 + 0.4 * rng.float();
    accounts.push(a);
  }
  calibrateRates(accounts, budget, start, params.days, accounts.map(() => rng.logNormal(1, 0.6)));
  const assignments = V.HOMEWORK;
  return {
    name: 'trap:university-nat',
    kind: 'trap',
    archetype: 'university-nat',
    accounts,
    finish() {
      for (const a of accounts) a.signupIp = a.createdMs < lecture + HOUR_MS || rng.chance(0.7) ? nat[a.ipSalt & 1]! : b.pools.home(b.seed, a, 0, 0).ip;
    },
    // homework deadlines on Thursdays
    schedule: humanSchedule(accounts, start, STUDENT, (wd) => (wd === 4 ? 1.9 : wd === 3 ? 1.4 : wd === 6 ? 0.5 : 0.9), 5),
    fill(a: Account, ts: number, r: Rng, row: ExchangeRow) {
      humanRow(b, a, ts, r, row, r.chance(0.65) ? homeworkPrompt(r, assignments) : benignPrompt(r));
      if (r.chance(0.7)) {
        row.ip = nat[r.int(2)]!;
        row.asn = natAsn;
        row.country = 'US';
      }
    },
  };
}

/** trap:enterprise-card: many seats paid by one corporate card in one org, office-hours coding. */
export function enterpriseCard(b: Builder, popIdx: number, count: number, budget: number): Population {
  const { rng, params } = b;
  const start = params.startMs;
  const office = addressPool(64, 124, 4, b.seed ^ 0xe7);
  const officeAsn = asnLabel(394536);
  const card = `pf_${rng.hex(16)}`;
  const org = `org_${rng.alnum(12)}`;
  const accounts: Account[] = [];
  const batches = [start - 120 * DAY_MS, start - 45 * DAY_MS, start + params.days * DAY_MS * 0.3].map((t) => t + 10 * HOUR_MS);
  for (let i = 0; i < count; i++) {
    // seats are added by an admin in batches (minutes apart): a benign sign-up burst
    const a = b.newAccount(popIdx, batches[i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : rng.chance(0.5) ? 0 : 2]! + rng.float() * 15 * 60_000, 'US');
    a.tz = -8;
    a.email = b.personalEmail('acme-robotics.com');
    a.paymentFingerprint = card;
    a.cardBin = '552233';
    a.cardCountry = 'US';
    a.orgId = org;
    a.signupChannel = 'enterprise-sales';
    a.deviceId = b.device();
    a.client = rng.chance(0.5) ? V.COMMON_CLIENTS[11]! : rng.chance(0.6) ? V.COMMON_CLIENTS[0]! : V.COMMON_CLIENTS[2]!;
    a.userAgent = a.client.ua;
    a.pActive = 0.8;
    accounts.push(a);
  }
  calibrateRates(accounts, budget, start, params.days, accounts.map(() => rng.logNormal(1, 0.5)));
  return {
    name: 'trap:enterprise-card',
    kind: 'trap',
    archetype: 'enterprise-card',
    accounts,
    finish() {
      for (const a of accounts) a.signupIp = office[a.ipSalt % office.length]!;
    },
    schedule: humanSchedule(accounts, start, OFFICE, (wd) => (wd === 0 || wd === 6 ? 0.05 : 1.3), 6),
    fill(a: Account, ts: number, r: Rng, row: ExchangeRow) {
      humanRow(b, a, ts, r, row, r.chance(0.85) ? codingPrompt(r) : benignPrompt(r));
      if (r.chance(0.8)) {
        row.ip = office[r.int(office.length)]!;
        row.asn = officeAsn;
        row.country = 'US';
      }
      // the IDE integration pins its settings
      if (a.client === V.COMMON_CLIENTS[11]) {
        row.temperature = 0.2;
        row.maxTokens = 4096;
        row.topP = null;
      }
    },
  };
}

/** trap:carrier-cgnat: thousands of unrelated phone users rotating through a few dozen IPs. */
export function carrierCgnat(b: Builder, popIdx: number, count: number, budget: number): Population {
  const { rng, params } = b;
  const start = params.startMs;
  const carrier = V.CARRIERS[0]!;
  const pool = addressPool(carrier[2], carrier[3], Math.max(12, Math.min(48, Math.ceil(count / 60))), b.seed ^ 0xc9);
  const asn = asnLabel(carrier[0]);
  const accounts: Account[] = [];
  for (let i = 0; i < count; i++) {
    const created = rng.chance(0.85) ? start - rng.float() * 500 * DAY_MS : start + rng.float() * params.days * DAY_MS;
    const a = b.newAccount(popIdx, created, 'US');
    a.email = b.personalEmail();
    if (rng.chance(0.5)) b.card(a);
    if (rng.chance(0.7)) a.deviceId = b.device();
    if (rng.chance(0.5)) a.phoneHash = b.phone();
    a.client = rng.pick(V.MOBILE_CLIENTS);
    a.userAgent = a.client.ua;
    a.pActive = 0.1 + 0.7 * rng.float() ** 1.5;
    a.signupChannel = rng.chance(0.6) ? 'web' : 'google-oauth';
    accounts.push(a);
  }
  calibrateRates(accounts, budget, start, params.days, accounts.map(() => rng.logNormal(1, 1)));
  return {
    name: 'trap:carrier-cgnat',
    kind: 'trap',
    archetype: 'carrier-cgnat',
    accounts,
    finish() {
      for (const a of accounts) a.signupIp = pool[a.ipSalt % pool.length]!;
    },
    schedule: humanSchedule(accounts, start, HUMAN, (wd) => (wd === 0 || wd === 6 ? 1.1 : 1), 3),
    fill(a: Account, ts: number, r: Rng, row: ExchangeRow) {
      humanRow(b, a, ts, r, row, benignPrompt(r));
      // the carrier maps each new connection to any address of its NAT pool
      row.ip = pool[r.int(pool.length)]!;
      row.asn = asn;
      row.country = carrier[1];
    },
  };
}

/** trap:saas-backend: one account, a product's fixed template at huge volume from cloud IPs. */
export function saasBackend(b: Builder, popIdx: number, budget: number): Population {
  const { rng, params } = b;
  const start = params.startMs;
  const cloud = V.HOSTING[0]!;
  const pool = addressPool(cloud[2], cloud[3], 12, b.seed ^ 0x5a);
  const asn = asnLabel(cloud[0]);
  const a = b.newAccount(popIdx, start - 200 * DAY_MS, 'US');
  a.email = b.claimEmail('platform-team@helpdeskly.io');
  b.card(a, '485932', 'US');
  a.signupChannel = 'startup-program';
  a.apiKeys = [0, 1, 2, 3, 4, 5].map(() => `key_${rng.alnum(10)}`);
  a.client = V.COMMON_CLIENTS[0]!;
  a.userAgent = a.client.ua;
  const perDay = budget / params.days;
  return {
    name: 'trap:saas-backend',
    kind: 'trap',
    archetype: 'saas-backend',
    accounts: [a],
    finish() {
      a.signupIp = pool[0]!;
    },
    schedule(day: number, r: Rng, out: DayBuffer) {
      // independent customer requests following the customers' day (US), no sessions
      const n = r.poisson(perDay);
      for (let i = 0; i < n; i++) {
        const localMs = sampleIndex(HUMAN, r) * HOUR_MS + r.int(HOUR_MS);
        out.push((localMs + 6 * HOUR_MS) % DAY_MS, a.idx);
      }
    },
    fill(acct: Account, ts: number, r: Rng, row: ExchangeRow) {
      row.ip = pool[r.int(pool.length)]!;
      row.asn = asn;
      row.country = cloud[1];
      fillClient(acct, row);
      row.apiKey = apiKey(acct, r);
      row.model = modelAt(b.release, ts, r, ['nova-lite-2'], { delayH: Infinity, share: 0 }); // pinned in production
      row.prompt = saasPrompt(r);
      row.inputTokens = Math.ceil(row.prompt.length / 4) + 180;
      row.temperature = 0;
      row.topP = null;
      row.maxTokens = 64;
      row.deviceId = '';
      row.status = status(r, 0.01);
      row.outputTokens = row.status === 200 ? 1 + r.int(40) : 0;
    },
  };
}
