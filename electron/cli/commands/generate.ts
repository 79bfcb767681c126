// CLI. `linkwork generate`: realistic API traffic with planted campaigns and traps, plus truth.json.
// The simulator lives in engine/simulator; this file only maps flags to GenerateOptions.
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { generateDataset } from '../../engine/simulator/generate';
import { PRESETS, parseCampaignSpec, type GenerateOptions, type PresetName } from '../../engine/simulator/params';
import { CliError, usageError } from '../cli-error';
import { printJson, printLine } from '../output';
import { progressPrinter } from '../progress-bar';

interface Flags {
  out: string;
  preset?: string;
  seed?: string;
  accounts?: string;
  exchanges?: string;
  days?: string;
  start?: string;
  campaigns?: string;
  format?: string;
  gzip?: boolean;
  malformed?: string;
  hostileRate?: string;
  hostileIds?: boolean;
  threads?: string;
  json?: boolean;
  quiet?: boolean;
}

function int(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw usageError(`--${name} must be a non-negative integer, got "${v}"`);
  return n;
}

function rate(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw usageError(`--${name} must be a number between 0 and 1, got "${v}"`);
  return n;
}

export function toOptions(f: Flags): GenerateOptions {
  if (f.preset !== undefined && !(f.preset in PRESETS)) throw usageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  if (f.format !== undefined && f.format !== 'jsonl' && f.format !== 'csv') throw usageError('--format must be jsonl or csv');
  if (f.campaigns !== undefined) {
    try {
      parseCampaignSpec(f.campaigns);
    } catch (e) {
      throw usageError(`--campaigns: ${(e as Error).message}`);
    }
  }
  const threads = int('threads', f.threads);
  return {
    preset: f.preset as PresetName | undefined,
    seed: int('seed', f.seed),
    accounts: int('accounts', f.accounts),
    exchanges: int('exchanges', f.exchanges),
    days: int('days', f.days),
    start: f.start,
    campaigns: f.campaigns,
    format: f.format as 'jsonl' | 'csv' | undefined,
    gzip: f.gzip ?? false,
    malformed: rate('malformed', f.malformed),
    hostileRate: rate('hostile-rate', f.hostileRate),
    hostileIds: f.hostileIds ?? false,
    threads: threads ?? Math.min(2, availableParallelism()),
  };
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('generate realistic API traffic with planted campaigns and traps, plus truth.json (same seed, same bytes)')
    .requiredOption('--out <dir>', 'output folder (accounts.*, exchanges.*, truth.json)')
    .option('--preset <name>', 'demo (2k accounts, 60k exchanges) | test | reported-scale (100k accounts, 25k campaign accounts, 28.8M exchanges, 6 weeks)')
    .option('--seed <n>', 'random seed (default 1)')
    .option('--accounts <n>', 'number of accounts')
    .option('--exchanges <n>', 'approximate number of exchanges')
    .option('--days <n>', 'length of the window in days')
    .option('--start <iso>', 'window start, UTC (default 2026-04-22)')
    .option('--campaigns <spec>', 'planted campaigns, e.g. hydra:400,stealth:120:0.8,crew:6 (archetype:accounts[:stealth 0..1])')
    .option('--format <fmt>', 'jsonl | csv (default jsonl)')
    .option('--gzip', 'gzip the output files')
    .option('--malformed <rate>', 'share of exchange lines written broken (0..0.5)')
    .option('--hostile-rate <rate>', 'share of prompts carrying hostile strings (default 0.004)')
    .option('--hostile-ids', 'also put hostile characters into a few account ids')
    .option('--threads <n>', 'worker threads (default: up to 2; 0 = in-process; output is identical)')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'no progress output')
    .action(async (f: Flags) => {
      const opts = toOptions(f);
      const bar = progressPrinter({ quiet: f.quiet || f.json });
      let r;
      try {
        r = await generateDataset({ ...opts, onProgress: bar.progress }, f.out);
      } catch (e) {
        throw new CliError((e as Error).message);
      } finally {
        bar.end();
      }
      const summary = { files: r.files, counts: r.counts, seconds: Number(r.seconds.toFixed(2)), threads: r.threads, seed: r.params.seed, preset: r.params.preset };
      if (f.json) return printJson(summary);
      printLine(`${r.counts.accounts} accounts, ${r.counts.exchanges} exchanges${r.counts.malformed ? ` (+${r.counts.malformed} malformed lines)` : ''} in ${r.seconds.toFixed(1)} s (${Math.round(r.counts.exchanges / r.seconds)} lines/s, ${r.threads ? `${r.threads} worker threads` : 'in-process'})`);
      printLine(`  ${r.files.accounts}\n  ${r.files.exchanges}\n  ${r.files.truth}`);
    });
}
