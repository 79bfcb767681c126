// The planted properties are really there: one block per population checks its defining statistics.
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE } from '../../../electron/engine/simulator/vocab';
import { distinct, type Ex, gapCv, generateAndLoad, type Loaded, mask, median, ms } from './load-dataset';

let d: Loaded;
const ex = (pop: string): Ex[] => d.byPop.get(pop) ?? [];
const accts = (pop: string) => d.accountsByPop.get(pop) ?? [];
const utcHour = (e: Ex) => new Date(e.ts).getUTCHours();
/** a template's fixed opening: the first two words once numbers are masked */
const head = (p: string) => mask(p).split(/\s+/).slice(0, 2).join(' ');

beforeAll(async () => {
  d = await generateAndLoad({ preset: 'test', seed: 11, campaigns: 'hydra:60,stealth:25:0.6,crew:5,hydra:30:0.2' });
});

describe('the data set', () => {
  it('has every population of truth.json, each account in exactly one, no account shared', () => {
    const names = Object.keys(d.truth.populations);
    expect(names).toEqual(expect.arrayContaining(['benign:individuals', 'trap:university-nat', 'trap:enterprise-card', 'trap:carrier-cgnat', 'trap:saas-backend', 'campaign:hydra-1', 'campaign:hydra-2', 'campaign:stealth-1', 'campaign:crew-1']));
    expect(d.accounts.length).toBe(600);
    expect(Object.keys(d.truth.accounts).length).toBe(600);
    for (const [name, p] of Object.entries(d.truth.populations)) expect(accts(name).length, name).toBe(p.accounts);
    expect(d.exchanges.length).toBe(d.result.counts.exchanges);
    // roughly the requested volume, every exchange belongs to a known account
    expect(d.exchanges.length).toBeGreaterThan(12_000 * 0.9);
    expect(d.exchanges.length).toBeLessThan(12_000 * 1.1);
    expect(d.exchanges.every((e) => e.account_id in d.truth.accounts)).toBe(true);
    // time order and unique request ids
    for (let i = 1; i < d.exchanges.length; i++) expect(ms(d.exchanges[i]!.ts) >= ms(d.exchanges[i - 1]!.ts)).toBe(true);
    expect(distinct(d.exchanges.map((e) => e.request_id))).toBe(d.exchanges.length);
    // ids reveal nothing about the population
    expect(d.accounts.every((a) => /^acct_[a-z0-9]{14}$/.test(a.account_id))).toBe(true);
  });

  it('carries hostile strings in a small share of prompts and user agents', () => {
    const hostile = d.exchanges.filter((e) => HOSTILE.some((h) => e.prompt.includes(h)));
    expect(hostile.length).toBeGreaterThan(10);
    expect(hostile.length / d.exchanges.length).toBeLessThan(0.02);
    expect(d.exchanges.some((e) => e.prompt.includes('<script>alert(1)</script>') || e.prompt.includes('\u202E') || e.prompt.includes('\u0007'))).toBe(true);
    expect(d.exchanges.some((e) => HOSTILE.some((h) => e.user_agent.includes(h)))).toBe(true);
  });
});

describe('benign:individuals', () => {
  it('diverse prompts, popular openings shared by many, SDK user agents used by most', () => {
    const e = ex('benign:individuals');
    expect(distinct(e.map((x) => x.prompt)) / e.length).toBeGreaterThan(0.8);
    const summarize = new Set(e.filter((x) => x.prompt.startsWith('Summarize this:')).map((x) => x.account_id));
    expect(summarize.size).toBeGreaterThan(20);
    const sdk = e.filter((x) => /^(anthropic-sdk|openai-python|OpenAI\/NodeJS)/.test(x.user_agent)).length;
    expect(sdk / e.length).toBeGreaterThan(0.5);
    expect(e.filter((x) => /step by step/i.test(x.prompt)).length / e.length).toBeLessThan(0.06);
  });

  it('human cadence: bursty sessions, a diurnal curve, dynamic home IPs that sometimes repeat across strangers', () => {
    const e = ex('benign:individuals');
    expect(gapCv(e)).toBeGreaterThan(1.2);
    const accountsPerIp = new Map<string, Set<string>>();
    for (const x of e) accountsPerIp.set(x.ip, (accountsPerIp.get(x.ip) ?? new Set()).add(x.account_id));
    const shared = [...accountsPerIp.values()].filter((s) => s.size >= 2).length;
    expect(shared).toBeGreaterThan(0);
    expect(shared / accountsPerIp.size).toBeLessThan(0.2);
    // many accounts change address over the week
    const ipsPerAcct = new Map<string, Set<string>>();
    for (const x of e) ipsPerAcct.set(x.account_id, (ipsPerAcct.get(x.account_id) ?? new Set()).add(x.ip));
    expect([...ipsPerAcct.values()].filter((s) => s.size > 1).length).toBeGreaterThan(ipsPerAcct.size * 0.3);
    // emails: free-mail, some with dots or +tags, all distinct
    const emails = accts('benign:individuals').map((a) => a.email);
    expect(distinct(emails)).toBe(emails.length);
    expect(emails.some((m) => m.includes('+'))).toBe(true);
    expect(emails.filter((m) => m.endsWith('@gmail.com')).length).toBeGreaterThan(emails.length * 0.2);
  });
});

