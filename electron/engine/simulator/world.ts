// Engine, simulator (any thread). The simulated world: accounts (static profile + the exported
// account record), populations (who they are and how they behave), the model release, and the
// one mutable row object every population fills per exchange. Built deterministically from Params.
import type { Addr } from './net';
import type { Client } from './vocab';
import type { Params } from './params';
import type { Rng } from './prng';
import type { DayBuffer } from './schedule';

export type PopulationKind = 'benign' | 'trap' | 'campaign';

export interface Account {
  idx: number;
  id: string;
  pop: number;
  createdMs: number;
  // the exported record
  email: string;
  paymentFingerprint: string;
  cardBin: string;
  cardCountry: string;
  billingCountry: string;
  signupIp: string;
  deviceId: string;
  phoneHash: string;
  orgId: string;
  signupChannel: string;
  // behaviour
  country: string;
  /** UTC offset in hours of the account's local time */
  tz: number;
  /** expected exchanges on a day the account is active */
  rate: number;
  /** probability the account is active on a given day */
  pActive: number;
  client: Client;
  userAgent: string;
  apiKeys: string[];
  /** residential ISP index in vocab.ISPS, or -1 */
  isp: number;
  /** home address slot salt (dynamic pool) or fixed address */
  ipSalt: number;
  leaseDays: number;
  fixedIp: string;
  /** the last home address handed out (net.ts ResidentialPools.home), by lease key */
  homeCache: { key: number; addr: Addr } | null;
  v6: boolean;
  /** serialised per-account stretch of a row, one per API key index, filled on first use (serialize.ts) */
  frag: { json: Uint8Array[] | null; csv: Uint8Array[] | null };
}

export interface ExchangeRow {
  /** the request id's two random parts (written in base 36 after the hour's prefix) */
  idA: number;
  idB: number;
  ts: number;
  account: Account;
  apiKey: string;
  ip: string;
  asn: string;
  country: string;
  userAgent: string;
  ja4: string;
  endpoint: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  prompt: string;
  temperature: number | null;
  topP: number | null;
  maxTokens: number | null;
  deviceId: string;
  status: number;
}

export interface Population {
  name: string;
  kind: PopulationKind;
  archetype: string;
  stealth?: number;
  accounts: Account[];
  /** adds the day's (time, account) pairs to the buffer */
  schedule(day: number, rng: Rng, out: DayBuffer): void;
  /** fills everything but idA/idB/ts/account */
  fill(a: Account, ts: number, rng: Rng, row: ExchangeRow): void;
  /** runs once all accounts exist and residential pools are sized (sign-up IPs) */
  finish?(): void;
}

export interface Release {
  model: string;
  atMs: number;
}

export interface World {
  params: Params;
  startMs: number;
  days: number;
  endMs: number;
  release: Release;
  populations: Population[];
  /** by idx */
  accounts: Account[];
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const BASE_MODELS = ['nova-pro-2', 'nova-lite-2', 'nova-pro-1'] as const;
export const NEW_MODEL = 'nova-pro-3';
