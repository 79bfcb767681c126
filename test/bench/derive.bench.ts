// Benchmark: the derive phase of linkage analysis (template families by SimHash LSH, model pivots,
// sign-up bursts, BIN schedules, active hours) on an existing case, as JSON.
//   npm run bench derive -- --case existing.sqlite [--runs 3]
// Derive appends to the value table, so each run collects again; only derive is timed (wall and
// CPU, the latter comparable across machine loads).
import { loadavg } from 'node:os';
import { openDb } from '../../electron/engine/db/connection';
import { resolveParameters } from '../../electron/engine/linkage/analyze';
import { collect } from '../../electron/engine/linkage/collect';
import { addDerivedValues } from '../../electron/engine/linkage/derived-values';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = arg('case');
if (!file) {
  console.error('usage: npm run bench derive -- --case existing.sqlite [--runs 3]');
  process.exit(2);
}
const runs = Number(arg('runs') ?? 1);
const db = openDb(file);
const p = resolveParameters({});
const out: { wallMs: number; cpuMs: number; templates: number; families: number; pairsAdded: number }[] = [];
let exchanges = 0;
let accounts = 0;
for (let r = 0; r < runs; r++) {
  const c = collect(db, () => {});
  exchanges = c.exchangeCount;
  accounts = c.accounts.n;
  const pairs0 = c.table.pairs;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const d = addDerivedValues(c, p);
  const cu = process.cpuUsage(c0);
  out.push({ wallMs: Math.round(performance.now() - t0), cpuMs: Math.round((cu.user + cu.system) / 1000), templates: c.templates.nKeys, families: d.templateFamilies, pairsAdded: c.table.pairs - pairs0 });
}
db.close();
console.log(JSON.stringify({ bench: 'derive', case: file, accounts, exchanges, runs: out, load: loadavg().map((x) => Math.round(x * 100) / 100) }));
