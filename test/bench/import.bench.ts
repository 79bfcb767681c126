// Benchmark (`npm run bench:import [-- --rows N] [--accounts N] [--keep] [--dir DIR] [--only a|b] [--no-baseline] [--repeat N]`).
// Prints one JSON object: for (a) exchanges with prompt text (~500 bytes a line) and (b) exchanges
// without, the import's rows/s, MB/s, peak RSS and case-file bytes per row, and in the same run
// the baselines on the same rows: the sqlite3 shell's `.import` of them as CSV into a plain table,
// a bare JSON.parse of every line, and the ratio of the import to the sqlite3 shell.
// `--small-files N` instead times one import of N gzipped CloudTrail delivery files of 20 events
// each (the shape a trail comes in: thousands of files of a few kilobytes).
// Each import runs in a child process (the built CLI) so its peak RSS is its own. With --repeat N
// each data set is imported N times, each import followed by the shell's (the machine's speed
// moves by a fifth within minutes: a ratio is taken between neighbours); the figures are the
// median import's, the ratio the median of the rounds' ratios, and every round is listed.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { seededRandom } from '../../electron/engine/seeded-random';
import { median, medianBy, repeatCount } from './repeat';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const MODELS = ['claude-x-1', 'claude-x-2', 'gpt-y', 'nova-pro-2'];
const UAS = ['anthropic-sdk-python/0.39.0', 'OpenAI/Python 1.30.1', 'curl/8.1.2', 'Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36', 'HarvestClient/2.1'];
const TEMPLATES = [
  'You are a senior engineer. Think step by step and explain your reasoning before answering. Implement a function in {lang} that {task}. Include unit tests and discuss edge cases such as empty input, overflow and concurrency. Task id {id}.',
  'Plan and execute a multi-step task as an autonomous agent with tools: search the web for "{q}", call the calculator tool on {n} and {m}, then write a JSON report with fields name, value and source. Show all your work.',
  'Solve the following problem and prove your answer: find all integers x such that {n}x + {m} = {k}. Explain each step of the derivation carefully, then give the final answer on its own line.',
  'Summarize the following customer message in two sentences for a support ticket, keeping the order number {id} and the amount {n} USD: "{q}". Reply in a neutral tone without any greeting.',
];

interface Row {
  request_id: string;
  ts: string;
  account_id: string;
  api_key_id: string;
  ip: string;
  user_agent: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  prompt?: string;
}

function* rows(n: number, accounts: number, withPrompt: boolean): Generator<Row> {
  const r = seededRandom(42);
  const t0 = Date.UTC(2026, 3, 22);
  for (let i = 0; i < n; i++) {
    const acct = Math.floor(r() * accounts);
    const row: Row = {
      request_id: `req_${i.toString(36)}_${Math.floor(r() * 1e9).toString(36)}`,
      ts: new Date(t0 + Math.floor((i / n) * 42 * 86_400_000)).toISOString(),
      account_id: `acct_${acct.toString(36).padStart(5, '0')}`,
      api_key_id: `key_${(acct * 7919).toString(36)}`,
      // each account uses a small pool of addresses (proxy exits), some shared by neighbours
      ip: `${(acct % 200) + 11}.${(acct >> 3) & 255}.${(acct >> 1) & 255}.${(acct + Math.floor(r() * 6)) & 255}`,
      user_agent: UAS[acct % UAS.length] ?? '',
      model: MODELS[Math.floor(r() * MODELS.length)] ?? '',
      input_tokens: 100 + Math.floor(r() * 2000),
      output_tokens: 50 + Math.floor(r() * 4000),
    };
    if (withPrompt) {
      const tpl = TEMPLATES[acct % TEMPLATES.length] ?? '';
      row.prompt = tpl
        .replace('{lang}', ['Python', 'Rust', 'Go', 'TypeScript'][i % 4] ?? '')
        .replace('{task}', ['parses a CSV file', 'merges two sorted lists', 'rate-limits calls', 'retries with backoff'][(i >> 2) % 4] ?? '')
        .replace('{q}', `order ${Math.floor(r() * 1e6)} never arrived`)
        .replaceAll('{n}', String(Math.floor(r() * 1000)))
        .replaceAll('{m}', String(Math.floor(r() * 1000)))
        .replace('{k}', String(Math.floor(r() * 1000)))
        .replace('{id}', Math.floor(r() * 1e12).toString(36));
    }
    yield row;
  }
}

