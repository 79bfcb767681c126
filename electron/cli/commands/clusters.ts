// CLI. `linkwork clusters`: list the clusters of a case, highest score first.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { lastAnalysis } from '../../engine/linkage/analysis-store';
import { readClusters } from '../../engine/linkage/cluster-store';
import { CaseSession } from '../../engine/session';
import { CliError, usageError } from '../cli-error';
import { printJson, printLine } from '../output';

export function registerClusters(program: Command): void {
  program
    .command('clusters')
    .description('list the clusters of a case, highest score first')
    .requiredOption('--case <file>', 'case file (.sqlite)')
    .option('--json', 'print {parameters, clusters} as JSON')
    .option('--min-size <n>', 'smallest cluster listed (default 2)', (v) => Number(v))
    .option('--flagged', 'only flagged clusters')
    .action(async (opts: { case: string; json?: boolean; minSize?: number; flagged?: boolean }) => {
      if (!existsSync(opts.case)) throw usageError(`no case file at ${opts.case}`);
      const s = CaseSession.open(opts.case);
      try {
        const last = lastAnalysis(s.db);
        if (!last) throw new CliError('This case has not been analysed yet: run `linkwork analyze --case ...` first.');
        const clusters = readClusters(s.db, { minSize: opts.minSize, flaggedOnly: opts.flagged });
        if (opts.json) {
          printJson({
            parameters: last.parameters,
            clusters: clusters.map((c) => ({ id: c.id, size: c.size, score: c.score, flagged: c.flagged, accounts: c.accounts, reasons: c.reasons, firstTs: c.firstTs, lastTs: c.lastTs, exchanges: c.exchanges })),
          });
          await stdoutDrained();
          return;
        }
        for (const c of clusters) {
          printLine(`${c.id}  ${c.flagged ? 'FLAGGED' : '       '}  score ${c.score.toFixed(3)}  ${c.size} accounts  ${c.exchanges} exchanges`);
          for (const r of c.reasons.slice(0, 4)) printLine(`    +${r.contribution.toFixed(3)} ${r.signal}: ${r.detail}`);
        }
        printLine(`${clusters.length} clusters`);
      } finally {
        s.close();
      }
      await stdoutDrained();
    });
}

/** Resolves once everything written to stdout so far is flushed: the CLI exits right after the
 * action, and a large JSON document piped to another program would otherwise be cut short. */
function stdoutDrained(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}
