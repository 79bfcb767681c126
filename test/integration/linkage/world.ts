// Test helper: a hand-made world with two campaigns, every trap, and a few exact-link cases.
import { seededRandom as rng } from '../../../electron/engine/seeded-random';
import { CaseBuilder, randomU64 } from './case-builder';

export const T0 = Date.UTC(2026, 3, 22);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function buildWorld(seed = 1): CaseBuilder {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const cb = new CaseBuilder();
  const pad = (i: number) => String(i).padStart(3, '0');

  // benign population: own IPs, official SDK user agent (a hub), free mail, random prompts
  for (let i = 0; i < 120; i++) {
    const id = `u${pad(i)}`;
    cb.account({ account_id: id, created_at: T0 - Math.floor(r() * 60) * DAY, email_norm: `${id}name@gmail.com`, email_domain: 'gmail.com', signup_ip: `198.51.${i}.7`, signup_ip_prefix: `198.51.${i}.0/24` });
    for (let k = 0; k < 12; k++) {
      const sig = randomU64(r);
      cb.exchange({ account_id: id, ts: T0 + Math.floor(r() * 30 * DAY), ip: `198.51.${i}.7`, ip_prefix: `198.51.${i}.0/24`, user_agent: 'openai-python/1.40', model: 'm-1', template: sig, simhash: sig, input_tokens: 300, output_tokens: 300, capability: pick(['chat', 'coding', 'writing']) });
    }
  }

  // campaigns: burst sign-ups from one network, shared cards, proxy pool, custom client,
  // near-duplicate templates, chain-of-thought elicitation, high output ratio, fixed settings
  const campaign = (prefix: string, n: number, net: string, baseSig: bigint, ua: string, start: number) => {
    const pool = Array.from({ length: 8 }, (_, k) => `${net}.${10 + k}`);
    for (let i = 0; i < n; i++) {
      const id = `${prefix}${pad(i)}`;
      cb.account({ account_id: id, created_at: start + i * 60_000, email_norm: `${prefix}x${Math.floor(r() * 1e6)}@proton.me`, email_domain: 'proton.me', payment_fingerprint: `${prefix}-card-${i % 3}`, card_bin: '411111', signup_ip: `${net}.${100 + i}`, signup_ip_prefix: `${net}.0/24`, signup_channel: 'education' });
      const myIps = [pick(pool), pick(pool), pick(pool)];
      for (let k = 0; k < 30; k++) {
        const variant = baseSig ^ (1n << BigInt(Math.floor(r() * 3) * 7));
        cb.exchange({ account_id: id, ts: start + DAY + k * 2 * HOUR + Math.floor(r() * HOUR), ip: pick(myIps), ip_prefix: `${net}.0/24`, user_agent: ua, tls: `ja4-${prefix}`, asn: 'AS14061 DigitalOcean', model: k > 20 ? 'm-2' : 'm-1', capability: 'agentic', template: variant, simhash: variant, cot: 1, input_tokens: 200, output_tokens: 1600, temperature: 0.7, top_p: 1, max_tokens: 4096 });
      }
    }
  };
  campaign('c', 15, '203.0.113', 0x0f0f_1234_abcd_0001n, 'hydra-client/2.1', T0);
  campaign('d', 10, '192.0.100', 0x7777_0000_ffff_1111n, 'harvest/0.9', T0 + 2 * DAY);

  // trap: university behind one NAT (one IP, one email domain), ordinary use
  for (let i = 0; i < 30; i++) {
    const id = `s${pad(i)}`;
    cb.account({ account_id: id, created_at: T0 - Math.floor(r() * 200) * DAY, email_norm: `student${i}@uni.edu`, email_domain: 'uni.edu', signup_ip: '192.0.2.10', signup_ip_prefix: '192.0.2.0/24', signup_channel: 'education' });
    for (let k = 0; k < 10; k++) {
      const sig = randomU64(r);
      cb.exchange({ account_id: id, ts: T0 + Math.floor(r() * 30 * DAY), ip: '192.0.2.10', ip_prefix: '192.0.2.0/24', user_agent: 'openai-python/1.40', model: 'm-1', template: sig, simhash: sig, capability: pick(['coding', 'writing', 'chat']) });
    }
  }

  // trap: enterprise seats on one corporate card and org, coding in office hours, seats created together
  for (let i = 0; i < 8; i++) {
    const id = `e${pad(i)}`;
    cb.account({ account_id: id, created_at: T0 - 10 * DAY + i * 60_000, email_norm: `dev${i}@acme.com`, email_domain: 'acme.com', payment_fingerprint: 'acme-corp-card', card_bin: '555555', org_id: 'org-acme', signup_ip: '100.64.1.5', signup_ip_prefix: '100.64.1.0/24' });
    for (let k = 0; k < 25; k++) {
      const sig = randomU64(r);
      const day = Math.floor(r() * 20);
      cb.exchange({ account_id: id, ts: T0 + day * DAY + (9 + Math.floor(r() * 8)) * HOUR, ip: `100.64.1.${5 + (k % 3)}`, ip_prefix: '100.64.1.0/24', user_agent: 'openai-python/1.40', model: 'm-1', capability: 'coding', template: sig, simhash: sig, input_tokens: 800, output_tokens: 600, temperature: 0.2, top_p: 1, max_tokens: 2048 });
    }
  }

  // trap: carrier CGNAT, many unrelated accounts rotating through a few IPs
  for (let i = 0; i < 40; i++) {
    const id = `m${pad(i)}`;
    cb.account({ account_id: id, created_at: T0 - Math.floor(r() * 90) * DAY, email_norm: `mob${i}x@yahoo.com`, email_domain: 'yahoo.com' });
    for (let k = 0; k < 8; k++) {
      const sig = randomU64(r);
      cb.exchange({ account_id: id, ts: T0 + Math.floor(r() * 30 * DAY), ip: `100.100.0.${Math.floor(r() * 5)}`, ip_prefix: '100.100.0.0/24', user_agent: 'openai-python/1.40', model: 'm-1', template: sig, simhash: sig });
    }
  }

  // trap: a SaaS backend, one account with huge templated volume from cloud IPs
  cb.account({ account_id: 'saas', created_at: T0 - 100 * DAY, email_norm: 'ops@saas.io', email_domain: 'saas.io' });
  for (let k = 0; k < 300; k++) cb.exchange({ account_id: 'saas', ts: T0 + k * HOUR, ip: `52.0.0.${k % 10}`, ip_prefix: '52.0.0.0/24', user_agent: 'saas-backend/1', asn: 'AS16509 Amazon', model: 'm-1', template: 0x1234n, simhash: 0x1234n, output_tokens: 400, input_tokens: 100, temperature: 0, top_p: 1, max_tokens: 512 });

  // exact links: a shared device; a chain p1 -device- p2 -phone- p3; a soft-only single-family pair
  cb.account({ account_id: 'h1', device_id: 'dev-shared' }).account({ account_id: 'h2', device_id: 'dev-shared' });
  cb.account({ account_id: 'p1', device_id: 'dev-p' }).account({ account_id: 'p2', device_id: 'dev-p', phone_hash: 'ph-p' }).account({ account_id: 'p3', phone_hash: 'ph-p' });
  // (an IP, its prefix and a rare client: network + half-weight client, below the soft threshold)
  cb.exchange({ account_id: 'q1', ts: T0, ip: '198.18.0.1', ip_prefix: '198.18.0.0/24', user_agent: 'rare-client/0.1' }).exchange({ account_id: 'q2', ts: T0 + HOUR, ip: '198.18.0.1', ip_prefix: '198.18.0.0/24', user_agent: 'rare-client/0.1' });
  return cb;
}
