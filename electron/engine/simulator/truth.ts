// Engine, simulator (any thread). truth.json: which population every account belongs to, and how
// the data set was made. The answer key `linkwork evaluate` scores clusters against.
import type { Params } from './params';
import type { PopulationKind, World } from './world';

export interface TruthPopulation {
  kind: PopulationKind;
  archetype: string;
  accounts: number;
  stealth?: number;
}

export interface Truth {
  seed: number;
  preset: string;
  params: Omit<Params, 'startMs'> & { start: string };
  populations: Record<string, TruthPopulation>;
  accounts: Record<string, string>;
  releases: Array<{ model: string; at: string }>;
  counts: { accounts: number; exchanges: number; malformed: number };
}

export function buildTruth(world: World, counts: Truth['counts']): Truth {
  const { params } = world;
  const { startMs, ...rest } = params;
  const populations: Record<string, TruthPopulation> = {};
  const accounts: Record<string, string> = {};
  for (const p of world.populations) {
    populations[p.name] = { kind: p.kind, archetype: p.archetype, accounts: p.accounts.length, ...(p.stealth === undefined ? {} : { stealth: p.stealth }) };
  }
  for (const a of [...world.accounts].sort(byCreated)) accounts[a.id] = world.populations[a.pop]!.name;
  return {
    seed: params.seed,
    preset: params.preset,
    params: { ...rest, start: new Date(startMs).toISOString() },
    populations,
    accounts,
    releases: [{ model: world.release.model, at: new Date(world.release.atMs).toISOString() }],
    counts,
  };
}

export const byCreated = (x: { createdMs: number; id: string }, y: { createdMs: number; id: string }): number => x.createdMs - y.createdMs || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
