// CLI. `linkwork export`: write an evidence packet (report, data, graph, indicators, audit,
// manifest) for clusters or a tag, to a folder or a .zip. Runs the same job as the app.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { exportJob, type ExportResult } from '../../engine/evidence/export-job';
import { usageError } from '../cli-error';
import { printJson, printLine } from '../output';
import { runJobInProcess } from '../run-job';

interface ExportOpts {
  case: string;
  cluster?: string[];
  tag?: string;
  pseudonymise?: boolean;
  out: string;
  pdf: boolean;
  exchangeLimit?: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export an evidence packet (report, data, graph, indicators, manifest)')
    .requiredOption('--case <file>', 'the case file')
    .option('--cluster <id...>', 'cluster ids to export')
    .option('--tag <name>', 'export every cluster with this tag')
    .option('--pseudonymise', 'replace emails, IPs, card and device fingerprints with keyed hashes')
    .requiredOption('--out <dir|file.zip>', 'a new (or empty) folder, or a .zip file')
    .option('--no-pdf', 'do not print report.pdf')
    .option('--exchange-limit <n>', 'most exchanges written to exchanges.jsonl (default 5000)')
    .option('--json', 'print the result as JSON')
    .option('-q, --quiet', 'no progress output')
    .action(async (o: ExportOpts) => {
      if (!existsSync(o.case)) throw usageError(`No case file at ${o.case}.`);
      if (!o.cluster?.length && !o.tag) throw usageError('Give --cluster ID... or --tag NAME.');
      if (o.cluster?.length && o.tag) throw usageError('Give either --cluster or --tag, not both.');
      const limit = o.exchangeLimit === undefined ? undefined : Number(o.exchangeLimit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) throw usageError('--exchange-limit must be a whole number.');
      const r: ExportResult = await runJobInProcess(
        exportJob,
        o.case,
        {
          ...(o.cluster?.length ? { clusterIds: o.cluster } : {}),
          ...(o.tag ? { tag: o.tag } : {}),
          pseudonymise: o.pseudonymise ?? false,
          out: o.out,
          noPdf: !o.pdf,
          ...(limit !== undefined ? { exchangeLimit: limit } : {}),
        },
        { quiet: o.quiet || o.json },
      );
      if (o.json) return printJson(r);
      printLine(`Wrote ${r.zip ? 'zip' : 'folder'} ${r.out}: ${r.files.length + 1} files, ${r.clusterIds.length} cluster(s), ${r.accounts} accounts.`);
      if (!r.pdf.included) printLine(r.pdf.note ?? 'report.pdf was skipped.');
      printLine(`manifest.json SHA-256: ${r.manifestSha256}`);
      printLine(`Check it any time with: linkwork verify ${r.out} --expect ${r.manifestSha256}`);
    });
}
