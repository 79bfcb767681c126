// Test helper: generates a small data set in a temp folder and loads it back (JSONL) for statistics.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, type GenerateResult } from '../../../electron/engine/simulator/generate';
import type { GenerateOptions } from '../../../electron/engine/simulator/params';
import type { Truth } from '../../../electron/engine/simulator/truth';

export interface Ex {
  request_id: string;
  ts: string;
  account_id: string;
  api_key_id: string;
  ip: string;
  user_agent: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  prompt: string;
  temperature: number | null;
  top_p: number | null;
  max_tokens: number | null;
  device_id: string | null;
  tls_ja4: string;
  asn: string;
  country: string;
  status: number;
  endpoint: string;
}

export interface Acct {
  account_id: string;
  created_at: string;
  email: string;
  payment_fingerprint: string | null;
  card_bin: string | null;
  card_country: string | null;
  billing_country: string;
  signup_ip: string;
  device_id: string | null;
  phone_hash: string | null;
  org_id: string;
  signup_channel: string;
}

export interface Loaded {
  result: GenerateResult;
  truth: Truth;
  exchanges: Ex[];
  accounts: Acct[];
  /** exchanges by population name */
  byPop: Map<string, Ex[]>;
  accountsByPop: Map<string, Acct[]>;
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);

export async function generateAndLoad(opts: GenerateOptions): Promise<Loaded> {
  const dir = mkdtempSync(join(tmpdir(), 'lw-sim-'));
  const result = await generateDataset({ threads: 0, ...opts, format: 'jsonl', gzip: false }, dir);
  const truth = JSON.parse(readFileSync(result.truthPath, 'utf8')) as Truth;
  const exchanges = lines(result.files.exchanges).map((l) => JSON.parse(l) as Ex);
  const accounts = lines(result.files.accounts).map((l) => JSON.parse(l) as Acct);
  rmSync(dir, { recursive: true, force: true }); // everything is in memory now
  const byPop = new Map<string, Ex[]>();
  for (const e of exchanges) {
    const p = truth.accounts[e.account_id]!;
    byPop.set(p, [...(byPop.get(p) ?? []), e]);
  }
  const accountsByPop = new Map<string, Acct[]>();
  for (const a of accounts) {
    const p = truth.accounts[a.account_id]!;
    accountsByPop.set(p, [...(accountsByPop.get(p) ?? []), a]);
  }
  return { result, truth, exchanges, accounts, byPop, accountsByPop };
}

export const distinct = <T>(xs: readonly T[]): number => new Set(xs).size;
export const ms = (iso: string): number => Date.parse(iso);
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
/** coefficient of variation of gaps between an account's consecutive requests, averaged */
export function gapCv(exs: readonly Ex[]): number {
  const byAcct = new Map<string, number[]>();
  for (const e of exs) byAcct.set(e.account_id, [...(byAcct.get(e.account_id) ?? []), ms(e.ts)]);
  const cvs: number[] = [];
  for (const ts of byAcct.values()) {
    if (ts.length < 8) continue;
    ts.sort((a, b) => a - b);
    const gaps = ts.slice(1).map((t, i) => t - ts[i]!);
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / gaps.length);
    cvs.push(sd / mean);
  }
  return median(cvs);
}
/** prompt with numbers masked, for template counting */
export const mask = (p: string): string => p.replace(/\d+/g, '#');
