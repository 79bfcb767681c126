// CLI. `linkwork evaluate`: scores a case's current clusters against a generator's truth.json
// (engine/simulator/evaluate.ts does the comparison).
import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { lastAnalysis } from '../../engine/linkage/analysis-store';
import { readClusters } from '../../engine/linkage/cluster-store';
import { CaseSession } from '../../engine/session';
import { evaluate, type Evaluation } from '../../engine/simulator/evaluate';
import type { Truth } from '../../engine/simulator/truth';
import { CliError, usageError } from '../cli-error';
import { printJson, printLine } from '../output';

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

export function printEvaluation(e: Evaluation): void {
  printLine(`Flagged: ${e.flaggedClusters} clusters, ${e.flaggedAccounts} accounts; precision ${pct(e.precision)}, campaign recall ${pct(e.overallRecall)}`);
  printLine('Campaigns:');
  for (const c of e.campaigns) {
    printLine(`  ${c.name.padEnd(22)} ${String(c.accounts).padStart(6)} accounts  recall ${pct(c.recall).padStart(6)}  in ${c.flaggedClusters} flagged cluster(s)  largest holds ${pct(c.largestShare)}`);
  }
  printLine('Traps (accounts flagged):');
  for (const t of e.traps) printLine(`  ${t.name.padEnd(22)} ${t.flaggedAccounts} of ${t.accounts}`);
  for (const b of e.benign) printLine(`  ${b.name.padEnd(22)} ${b.flaggedAccounts} of ${b.accounts}`);
  if (e.mixedClusters.length) {
    printLine('Clusters mixing campaigns:');
    for (const m of e.mixedClusters) printLine(`  ${m.id}${m.flagged ? ' (flagged)' : ''}: ${Object.entries(m.campaigns).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  } else printLine('No cluster mixes two campaigns.');
  if (e.unknownAccounts) printLine(`${e.unknownAccounts} clustered accounts are not in the truth file.`);
}

export function readTruth(path: string): Truth {
  let truth: Truth;
  try {
    truth = JSON.parse(readFileSync(path, 'utf8')) as Truth;
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${(e as Error).message}`);
  }
  if (!truth || typeof truth !== 'object' || typeof truth.accounts !== 'object' || typeof truth.populations !== 'object') throw new CliError(`${path} is not a generator truth.json (no accounts/populations)`);
  return truth;
}

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description("compare a case's clusters with a generator's truth.json: recall and splits per campaign, precision, traps flagged, mixed clusters")
    .requiredOption('--case <file>', 'case file (.sqlite), imported and analysed')
    .requiredOption('--truth <file>', 'truth.json written by `linkwork generate`')
    .option('--json', 'print the evaluation as JSON')
    .action((opts: { case: string; truth: string; json?: boolean }) => {
      if (!existsSync(opts.case)) throw usageError(`no case file at ${opts.case}`);
      if (!existsSync(opts.truth)) throw usageError(`no truth file at ${opts.truth}`);
      const truth = readTruth(opts.truth);
      const s = CaseSession.open(opts.case);
      let result: Evaluation;
      try {
        if (!lastAnalysis(s.db)) throw new CliError('This case has not been analysed yet: run `linkwork analyze --case ...` first.');
        const clusters = readClusters(s.db);
        result = evaluate(truth, clusters.map((c) => ({ id: c.id, flagged: c.flagged, accounts: c.accounts })));
      } finally {
        s.close();
      }
      if (opts.json) printJson(result);
      else printEvaluation(result);
    });
}