const csvField = (v: string | number | undefined) => {
  if (v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

async function writeDataset(path: string, csvPath: string | null, n: number, accounts: number, withPrompt: boolean): Promise<void> {
  const jsonl = createWriteStream(path);
  const csv = createWriteStream(csvPath ?? '/dev/null');
  const cols = ['request_id', 'ts', 'account_id', 'api_key_id', 'ip', 'user_agent', 'model', 'input_tokens', 'output_tokens', ...(withPrompt ? ['prompt'] : [])];
  csv.write(`${cols.join(',')}\n`);
  let a = '';
  let c = '';
  for (const row of rows(n, accounts, withPrompt)) {
    a += `${JSON.stringify(row)}\n`;
    if (csvPath) c += `${cols.map((k) => csvField(row[k as keyof Row])).join(',')}\n`;
    if (a.length > 1 << 20) {
      if (!jsonl.write(a)) await once(jsonl, 'drain');
      if (!csv.write(c)) await once(csv, 'drain');
      a = '';
      c = '';
    }
  }
  jsonl.end(a);
  csv.end(c);
  await Promise.all([once(jsonl, 'finish'), once(csv, 'finish')]);
}

function caseBytes(path: string): number {
  let b = 0;
  for (const p of [path, `${path}-wal`]) if (existsSync(p)) b += statSync(p).size;
  return b;
}

/** Child mode: import one file into a fresh case, print figures as JSON. */
async function child(file: string, casePath: string): Promise<void> {
  const { CaseSession } = await import('../../electron/engine/session');
  const { importJob } = await import('../../electron/engine/ingest/import-job');
  const { ingestWorkerFile } = await import('../../electron/engine/ingest/parser-handle');
  const s = CaseSession.open(casePath, { create: true });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await importJob(
    { db: s.db, casePath, progress: () => {}, isCancelled: () => false, checkCancelled: () => {} },
    { paths: [file], parser: existsSync(ingestWorkerFile()) ? 'worker' : 'inline' },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  s.close();
  const f = r.files[0];
  process.stdout.write(
    JSON.stringify({
      status: f?.status,
      rows: f?.rows,
      rejected: f?.rejected,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      parser: existsSync(ingestWorkerFile()) ? 'worker thread' : 'inline',
      phases: f?.phases ?? null,
    }),
  );
}

interface ImportFigures {
  rows: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
  parser: string;
  status: string;
  rejected: number;
  /** the import's own seconds by step (ImportFileResult.phases) */
  phases: Record<string, number> | null;
}

const CLI = join(__dirname, '..', '..', 'dist', 'cli.cjs');
const TIME = '/usr/bin/time';

type CliFileResult = { status: string; rows: number; rejected: number; seconds: number; phases?: Record<string, number> };

/**
 * `linkwork import --json` of `files` as users run it: the built CLI (esbuild bundle, as the app's
 * job worker runs it), under /usr/bin/time for its wall and CPU seconds (all threads) and peak RSS.
 */
function timedCliImport(casePath: string, files: readonly string[]): { results: CliFileResult[]; seconds: number | null; cpuSeconds: number; peakRssMb: number } {
  const r = spawnSync(TIME, ['-f', 'TIME %e %U %S %M', process.execPath, CLI, 'import', '--case', casePath, '--json', ...files], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  const t = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  return {
    results: r.stdout.trim().split('\n').map((l) => JSON.parse(l) as CliFileResult),
    seconds: t ? Number(t[1]) : null,
    cpuSeconds: Number(t?.[2] ?? 0) + Number(t?.[3] ?? 0),
    peakRssMb: Math.round(Number(t?.[4] ?? 0) / 1024),
  };
}

/** One file through the built CLI (timedCliImport). */
function cliImport(file: string, casePath: string): ImportFigures {
  const run = timedCliImport(casePath, [file]);
  const j = run.results[run.results.length - 1]!;
  return {
    rows: j.rows,
    rejected: j.rejected,
    seconds: run.seconds ?? j.seconds,
    cpuSeconds: run.cpuSeconds,
    peakRssMb: run.peakRssMb,
    parser: 'built CLI, worker thread',
    status: 'complete',
    phases: j.phases ?? null,
  };
}

/** Fallback (`--tsx`, or no build / no /usr/bin/time): this file in child mode, run through tsx. */
function tsxImport(file: string, casePath: string): ImportFigures {
  const r = spawnSync(process.execPath, [...process.execArgv, __filename, '--child', '--file', file, '--case', casePath], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`import child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ImportFigures;
}

function sqliteBaseline(csvPath: string, dir: string, n: number): Record<string, unknown> {
  const which = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (which.error || which.status !== 0) return { available: false, note: 'sqlite3 shell not installed (apt-get install -y sqlite3)' };
  const db = join(dir, 'baseline.sqlite');
  rmSync(db, { force: true });
  const t0 = performance.now();
  const r = spawnSync('sqlite3', [db, '-cmd', 'PRAGMA journal_mode=WAL', '.import --csv ' + csvPath + ' t'], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) return { available: true, error: r.stderr.slice(0, 500) };
  return { available: true, version: which.stdout.trim().split(' ')[0], seconds, rowsPerSec: Math.round(n / seconds), caseBytesPerRow: Math.round(statSync(db).size / n) };
}

function jsonParseBaseline(path: string): number {
  const text = readFileSync(path, 'utf8');
  const t0 = performance.now();
  let n = 0;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) break;
    JSON.parse(text.slice(start, nl));
    n++;
    start = nl + 1;
  }
  return Math.round(n / ((performance.now() - t0) / 1000));
}

/** `--small-files N`: N CloudTrail delivery files ({"Records": [...]}, gzip) imported by one command. */
function smallFiles(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`--small-files takes a whole number from 1, not ${JSON.stringify(arg('small-files'))}`);
  const dir = arg('dir') ?? join(tmpdir(), `linkwork-bench-small-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let f = 0; f < n; f++) {
    const records = Array.from({ length: 20 }, (_, i) => {
      const k = f * 20 + i;
      return { eventVersion: '1.08', eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', eventTime: new Date(Date.UTC(2026, 3, 22) + k * 1000).toISOString(), userIdentity: { accountId: String(100_000_000_000 + (k % 50)), accessKeyId: `AKIA${k % 70}` }, sourceIPAddress: `203.0.113.${k % 200}`, userAgent: 'Boto3/1.34', eventID: `e-${k}`, requestID: `r-${k}`, requestParameters: { modelId: 'anthropic.claude-3-haiku' } };
    });
    const file = join(dir, `trail-${String(f).padStart(5, '0')}.json.gz`);
    writeFileSync(file, gzipSync(JSON.stringify({ Records: records })));
    files.push(file);
  }
  const casePath = join(dir, 'small-files.sqlite');
  for (const p of [casePath, `${casePath}-wal`, `${casePath}-shm`]) rmSync(p, { force: true });
  const { results, seconds, cpuSeconds, peakRssMb } = timedCliImport(casePath, files);
  const rows = results.reduce((a, x) => a + x.rows, 0);
  const complete = results.filter((x) => x.status === 'complete').length;
  process.stdout.write(`${JSON.stringify({ bench: 'import, small files', files: n, eventsPerFile: 20, complete, rows, seconds, filesPerSec: seconds ? Math.round(n / seconds) : null, cpuSeconds: Math.round(cpuSeconds * 100) / 100, peakRssMb }, null, 2)}\n`);
  if (!flag('keep') && !arg('dir')) rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  if (flag('child')) return child(arg('file') ?? '', arg('case') ?? '');
  const small = arg('small-files');
  if (small !== undefined) return smallFiles(Number(small));
  const n = Number(arg('rows') ?? 1_000_000);
  // the reported campaign's ratio (100,000 accounts, 28.8M exchanges): per-account costs (samples,
  // aggregates, strings) grow with accounts, and a bench with few accounts hid them
  const accounts = Number(arg('accounts') ?? Math.max(100, Math.round(n / 288)));
  const dir = arg('dir') ?? join(tmpdir(), `linkwork-bench-import-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const cores = (await import('node:os')).availableParallelism();
  const out: Record<string, unknown> = { rows: n, accounts, machine: { cpus: cores, node: process.version } };
  const only = arg('only'); // 'a' or 'b': one data set (e.g. a big (a) run for peak RSS)
  const baselines = !flag('no-baseline');
  const repeat = repeatCount(process.argv);
  out.repeat = repeat;
  for (const [label, withPrompt] of [['a_with_prompts', true], ['b_without_prompts', false]] as const) {
    if (only && !label.startsWith(`${only}_`)) continue;
    const file = join(dir, `${label}.jsonl`);
    const csv = join(dir, `${label}.csv`);
    if (!existsSync(file) || (baselines && !existsSync(csv))) await writeDataset(file, baselines ? csv : null, n, accounts, withPrompt);
    out.loadAverageBefore = out.loadAverageBefore ?? (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10);
    const bytes = statSync(file).size;
    const casePath = join(dir, `${label}.sqlite`);
    const rounds: Array<{ imp: ImportFigures; base: Record<string, unknown> }> = [];
    for (let r = 0; r < repeat; r++) {
      for (const p of [casePath, `${casePath}-wal`, `${casePath}-shm`]) rmSync(p, { force: true });
      const imp = existsSync(CLI) && existsSync(TIME) && !flag('tsx') ? cliImport(file, casePath) : tsxImport(file, casePath);
      const base = baselines ? sqliteBaseline(csv, dir, n) : { available: false, note: '--no-baseline' };
      rounds.push({ imp, base });
    }
    const rate = (imp: ImportFigures) => imp.rows / imp.seconds;
    const shellRate = (base: Record<string, unknown>) => (typeof base.rowsPerSec === 'number' ? base.rowsPerSec : null);
    const { imp } = medianBy(rounds, (x) => rate(x.imp));
    const base = medianBy(rounds, (x) => shellRate(x.base) ?? 0).base;
    const ratios = rounds.flatMap((x) => (shellRate(x.base) === null ? [] : [rate(x.imp) / shellRate(x.base)!]));
    const rowsPerSec = Math.round(rate(imp));
    out[label] = {
      status: imp.status,
      parser: imp.parser,
      rowsImported: imp.rows,
      rejected: imp.rejected,
      fileMB: Math.round(bytes / 1e6),
      bytesPerLine: Math.round(bytes / n),
      seconds: Math.round(imp.seconds * 100) / 100,
      phasesSeconds: imp.phases,
      rowsPerSec,
      mbPerSec: Math.round((bytes / 1e6 / imp.seconds) * 10) / 10,
      cpuSeconds: Math.round(imp.cpuSeconds * 10) / 10,
      cpuSecondsPerMillionRows: Math.round((imp.cpuSeconds / imp.rows) * 1e6 * 10) / 10,
      // CPU seconds over (wall seconds x cores): 1 = every core busy for the whole import
      parallelEfficiency: Math.round((imp.cpuSeconds / (imp.seconds * cores)) * 100) / 100,
      peakRssMb: imp.peakRssMb,
      caseBytesPerRow: Math.round(caseBytes(casePath) / imp.rows),
      target: withPrompt ? 120_000 : 200_000,
      extrapolated28_8MSeconds: Math.round(28_800_000 / rowsPerSec),
      baselines: {
        sqlite3ShellCsvImport: base,
        ratioToSqlite3Shell: ratios.length ? Math.round(median(ratios) * 100) / 100 : null,
        jsonParseLinesPerSec: baselines ? jsonParseBaseline(file) : null,
      },
      ...(repeat > 1 && {
        // in run order: the import, then the shell on the same rows
        rounds: rounds.map((x) => ({
          rowsPerSec: Math.round(rate(x.imp)),
          cpuSecondsPerMillionRows: Math.round((x.imp.cpuSeconds / x.imp.rows) * 1e6 * 10) / 10,
          peakRssMb: x.imp.peakRssMb,
          shellRowsPerSec: shellRate(x.base),
        })),
      }),
    };
  }
  const { loadavg } = await import('node:os');
  out.loadAverage = loadavg().map((x) => Math.round(x * 10) / 10);
  // the allocator setting the app's engine process runs with (scripts/bench.mjs passes it on)
  out.mallocMmapThreshold = process.env.MALLOC_MMAP_THRESHOLD_ ?? null;
  if (!flag('keep') && !arg('dir')) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

void main();
