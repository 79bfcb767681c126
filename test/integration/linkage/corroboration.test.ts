// Soft-only links need two families of substantial evidence: a small crew (one card, one device,
// one home address) next to benign accounts that send the same popular prompt templates, run the
// same client and have look-alike email addresses ends up alone and flagged, not inside a benign
// cluster. And a fleet on one card BIN whose daily windows start an hour or two apart stays one
// cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/engine/linkage/analyze';
import { clusterOfAccount, readCluster } from '../../../electron/engine/linkage/cluster-store';
import { accountHoldings } from '../../../electron/engine/linkage/holdings';
import { seededRandom } from '../../../electron/engine/seeded-random';
import { CaseBuilder, randomU64 } from './case-builder';

const T0 = Date.UTC(2026, 3, 22);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const pad = (i: number) => String(i).padStart(3, '0');
const TEMPLATES = [0x1234_5678_9abc_def0n, 0x0fed_cba9_8765_4321n, 0x5555_aaaa_3333_ccccn];
const variant = (r: () => number, base: bigint) => base ^ (1n << BigInt(Math.floor(r() * 64)));

function world(): CaseBuilder {
  const r = seededRandom(11);
  const cb = new CaseBuilder();
  // background: unrelated people sharing nothing (gives shared values their rarity)
  for (let i = 0; i < 400; i++) {
    const id = `b${pad(i)}`;
    cb.account({ account_id: id, created_at: T0 - Math.floor(r() * 90) * DAY, email_norm: `person.${i}@mail${i % 50}.example`, email_domain: `mail${i % 50}.example`, signup_ip: `10.${i >> 8}.${i & 255}.1`, signup_ip_prefix: `10.${i >> 8}.${i & 255}.0/24` });
    for (let k = 0; k < 6; k++) {
      const sig = randomU64(r);
      cb.exchange({ account_id: id, ts: T0 + Math.floor(r() * 30 * DAY), ip: `10.${i >> 8}.${i & 255}.1`, ip_prefix: `10.${i >> 8}.${i & 255}.0/24`, user_agent: 'openai-python/1.40', model: 'm-1', template: sig, simhash: sig, input_tokens: 300, output_tokens: 300 });
    }
  }
  // common users: the crew's popular templates in part of their traffic, the crew's client, a
  // look-alike email (five letters, four digits at gmail), each on their own address
  for (let i = 0; i < 40; i++) {
    const id = `u${pad(i)}`;
    const letters = 'abcdefghij'[i % 10]!.repeat(5);
    cb.account({ account_id: id, created_at: T0 - Math.floor(r() * 60) * DAY, email_norm: `${letters}${1000 + i}@gmail.com`, email_domain: 'gmail.com', signup_ip: `172.16.${i}.9`, signup_ip_prefix: `172.16.${i}.0/24` });
    const mine = [TEMPLATES[i % 3]!, TEMPLATES[(i + 1) % 3]!];
    for (let k = 0; k < 30; k++) {
      const sig = k % 2 === 0 ? variant(r, mine[(k >> 1) % 2]!) : randomU64(r);
      cb.exchange({ account_id: id, ts: T0 + Math.floor(r() * 30 * DAY), ip: `172.16.${i}.9`, ip_prefix: `172.16.${i}.0/24`, user_agent: 'client-x/3.2', tls: 'ja4-client-x', model: 'm-1', template: sig, simhash: sig, input_tokens: 400, output_tokens: 500 });
    }
  }
  // the crew: one card, one device, one home address, harvesting with the popular templates
  for (let i = 0; i < 5; i++) {
    const id = `crew${i}`;
    cb.account({ account_id: id, created_at: T0 - 20 * DAY + i * 7 * HOUR, email_norm: `zyxwv${2000 + i}@gmail.com`, email_domain: 'gmail.com', payment_fingerprint: 'pf-crew', card_bin: '512345', device_id: 'dev-crew', signup_ip: '203.0.113.77', signup_ip_prefix: '203.0.113.0/24' });
    for (let k = 0; k < 40; k++) {
      const sig = variant(r, TEMPLATES[k % 3]!);
      cb.exchange({ account_id: id, ts: T0 + Math.floor(r() * 30 * DAY), ip: '203.0.113.77', ip_prefix: '203.0.113.0/24', user_agent: 'client-x/3.2', tls: 'ja4-client-x', device: 'dev-crew', model: 'm-1', template: sig, simhash: sig, cot: k % 5 < 3 ? 1 : 0, input_tokens: 200, output_tokens: 1600, temperature: 1, max_tokens: 4096 });
    }
  }
  // a fleet: distinct cards from one BIN, own addresses, paraphrased templates, one scheduler
  // whose 8-hour window starts at 13:00, 14:00 or 15:00 depending on the account
  const fleetTpl = 0x0a0b_0c0d_0e0f_1011n;
  for (let i = 0; i < 12; i++) {
    const id = `f${pad(i)}`;
    const start = 13 + (i % 3);
    cb.account({ account_id: id, created_at: T0 - Math.floor(r() * 40) * DAY, email_norm: `fleet${i}x${Math.floor(r() * 1e6)}@gmail.com`, email_domain: 'gmail.com', payment_fingerprint: `pf-fleet-${i}`, card_bin: '498765', signup_ip: `192.0.2.${i + 1}`, signup_ip_prefix: `192.0.${i}.0/24` });
    for (let k = 0; k < 40; k++) {
      const sig = variant(r, fleetTpl);
      const ts = T0 + Math.floor(k / 3) * DAY + Math.floor((start + r() * 7.5) * HOUR);
      cb.exchange({ account_id: id, ts, ip: `192.0.2.${i + 1}`, ip_prefix: `192.0.${i}.0/24`, user_agent: 'openai-python/1.40', model: 'm-1', template: sig, simhash: sig, cot: 1, input_tokens: 200, output_tokens: 1500, temperature: 0.7, max_tokens: 4096 });
    }
  }
  return cb;
}

