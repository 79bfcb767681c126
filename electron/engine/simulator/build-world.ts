// Engine, simulator (any thread). Builds the whole world from Params: sizes every population,
// splits the exchange budget, creates accounts in a fixed order, sizes residential pools, then lets
// populations finish (sign-up IPs). Pure and deterministic: workers rebuild the same world.
import { Builder } from './builder';
import { ResidentialPools } from './net';
import type { Params } from './params';
import { benignIndividuals } from './pop-benign';
import { crew, hydra, stealth } from './pop-campaigns';
import { carrierCgnat, enterpriseCard, saasBackend, universityNat } from './pop-traps';
import { mix, Rng } from './prng';
import * as V from './vocab';
import type { Population, World } from './world';
import { DAY_MS, HOUR_MS, NEW_MODEL } from './world';

const CAMPAIGN_WEIGHT = { hydra: 1, stealth: 0.7, crew: 1.5 } as const;

export function buildWorld(params: Params): World {
  const { accounts: total, exchanges, days, startMs } = params;
  const release = { model: NEW_MODEL, atMs: startMs + Math.floor(days * 0.55) * DAY_MS + 16 * HOUR_MS };
  const b = new Builder(params, release);

  const campaignAccounts = params.campaigns.reduce((s, c) => s + c.accounts, 0);
  const campaignShare = Math.min(0.6, 2.4 * (campaignAccounts / total));
  // traps keep a useful minimum size, but never crowd out benign people in small worlds
  const atLeast = (min: number, share: number) => Math.max(Math.min(min, Math.floor(total * 0.05)), Math.round(total * share), 2);
  const trapSizes = {
    university: atLeast(20, 0.012),
    enterprise: atLeast(10, 0.006),
    cgnat: atLeast(30, 0.05),
  };
  const trapAccounts = trapSizes.university + trapSizes.enterprise + trapSizes.cgnat + 1;
  const benignCount = Math.max(1, total - campaignAccounts - trapAccounts);
  const budget = (share: number) => exchanges * share;

  const pops: Population[] = [];
  pops.push(benignIndividuals(b, pops.length, benignCount, budget(1 - campaignShare - 0.16)));
  pops.push(universityNat(b, pops.length, trapSizes.university, budget(0.03)));
  pops.push(enterpriseCard(b, pops.length, trapSizes.enterprise, budget(0.03)));
  pops.push(carrierCgnat(b, pops.length, trapSizes.cgnat, budget(0.06)));
  pops.push(saasBackend(b, pops.length, budget(0.04)));
  const weightTotal = params.campaigns.reduce((s, c) => s + c.accounts * CAMPAIGN_WEIGHT[c.archetype], 0);
  const seen = { hydra: 0, stealth: 0, crew: 0 };
  for (const spec of params.campaigns) {
    const name = `campaign:${spec.archetype}-${++seen[spec.archetype]}`;
    const share = weightTotal > 0 ? (campaignShare * spec.accounts * CAMPAIGN_WEIGHT[spec.archetype]) / weightTotal : 0;
    const make = spec.archetype === 'hydra' ? hydra : spec.archetype === 'stealth' ? stealth : crew;
    pops.push(make(b, pops.length, name, spec, budget(share)));
  }

  b.pools = new ResidentialPools(b.ispUse);
  for (const p of pops) p.finish?.();

  // a few clients carry hostile user agents (they are whatever the operator typed)
  const uaRng = new Rng(params.seed, 0x0a);
  for (const a of b.accounts) {
    if (uaRng.chance(params.hostileRate * 1.5)) a.userAgent = `${a.client.ua} ${uaRng.pick(V.HOSTILE)}`;
    if (params.hostileIds && uaRng.chance(0.003)) a.id = `${a.id}${uaRng.pick(['<b>x</b>', '=1+1', '\u202Eevil', '"q,uote', ' space'])}`;
  }

  return { params, startMs, days, endMs: startMs + days * DAY_MS, release, populations: pops, accounts: b.accounts };
}

/** Seed of the randomness that renders one hour of one day (any worker, same bytes). */
export const unitSeed = (params: Params, day: number, hour: number): number => mix(params.seed, 0x5e7, day, hour);
