// CLI. `linkwork analyze`: link accounts, build clusters and score them (the analyze job, in-process).
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { analyzeJob } from '../../engine/linkage/analyze-job';
import { usageError } from '../cli-error';
import { printJson, printLine } from '../output';
import { runJobInProcess } from '../run-job';

const num = (name: string) => (v: string) => {
  const x = Number(v);
  if (!Number.isFinite(x)) throw usageError(`--${name} needs a number`);
  return x;
};

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('link accounts, build clusters and score them')
    .requiredOption('--case <file>', 'case file (.sqlite)')
    .option('--json', 'print the result as JSON')
    .option('--strong-edge-weight <w>', 'edge weight that joins clusters (default 1)', num('strong-edge-weight'))
    .option('--soft-min-families <n>', 'independent signal families a soft-only edge needs (default 2)', num('soft-min-families'))
    .option('--hub-max-degree <n>', 'soft values shared by more accounts are hubs (default 200)', num('hub-max-degree'))
    .option('--template-hamming <bits>', 'SimHash distance within one template family (default 3)', num('template-hamming'))
    .option('--flag-score <s>', 'score from which a cluster is flagged (default 0.5)', num('flag-score'))
    .option('--seed <n>', 'community detection seed (default 42)', num('seed'))
    .action(async (opts: { case: string; json?: boolean; strongEdgeWeight?: number; softMinFamilies?: number; hubMaxDegree?: number; templateHamming?: number; flagScore?: number; seed?: number }) => {
      if (!existsSync(opts.case)) throw usageError(`no case file at ${opts.case}`);
      const parameters = Object.fromEntries(
        Object.entries({
          strongEdgeWeight: opts.strongEdgeWeight,
          softMinFamilies: opts.softMinFamilies,
          hubMaxDegreeSoft: opts.hubMaxDegree,
          templateHammingMax: opts.templateHamming,
          flagScore: opts.flagScore,
          louvainSeed: opts.seed,
        }).filter(([, v]) => v !== undefined),
      );
      const r = await runJobInProcess(analyzeJob, opts.case, { parameters }, { quiet: opts.json === true });
      if (opts.json) return printJson(r);
      const s = r.stats;
      printLine(`Analysis ${r.analysisId}: ${s.accounts} accounts, ${s.exchanges} exchanges, ${s.values} shared values (${s.hubs} hubs), ${s.strongEdges} strong edges`);
      printLine(`${s.clusters} clusters, ${s.flagged} flagged (${s.flaggedAccounts} accounts); phases (ms): ${JSON.stringify(r.phases)}`);
    });
}