let cb: CaseBuilder;
beforeAll(() => {
  cb = world();
});
afterAll(() => cb?.close());

const crew = Array.from({ length: 5 }, (_, i) => `crew${i}`);
const fleet = Array.from({ length: 12 }, (_, i) => `f${pad(i)}`);

function strongCrossLinks(): number {
  return (
    cb.db
      .prepare(
        `SELECT count(*) AS n FROM edges e JOIN accounts a ON a.id = e.a JOIN accounts b ON b.id = e.b
         WHERE e.strong = 1 AND ((a.account_id LIKE 'crew%') <> (b.account_id LIKE 'crew%'))`,
      )
      .get() as { n: number }
  ).n;
}

describe('soft-only links need corroboration', () => {
  it('without the per-family minimum, popular templates plus client and email look-alikes link the crew to strangers', () => {
    analyze(cb.db, { softFamilyMinWeight: 0 });
    expect(strongCrossLinks()).toBeGreaterThan(0);
  });

  it('with it, the crew is its own flagged cluster and no strong link leaves it', () => {
    const r = analyze(cb.db);
    expect(r.parameters.softFamilyMinWeight).toBe(0.6);
    expect(strongCrossLinks()).toBe(0);
    const cid = clusterOfAccount(cb.db, 'crew0');
    expect(cid).not.toBeNull();
    const c = readCluster(cb.db, cid!)!;
    expect([...c.accounts].sort()).toEqual(crew);
    expect(c.flagged).toBe(true);
  });

  it('keeps a fleet on one BIN and one jittered daily schedule in one flagged cluster', () => {
    analyze(cb.db);
    const cid = clusterOfAccount(cb.db, fleet[0]!);
    expect(cid).not.toBeNull();
    const c = readCluster(cb.db, cid!)!;
    expect([...c.accounts].sort()).toEqual(fleet);
    expect(c.flagged).toBe(true);
    // windows two hours apart still share schedule blocks (13-17..17-21 vs 15-19..19-23: three)
    const idOf = (a: string) => cb.db.prepare('SELECT id FROM accounts WHERE account_id = ?').pluck().get(a) as number;
    const x = accountHoldings(cb.db, idOf('f000'));
    const y = accountHoldings(cb.db, idOf('f002'));
    const signal = cb.db.prepare('SELECT signal FROM link_values WHERE id = ?').pluck();
    const shared = [...x.keys()].filter((v) => y.has(v) && signal.get(v) === 'bin_schedule');
    expect(shared.length).toBe(3);
  });
});
