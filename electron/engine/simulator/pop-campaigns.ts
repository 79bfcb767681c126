// Engine, simulator (any thread). Distillation campaigns, one population each:
// - hydra: proxy pool on hosting networks, burst sign-ups, a few shared prepaid cards, templated
//   capability-targeted CoT prompts, round-robin load balancing, fixed settings, fast model pivot;
// - stealth: own residential IP each, distinct cards from one BIN, SDK user agent, paraphrased
//   templates, synchronized active hours;
// - crew: 3-8 accounts sharing one card and one device.
// `stealth` (0..1) blurs each archetype's tells.
import { apiKey, asnLabel, type Builder, modelAt, type Pivot, status } from './builder';
import { addressPool } from './net';
import { fillClient, humanRow } from './pop-benign';
import { chooseTemplates, codingPrompt, harvestPrompt, type HarvestStyle } from './prompts';
import type { Rng } from './prng';
import type { CampaignSpec } from './params';
import { calibrateRates, cdf, EVENING_HOURS, sessions, type DayBuffer } from './schedule';
import * as V from './vocab';
import type { Account, ExchangeRow, Population } from './world';
import { BASE_MODELS, DAY_MS, HOUR_MS } from './world';

const TOP_MODEL = [BASE_MODELS[0]];

interface ProxyAddr {
  ip: string;
  asn: string;
  country: string;
}

function harvestRow(b: Builder, a: Account, ts: number, r: Rng, row: ExchangeRow, style: HarvestStyle, pivot: Pivot): void {
  fillClient(a, row);
  row.apiKey = apiKey(a, r);
  row.model = modelAt(b.release, ts, r, TOP_MODEL, pivot);
  row.prompt = harvestPrompt(r, style);
  row.inputTokens = Math.ceil(row.prompt.length / 4) + 20 + r.int(80);
  row.deviceId = a.deviceId;
}

