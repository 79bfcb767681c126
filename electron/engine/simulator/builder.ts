// Engine, simulator (any thread). Shared tools for populations while the world is built: unique
// account ids, emails, cards and devices, and the per-request helpers (model choice with pivots,
// API key) every population uses.
import { asnLabel, type ResidentialPools } from './net';
import type { Params } from './params';
import { mix, Rng } from './prng';
import * as V from './vocab';
import type { Account, Release } from './world';
import { BASE_MODELS, HOUR_MS, DAY_MS, NEW_MODEL } from './world';

export class Builder {
  readonly rng: Rng;
  readonly accounts: Account[] = [];
  private readonly ids = new Set<string>();
  private readonly emails = new Set<string>();
  readonly ispUse: number[] = V.ISPS.map(() => 0);
  pools!: ResidentialPools;
  private reservedNext = 0;

  constructor(
    readonly params: Params,
    readonly release: Release,
  ) {
    this.rng = new Rng(params.seed, 0xacc0);
  }

  get seed(): number {
    return this.params.seed;
  }

  newAccount(pop: number, createdMs: number, country?: string): Account {
    const rng = this.rng;
    let id: string;
    do id = `acct_${rng.alnum(14)}`;
    while (this.ids.has(id));
    this.ids.add(id);
    const c = country ? (V.COUNTRIES.find((x) => x[0] === country) ?? V.COUNTRIES[0]!) : pickCountry(rng);
    const isp = this.ispFor(c[0], rng);
    const a: Account = {
      idx: this.accounts.length,
      id,
      pop,
      createdMs: Math.floor(createdMs),
      email: '',
      paymentFingerprint: '',
      cardBin: '',
      cardCountry: '',
      billingCountry: c[0],
      signupIp: '',
      deviceId: '',
      phoneHash: '',
      orgId: `org_${rng.alnum(12)}`,
      signupChannel: 'web',
      country: c[0],
      tz: c[2],
      rate: 0,
      pActive: 1,
      client: V.COMMON_CLIENTS[0]!,
      userAgent: V.COMMON_CLIENTS[0]!.ua,
      apiKeys: [`key_${rng.alnum(10)}`],
      isp,
      ipSalt: rng.u32(),
      leaseDays: 1 + rng.int(14),
      fixedIp: '',
      homeCache: null,
      v6: false,
      frag: { json: null, csv: null },
    };
    this.ispUse[isp] = (this.ispUse[isp] ?? 0) + 1;
    this.accounts.push(a);
    return a;
  }

  ispFor(country: string, rng: Rng): number {
    const matches: number[] = [];
    V.ISPS.forEach((isp, i) => {
      if (isp[1] === country) matches.push(i);
    });
    return matches.length ? rng.pick(matches) : rng.int(V.ISPS.length);
  }

  /** a unique address outside every dynamic pool (call after pools exist) */
  reservedIp(isp: number): string {
    return this.pools.reserved(isp, this.reservedNext++);
  }

  /** person-like free-mail address, unique; dots and +tags as people really use them */
  personalEmail(domain?: string): string {
    const rng = this.rng;
    for (;;) {
      const f = rng.pick(V.FIRST_NAMES);
      const l = rng.pick(V.LAST_NAMES);
      const r = rng.float();
      let local = r < 0.3 ? `${f}.${l}` : r < 0.55 ? `${f}${l}${rng.range(1, 99)}` : r < 0.75 ? `${f[0]}${l}${rng.range(1950, 2006)}` : r < 0.9 ? `${f}_${l}${rng.digits(2)}` : `${l}.${f}${rng.digits(3)}`;
      if (rng.chance(0.08)) local += `+${rng.pick(['ai', 'api', 'work', 'dev', 'news'])}`;
      const email = `${local}@${domain ?? rng.zipf(V.FREE_MAIL, 1.3)}`;
      if (!this.emails.has(email)) {
        this.emails.add(email);
        return email;
      }
    }
  }

  /** exact address (callers that deliberately reuse mailboxes) */
  claimEmail(email: string): string {
    this.emails.add(email);
    return email;
  }

  card(a: Account, bin?: string, country?: string): void {
    const rng = this.rng;
    a.paymentFingerprint = `pf_${rng.hex(16)}`;
    a.cardBin = bin ?? `${rng.pick(['4', '5', '37'])}${rng.digits(5)}`.slice(0, 6);
    a.cardCountry = country ?? a.country;
  }

  device(): string {
    return `dev_${this.rng.hex(16)}`;
  }

  phone(): string {
    return this.rng.hex(24);
  }
}

function pickCountry(rng: Rng): readonly [string, number, number] {
  let total = 0;
  for (const c of V.COUNTRIES) total += c[1];
  let u = rng.float() * total;
  for (const c of V.COUNTRIES) if ((u -= c[1]) < 0) return c;
  return V.COUNTRIES[0]!;
}

export interface Pivot {
  /** hours after the release when this population starts using the new model */
  delayH: number;
  /** share of its traffic on the new model afterwards */
  share: number;
}

/**
 * Model of one request. Before the release: the usual mix; after release + delay the population's
 * share moves to the new model (campaigns within hours, people gradually over days).
 */
export function modelAt(release: Release, ts: number, rng: Rng, base: readonly string[], pivot: Pivot | null): string {
  if (ts >= release.atMs) {
    if (pivot) {
      if (ts >= release.atMs + pivot.delayH * HOUR_MS && rng.chance(pivot.share)) return NEW_MODEL;
    } else if (rng.chance(0.4 * (1 - Math.exp(-(ts - release.atMs) / (5 * DAY_MS))))) return NEW_MODEL;
  }
  return base.length === 1 ? base[0]! : rng.zipf(base, 1.5);
}

export const ALL_BASE: readonly string[] = BASE_MODELS;

export function apiKey(a: Account, rng: Rng): string {
  return a.apiKeys.length === 1 ? a.apiKeys[0]! : rng.pick(a.apiKeys);
}

/** common status codes: rate limits more often for heavy automated use */
export function status(rng: Rng, limited: number): number {
  const r = rng.float();
  if (r < limited) return 429;
  if (r < limited + 0.003) return 400;
  if (r < limited + 0.005) return 500;
  if (r < limited + 0.006) return 529;
  return 200;
}

export { asnLabel, mix };