describe('trap:university-nat', () => {
  it('shares two NAT IPs, one email domain, homework prompts, and a sign-up burst from campus', () => {
    const e = ex('trap:university-nat');
    const a = accts('trap:university-nat');
    const nat = e.filter((x) => x.ip.startsWith('128.143.22.')).length;
    expect(nat / e.length).toBeGreaterThan(0.6);
    expect(distinct(e.filter((x) => x.ip.startsWith('128.143.22.')).map((x) => x.ip))).toBeLessThanOrEqual(2);
    expect(a.every((x) => x.email.endsWith('@student.northfield.edu'))).toBe(true);
    const hw = new Map<string, Set<string>>();
    for (const x of e) if (x.prompt.includes('Problem 3: Prove by induction')) hw.set('p3', (hw.get('p3') ?? new Set()).add(x.account_id));
    expect(hw.get('p3')?.size ?? 0).toBeGreaterThanOrEqual(5);
    const created = a.map((x) => ms(x.created_at)).sort((p, q) => p - q);
    const inFirstHour = created.filter((t) => t - created[0]! < 3_600_000).length;
    expect(inFirstHour / a.length).toBeGreaterThan(0.4);
  });
});

describe('trap:enterprise-card', () => {
  it('one corporate card and org for every seat, office-hours weekday coding traffic', () => {
    const a = accts('trap:enterprise-card');
    const e = ex('trap:enterprise-card');
    expect(distinct(a.map((x) => x.payment_fingerprint))).toBe(1);
    expect(distinct(a.map((x) => x.org_id))).toBe(1);
    expect(a.every((x) => x.email.endsWith('@acme-robotics.com'))).toBe(true);
    // 07:00-19:00 Pacific = 15:00-03:00 UTC
    const office = e.filter((x) => utcHour(x) >= 15 || utcHour(x) < 3).length;
    expect(office / e.length).toBeGreaterThan(0.9);
    const weekend = e.filter((x) => [0, 6].includes(new Date(ms(x.ts) - 8 * 3_600_000).getUTCDay())).length;
    expect(weekend / e.length).toBeLessThan(0.05);
    expect(e.filter((x) => x.prompt.includes('```')).length / e.length).toBeGreaterThan(0.7);
  });
});

describe('trap:carrier-cgnat', () => {
  it('many strangers rotate through a few dozen carrier IPs', () => {
    const a = accts('trap:carrier-cgnat');
    const e = ex('trap:carrier-cgnat');
    const ips = distinct(e.map((x) => x.ip));
    expect(ips).toBeLessThanOrEqual(48);
    expect(distinct(e.map((x) => x.account_id)) / ips).toBeGreaterThan(1.5);
    expect(distinct(a.map((x) => x.email))).toBe(a.length);
    const cards = a.map((x) => x.payment_fingerprint).filter(Boolean);
    expect(distinct(cards)).toBe(cards.length);
    expect(distinct(e.map((x) => x.asn))).toBe(1);
  });
});

describe('trap:saas-backend', () => {
  it('one account, huge templated volume from cloud IPs, pinned settings', () => {
    const e = ex('trap:saas-backend');
    expect(accts('trap:saas-backend').length).toBe(1);
    expect(e.length / d.exchanges.length).toBeGreaterThan(0.02);
    expect(e.every((x) => x.prompt.startsWith('Classify the sentiment') || x.prompt.startsWith('Extract the order number'))).toBe(true);
    expect(distinct(e.map((x) => x.asn))).toBe(1);
    expect(e[0]!.asn).toBe('AS16509');
    expect(distinct(e.map((x) => x.temperature))).toBe(1);
    expect(distinct(e.map((x) => x.model))).toBe(1);
  });
});

