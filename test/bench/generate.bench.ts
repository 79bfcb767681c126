// Benchmark (`npm run bench:generate [-- --preset reported-scale] [--exchanges N] [--accounts N]
// [--days N] [--threads N] [--format csv] [--gzip] [--out DIR] [--keep]`). Prints one JSON object.
// Default: the reported-scale world (100k accounts, 25k campaign accounts) squeezed to 3 days and
// 2M exchanges, i.e. the same exchanges per day as the full run, extrapolated to 28.8M.
import { rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { generateDataset } from '../../electron/engine/simulator/generate';
import type { Format, GenerateOptions, PresetName } from '../../electron/engine/simulator/params';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

async function main(): Promise<void> {
  const preset = arg('preset') as PresetName | undefined;
  const full = preset !== undefined;
  const opts: GenerateOptions = {
    preset: preset ?? 'reported-scale',
    seed: Number(arg('seed') ?? 1),
    threads: Number(arg('threads') ?? Math.min(2, availableParallelism())),
    format: (arg('format') ?? 'jsonl') as Format,
    gzip: flag('gzip'),
  };
  if (!full || arg('exchanges')) opts.exchanges = Number(arg('exchanges') ?? 2_000_000);
  if (!full || arg('days')) opts.days = Number(arg('days') ?? 3);
  if (arg('accounts')) opts.accounts = Number(arg('accounts'));
  const out = arg('out') ?? join(tmpdir(), `linkwork-bench-generate-${process.pid}`);
  const r = await generateDataset(opts, out);
  const usage = process.resourceUsage();
  const linesPerSec = r.counts.exchanges / r.seconds;
  const result = {
    preset: r.params.preset,
    exchanges: r.counts.exchanges,
    accounts: r.counts.accounts,
    days: r.params.days,
    threads: r.threads,
    format: r.params.format,
    gzip: r.params.gzip,
    seconds: Number(r.seconds.toFixed(2)),
    linesPerSec: Math.round(linesPerSec),
    mbPerSec: Number((r.counts.bytes / 1e6 / r.seconds).toFixed(1)),
    bytes: r.counts.bytes,
    peakRssMb: Math.round(usage.maxRSS / 1024),
    cpuSeconds: Number(((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(1)),
    systemCpuSeconds: Number((usage.systemCPUTime / 1e6).toFixed(1)),
    // CPU-seconds per million exchanges (includes the fixed cost: two world builds, the accounts)
    cpuSecondsPerMillion: Number(((usage.userCPUTime + usage.systemCPUTime) / r.counts.exchanges).toFixed(2)),
    // other work on the machine inflates wall-clock figures: quote it beside them
    loadAverage1m: Number(loadavg()[0]!.toFixed(2)),
    extrapolatedSecondsFor28_8M: Number(((28_800_000 / r.counts.exchanges) * r.seconds).toFixed(1)),
    out: flag('keep') ? out : null,
  };
  if (!flag('keep')) rmSync(out, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(result) + '\n');
}

void main();