export function hydra(b: Builder, popIdx: number, name: string, spec: CampaignSpec, budget: number): Population {
  const { rng, params } = b;
  const s = spec.stealth;
  const start = params.startMs;
  const n = spec.accounts;
  // proxy pool: a few hosting networks, shared by all accounts of the campaign
  const nets = [0, 1, 2].map(() => rng.pick(V.HOSTING));
  const poolSize = Math.max(6, Math.ceil(n * (0.08 + 0.5 * s)));
  const proxies: ProxyAddr[] = [];
  nets.forEach((net, k) => {
    for (const ip of addressPool(net[2], net[3], Math.ceil(poolSize / nets.length), rng.u32())) proxies.push({ ip, asn: asnLabel(net[0]), country: net[1] });
    void k;
  });
  const bins = [rng.pick(['431274', '476173', '520082', '535318', '404038']), rng.pick(['487093', '511563', '559666'])];
  const cards = Array.from({ length: Math.max(2, Math.ceil(n / (60 - 50 * s))) }, (_, i) => ({ pf: `pf_${rng.hex(16)}`, bin: bins[i % 2]! }));
  const phones = Array.from({ length: Math.max(2, Math.ceil(n / 25)) }, () => b.phone());
  const bases = Array.from({ length: Math.max(1, Math.ceil(n / 40)) }, () => `${rng.pick(V.FIRST_NAMES)}${rng.pick(V.LAST_NAMES)}${rng.digits(3)}`);
  const client = rng.pick(V.CUSTOM_CLIENTS);
  const style: HarvestStyle = { templates: chooseTemplates(rng, 3 + rng.int(3)), cotShare: 0.92 - 0.3 * s, paraphrase: 0.6 * s, cotPhrases: V.COT_PHRASES };
  const temperature = rng.pick([0.6, 0.7, 1.0]);
  const pivot: Pivot = { delayH: 2 + rng.float() * 14 + 8 * s, share: 0.92 };

  // sign-up waves: tens of accounts within minutes from one proxy /24, sharing a card
  const accounts: Account[] = [];
  let wave = 0;
  while (accounts.length < n) {
    const size = Math.min(n - accounts.length, 20 + rng.int(40));
    const t0 = rng.chance(0.6) ? start - rng.float() * 14 * DAY_MS : start + rng.float() * params.days * DAY_MS * 0.4;
    const waveProxy = proxies[rng.int(proxies.length)]!;
    let t = t0;
    for (let i = 0; i < size; i++) {
      t += rng.exp(20_000 * (1 + 30 * s));
      const a = b.newAccount(popIdx, t, 'US');
      const card = cards[(wave + (rng.chance(s) ? rng.int(cards.length) : 0)) % cards.length]!;
      a.paymentFingerprint = card.pf;
      a.cardBin = card.bin;
      a.cardCountry = 'US';
      a.billingCountry = rng.pick(V.COUNTRIES)[0];
      const e = rng.float();
      if (e < 0.25 * (1 - s)) {
        // one mailbox, many spellings (gmail ignores dots and +tags)
        const base = rng.pick(bases);
        let local = '';
        for (const ch of base) local += ch + (rng.chance(0.25) ? '.' : '');
        a.email = b.claimEmail(`${local.replace(/\.$/, '')}${rng.chance(0.5) ? `+${rng.alnum(4)}` : ''}@gmail.com`);
      } else if (e < 0.25 * (1 - s) + 0.3 * (1 - s)) {
        a.email = b.claimEmail(`${rng.pick(V.FIRST_NAMES)}${rng.pick(V.LAST_NAMES)}${rng.digits(4)}@${rng.pick(V.DISPOSABLE_MAIL)}`);
      } else {
        a.email = b.personalEmail();
      }
      if (rng.chance(0.5)) a.phoneHash = rng.pick(phones);
      if (rng.chance(0.3)) a.deviceId = b.device();
      a.signupChannel = rng.pick(['education', 'education', 'research-program', 'research-program', 'startup-program', 'startup-program', 'web']);
      a.client = s > 0.5 && rng.chance(0.5) ? V.COMMON_CLIENTS[0]! : client;
      a.userAgent = a.client.ua;
      a.signupIp = rng.chance(0.8) ? waveProxy.ip : rng.pick(proxies).ip;
      accounts.push(a);
    }
    wave++;
  }
  // round robin over accounts in sign-up order; an account joins the rotation the day after sign-up
  const order = [...accounts].sort((x, y) => x.createdMs - y.createdMs);
  const activeOn = (day: number) => {
    const dayStart = start + day * DAY_MS;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order[mid]!.createdMs < dayStart) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let accountDays = 0;
  for (let d = 0; d < params.days; d++) accountDays += activeOn(d);
  const perAccountDay = accountDays > 0 ? budget / accountDays : 0;
  for (const a of accounts) a.rate = perAccountDay;
  const outMedian = 2400;
  return {
    name,
    kind: 'campaign',
    archetype: 'hydra',
    stealth: s,
    accounts,
    schedule(day: number, r: Rng, out: DayBuffer) {
      const active = activeOn(day);
      if (!active) return;
      const volume = r.poisson(perAccountDay * active * (0.95 + 0.1 * r.float()));
      const spacing = DAY_MS / Math.max(1, volume);
      const offset = r.int(active);
      for (let i = 0; i < volume; i++) out.push((i + 0.5 + (r.float() - 0.5) * (0.6 + s)) * spacing, order[(offset + i) % active]!.idx);
    },
    fill(a: Account, ts: number, r: Rng, row: ExchangeRow) {
      const p = proxies[r.int(proxies.length)]!;
      row.ip = p.ip;
      row.asn = p.asn;
      row.country = p.country;
      harvestRow(b, a, ts, r, row, style, pivot);
      row.temperature = temperature;
      row.topP = 0.95;
      row.maxTokens = 8192;
      row.status = status(r, 0.02);
      row.outputTokens = row.status === 200 ? Math.min(8192, Math.round(r.logNormal(outMedian, 0.35))) : 0;
    },
  };
}

const OTHER_TEMPERATURES = [null, 0.5, 1];

