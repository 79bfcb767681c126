// Engine, simulator (any thread). Options of `linkwork generate` / generateDataset, the presets,
// and the campaign spec ("hydra:400,stealth:120:0.8,crew:6"), resolved to one plain Params object
// that every worker rebuilds the same world from.
export type Format = 'jsonl' | 'csv';
export type PresetName = 'demo' | 'test' | 'reported-scale';
export type CampaignArchetype = 'hydra' | 'stealth' | 'crew';

export interface CampaignSpec {
  archetype: CampaignArchetype;
  accounts: number;
  /** 0 = blatant, 1 = as careful as the archetype allows */
  stealth: number;
}

export interface GenerateOptions {
  preset?: PresetName;
  seed?: number;
  accounts?: number;
  exchanges?: number;
  campaigns?: string | CampaignSpec[];
  format?: Format;
  gzip?: boolean;
  /** share of exchange lines written broken (0..1) */
  malformed?: number;
  days?: number;
  /** ISO date of the window start (UTC); fixed default so output never depends on the clock */
  start?: string;
  /** share of prompts carrying a hostile string (default 0.004) */
  hostileRate?: number;
  /** also put hostile characters into a few account ids */
  hostileIds?: boolean;
  /** worker threads producing exchange slices; 0 = in-process (same bytes either way) */
  threads?: number;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
}

export interface Params {
  seed: number;
  preset: PresetName | 'custom';
  accounts: number;
  exchanges: number;
  days: number;
  startMs: number;
  campaigns: CampaignSpec[];
  format: Format;
  gzip: boolean;
  malformed: number;
  hostileRate: number;
  hostileIds: boolean;
}

interface Preset {
  accounts: number;
  exchanges: number;
  days: number;
  campaigns: string;
}

export const PRESETS: Record<PresetName, Preset> = {
  demo: { accounts: 2000, exchanges: 60_000, days: 14, campaigns: 'hydra:150,stealth:40:0.6,crew:5,crew:4' },
  test: { accounts: 600, exchanges: 12_000, days: 7, campaigns: 'hydra:60,stealth:25:0.6,crew:5' },
  'reported-scale': {
    accounts: 100_000,
    exchanges: 28_800_000,
    days: 42,
    campaigns: 'hydra:14000,hydra:6000:0.3,stealth:4000:0.5,stealth:974:0.8,crew:8,crew:6,crew:5,crew:4,crew:3',
  },
};

export const DEFAULT_START = '2026-04-22T00:00:00Z';
/** Account indexes are packed beside the timestamp in one float64 sort key (see schedule.ts). */
export const MAX_ACCOUNTS = 1_000_000;

const STEALTH_DEFAULT: Record<CampaignArchetype, number> = { hydra: 0, stealth: 0.6, crew: 0.2 };

export function parseCampaignSpec(spec: string): CampaignSpec[] {
  const out: CampaignSpec[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, size, stealth] = part.split(':');
    if (name !== 'hydra' && name !== 'stealth' && name !== 'crew') throw new Error(`Unknown campaign archetype "${name}" (hydra, stealth, crew)`);
    const accounts = Number(size);
    if (!Number.isInteger(accounts) || accounts < 1) throw new Error(`Campaign "${part}": size must be a positive integer`);
    if (name === 'crew' && (accounts < 2 || accounts > 12)) throw new Error(`Campaign "${part}": a crew has 2 to 12 accounts`);
    const s = stealth === undefined ? STEALTH_DEFAULT[name] : Number(stealth);
    if (!(s >= 0 && s <= 1)) throw new Error(`Campaign "${part}": stealth must be between 0 and 1`);
    out.push({ archetype: name, accounts, stealth: s });
  }
  return out;
}

export function resolveParams(opts: GenerateOptions): Params {
  const presetName = opts.preset ?? (opts.accounts || opts.exchanges ? undefined : 'demo');
  const preset = PRESETS[presetName ?? 'test'];
  const campaigns = typeof opts.campaigns === 'string' ? parseCampaignSpec(opts.campaigns) : (opts.campaigns ?? parseCampaignSpec(preset.campaigns));
  const accounts = opts.accounts ?? preset.accounts;
  const exchanges = opts.exchanges ?? preset.exchanges;
  const days = opts.days ?? preset.days;
  const startMs = Date.parse(opts.start ?? DEFAULT_START);
  const campaignAccounts = campaigns.reduce((s, c) => s + c.accounts, 0);
  if (!Number.isFinite(startMs)) throw new Error(`Invalid --start date "${opts.start}"`);
  if (!Number.isInteger(accounts) || accounts < 100 || accounts > MAX_ACCOUNTS) throw new Error(`--accounts must be 100..${MAX_ACCOUNTS}`);
  if (!Number.isInteger(exchanges) || exchanges < 0) throw new Error('--exchanges must be a non-negative integer');
  if (!Number.isInteger(days) || days < 1 || days > 366) throw new Error('--days must be 1..366');
  // traps need a few accounts of their own, and benign traffic must remain the majority of accounts
  if (campaignAccounts > accounts * 0.6) throw new Error(`Campaigns hold ${campaignAccounts} accounts: at most 60% of --accounts (${accounts})`);
  const malformed = opts.malformed ?? 0;
  if (!(malformed >= 0 && malformed <= 0.5)) throw new Error('--malformed must be between 0 and 0.5');
  const hostileRate = opts.hostileRate ?? 0.004;
  if (!(hostileRate >= 0 && hostileRate <= 1)) throw new Error('hostileRate must be between 0 and 1');
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error('--seed must be an integer 0..4294967295');
  return {
    seed,
    preset: presetName ?? 'custom',
    accounts,
    exchanges,
    days,
    startMs,
    campaigns,
    format: opts.format ?? 'jsonl',
    gzip: opts.gzip ?? false,
    malformed,
    hostileRate,
    hostileIds: opts.hostileIds ?? false,
  };
}