describe('campaign:hydra', () => {
  it('proxy pool, burst sign-ups, shared prepaid cards', () => {
    const a = accts('campaign:hydra-1');
    const e = ex('campaign:hydra-1');
    const ips = distinct(e.map((x) => x.ip));
    expect(ips).toBeLessThan(a.length / 3);
    expect(e.every((x) => ['AS16509', 'AS14061', 'AS24940', 'AS16276', 'AS20473', 'AS63949', 'AS9009', 'AS212238', 'AS60068', 'AS396982', 'AS8075', 'AS45102'].includes(x.asn))).toBe(true);
    expect(distinct(a.map((x) => x.payment_fingerprint))).toBeLessThanOrEqual(Math.ceil(a.length / 20));
    const created = a.map((x) => ms(x.created_at)).sort((p, q) => p - q);
    const gaps = created.slice(1).map((t, i) => t - created[i]!);
    expect(median(gaps)).toBeLessThan(5 * 60_000);
    expect(a.filter((x) => ['education', 'research-program', 'startup-program'].includes(x.signup_channel)).length / a.length).toBeGreaterThan(0.7);
  });

  it('templated CoT prompts, fixed settings, high output/input ratio, round-robin cadence', () => {
    const e = ex('campaign:hydra-1').filter((x) => x.status === 200);
    expect(e.filter((x) => /step by step/i.test(x.prompt)).length / e.length).toBeGreaterThan(0.8);
    // few templates once the slot values are masked away
    expect(distinct(e.map((x) => head(x.prompt)))).toBeLessThanOrEqual(8);
    // while people almost never repeat themselves
    const benign = ex('benign:individuals');
    expect(distinct(benign.map((x) => head(x.prompt)))).toBeGreaterThan(100);
    expect(distinct(e.map((x) => x.temperature))).toBe(1);
    expect(distinct(e.map((x) => x.max_tokens))).toBe(1);
    expect(median(e.map((x) => x.output_tokens / x.input_tokens))).toBeGreaterThan(10);
    // load balanced: each account's requests are evenly spaced, unlike humans
    expect(gapCv(ex('campaign:hydra-1'))).toBeLessThan(0.6);
    expect(gapCv(ex('campaign:hydra-1'))).toBeLessThan(gapCv(ex('benign:individuals')) / 2);
  });

  it('pivots to the newly released model within 24 hours', () => {
    const rel = ms(d.truth.releases[0]!.at);
    const model = d.truth.releases[0]!.model;
    const after = ex('campaign:hydra-1').filter((x) => ms(x.ts) >= rel + 24 * 3_600_000 && ms(x.ts) < rel + 48 * 3_600_000);
    expect(after.length).toBeGreaterThan(20);
    expect(after.filter((x) => x.model === model).length / after.length).toBeGreaterThan(0.8);
    const benignAfter = ex('benign:individuals').filter((x) => ms(x.ts) >= rel + 24 * 3_600_000 && ms(x.ts) < rel + 48 * 3_600_000);
    expect(benignAfter.filter((x) => x.model === model).length / benignAfter.length).toBeLessThan(0.3);
    expect(ex('campaign:hydra-1').some((x) => ms(x.ts) < rel && x.model === model)).toBe(false);
  });
});

describe('campaign:stealth', () => {
  it('no shared IPs, distinct cards from one BIN, SDK user agents', () => {
    const a = accts('campaign:stealth-1');
    const e = ex('campaign:stealth-1');
    const ipOwners = new Map<string, Set<string>>();
    for (const x of d.exchanges) ipOwners.set(x.ip, (ipOwners.get(x.ip) ?? new Set()).add(x.account_id));
    expect(e.every((x) => ipOwners.get(x.ip)!.size === 1)).toBe(true);
    expect(distinct(a.map((x) => x.payment_fingerprint))).toBe(a.length);
    expect(distinct(a.map((x) => x.card_bin))).toBe(1);
    expect(e.every((x) => /^(anthropic-sdk|openai-python|OpenAI\/NodeJS)/.test(x.user_agent) || HOSTILE.some((h) => x.user_agent.includes(h)))).toBe(true);
  });

  it('paraphrased templates and synchronized hours', () => {
    const e = ex('campaign:stealth-1');
    const hydraHeads = distinct(ex('campaign:hydra-1').map((x) => head(x.prompt)));
    expect(distinct(e.map((x) => head(x.prompt)))).toBeGreaterThan(hydraHeads);
    expect(e.filter((x) => /step by step|your thinking|intermediate steps|narrate your logic|approach in detail|how you get there/i.test(x.prompt)).length / e.length).toBeGreaterThan(0.3);
    // all accounts work the same ~8-10 hours of the UTC day
    const hours = new Array<number>(24).fill(0);
    for (const x of e) hours[utcHour(x)]!++;
    let best = 0;
    for (let h = 0; h < 24; h++) {
      let s = 0;
      for (let k = 0; k < 10; k++) s += hours[(h + k) % 24]!;
      best = Math.max(best, s);
    }
    expect(best / e.length).toBeGreaterThan(0.95);
    expect(ex('benign:individuals').length).toBeGreaterThan(0);
  });
});

describe('campaign:crew', () => {
  it('a few accounts sharing one card, one device and one home IP', () => {
    const a = accts('campaign:crew-1');
    const e = ex('campaign:crew-1');
    expect(a.length).toBe(5);
    expect(distinct(a.map((x) => x.payment_fingerprint))).toBe(1);
    expect(distinct(a.map((x) => x.device_id))).toBe(1);
    expect(distinct(e.map((x) => x.device_id))).toBe(1);
    expect(distinct(e.map((x) => x.ip))).toBe(1);
    expect(distinct(a.map((x) => x.email))).toBe(5);
  });
});