export function stealth(b: Builder, popIdx: number, name: string, spec: CampaignSpec, budget: number): Population {
  const { rng, params } = b;
  const s = spec.stealth;
  const start = params.startMs;
  const bin = `4${rng.digits(5)}`;
  const h0 = rng.int(24);
  const windowH = 8;
  const style: HarvestStyle = {
    templates: chooseTemplates(rng, 4),
    cotShare: 0.75 - 0.35 * s,
    paraphrase: 0.4 + 0.6 * s,
    cotPhrases: s > 0.5 ? V.COT_PARAPHRASES : [...V.COT_PHRASES, ...V.COT_PARAPHRASES],
  };
  const pivot: Pivot = { delayH: 12 + 24 * s, share: 0.7 };
  const temperature = rng.pick([0.7, 0.8]);
  const accounts: Account[] = [];
  const shift: number[] = [];
  for (let i = 0; i < spec.accounts; i++) {
    const a = b.newAccount(popIdx, start - 40 * DAY_MS + rng.float() * (40 * DAY_MS + params.days * DAY_MS * 0.3));
    a.email = b.personalEmail();
    b.card(a, bin, 'US');
    if (rng.chance(0.5)) a.deviceId = b.device();
    a.client = s >= 0.5 ? rng.zipf(V.COMMON_CLIENTS.slice(0, 4), 1.4) : V.COMMON_CLIENTS[0]!;
    a.userAgent = a.client.ua;
    a.signupChannel = rng.chance(0.5) ? 'web' : rng.pick(['startup-program', 'research-program', 'google-oauth']);
    a.pActive = 0.92;
    accounts.push(a);
    shift.push((rng.float() - 0.5) * 4 * s * HOUR_MS);
  }
  calibrateRates(accounts, budget, start, params.days, accounts.map(() => rng.logNormal(1, 0.25)));
  return {
    name,
    kind: 'campaign',
    archetype: 'stealth',
    stealth: s,
    accounts,
    finish() {
      // one residential address each, never shared with anyone
      for (const a of accounts) {
        a.fixedIp = b.reservedIp(a.isp);
        a.signupIp = a.fixedIp;
      }
    },
    schedule(day: number, r: Rng, out: DayBuffer) {
      const dayStart = start + day * DAY_MS;
      accounts.forEach((a, i) => {
        if (a.createdMs >= dayStart || !r.chance(a.pActive)) return;
        const n = r.poisson(a.rate);
        const from = h0 * HOUR_MS + (shift[i] ?? 0);
        for (let k = 0; k < n; k++) out.push(((from + r.float() * windowH * HOUR_MS) % DAY_MS + DAY_MS) % DAY_MS, a.idx);
      });
    },
    fill(a: Account, ts: number, r: Rng, row: ExchangeRow) {
      const addr = b.pools.home(b.seed, a, 0, 0);
      row.ip = addr.ip;
      row.asn = addr.asn;
      row.country = addr.country;
      harvestRow(b, a, ts, r, row, style, pivot);
      row.temperature = r.chance(1 - 0.5 * s) ? temperature : r.pick(OTHER_TEMPERATURES);
      row.topP = null;
      row.maxTokens = r.chance(0.9) ? 4096 : 8192;
      row.status = status(r, 0.006);
      row.outputTokens = row.status === 200 ? Math.min(row.maxTokens, Math.round(r.logNormal(1400, 0.45))) : 0;
    },
  };
}

const EVENING = cdf(EVENING_HOURS);

export function crew(b: Builder, popIdx: number, name: string, spec: CampaignSpec, budget: number): Population {
  const { rng, params } = b;
  const start = params.startMs;
  const s = spec.stealth;
  const t0 = rng.chance(0.7) ? start - rng.float() * 60 * DAY_MS : start + rng.float() * params.days * DAY_MS * 0.3;
  const country = rng.pick(V.COUNTRIES)[0];
  const card = { pf: `pf_${rng.hex(16)}`, bin: `5${rng.digits(5)}` };
  const device = b.device();
  const phone = b.phone();
  const client = V.COMMON_CLIENTS[9]!;
  const style: HarvestStyle = { templates: chooseTemplates(rng, 3), cotShare: 0.6 - 0.3 * s, paraphrase: 0.3 * s, cotPhrases: V.COT_PHRASES };
  const pivot: Pivot = { delayH: 60 + rng.float() * 30, share: 0.5 };
  const accounts: Account[] = [];
  let t = t0;
  for (let i = 0; i < spec.accounts; i++) {
    t += rng.float() * 18 * HOUR_MS;
    const a = b.newAccount(popIdx, t, country);
    a.email = b.personalEmail();
    a.paymentFingerprint = card.pf;
    a.cardBin = card.bin;
    a.cardCountry = country;
    a.deviceId = device;
    if (rng.chance(0.5)) a.phoneHash = phone;
    a.client = client;
    a.userAgent = client.ua;
    a.pActive = 0.75;
    accounts.push(a);
  }
  const home = accounts[0]!;
  calibrateRates(accounts, budget, start, params.days, accounts.map(() => 1));
  return {
    name,
    kind: 'campaign',
    archetype: 'crew',
    stealth: s,
    accounts,
    finish() {
      // one household: the same home address for every member
      const ip = b.reservedIp(home.isp);
      for (const a of accounts) {
        a.isp = home.isp;
        a.fixedIp = ip;
        a.signupIp = ip;
      }
    },
    schedule(day: number, r: Rng, out: DayBuffer) {
      const dayStart = start + day * DAY_MS;
      for (const a of accounts) {
        if (a.createdMs >= dayStart + DAY_MS || !r.chance(a.pActive)) continue;
        const n = r.poisson(a.rate);
        if (n > 0) sessions(a, n, EVENING, 8, 40_000, dayStart, r, out);
      }
    },
    fill(a: Account, ts: number, r: Rng, row: ExchangeRow) {
      humanRow(b, a, ts, r, row, '');
      if (r.chance(0.7)) {
        harvestRow(b, a, ts, r, row, style, pivot);
        row.outputTokens = row.status === 200 ? Math.round(r.logNormal(1200, 0.5)) : 0;
      } else {
        row.prompt = codingPrompt(r);
        row.inputTokens = Math.ceil(row.prompt.length / 4) + r.int(100);
      }
      row.temperature = 1;
      row.maxTokens = 4096;
      if (row.outputTokens > 4096) row.outputTokens = 4096;
    },
  };
}
