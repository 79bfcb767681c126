// CLI. `linkwork import`: import log exports (JSONL, JSON, CSV/TSV, gzip, Bedrock, CloudTrail,
// LiteLLM) into a case, creating it when missing. `--json` prints one JSON object per file, one
// per line. Exit 0 when every file was imported (rejected rows included), 1 when one could not be.
// `--dry-run` changes nothing: it prints each file's mapping and its first rows as they would be
// stored (the app's "As imported" view), to check a mapping before a long import.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { implausibleSpan, spanText } from '../../shared/time-span';
import { FIELDS } from '../../engine/ingest/fields';
import { previewFile } from '../../engine/ingest/preview';
import { UnreadableFileError } from '../../engine/ingest/sniff';
import { importJob, type ImportFileResult } from '../../engine/ingest/import-job';
import { parseMapOptions, type Mapping } from '../../engine/ingest/mapping';
import { loadPreset, savePreset } from '../../engine/ingest/presets';
import { CaseSession } from '../../engine/session';
import { CliError, usageError } from '../cli-error';
import { expandLogPaths, NoLogFilesError } from '../../engine/ingest/log-paths';
import { printJsonLine, printLine, terminalText } from '../output';
import { importTotals } from '../../shared/import-totals';
import { runJobInProcess } from '../run-job';

interface ImportOpts {
  case: string;
  kind?: string;
  map: string[];
  json?: boolean;
  preset?: string;
  savePreset?: string;
  promptSamples?: string;
  quiet?: boolean;
  dryRun?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

/** A file's result as lines of text. Its name and reasons are the file's own text: each is one
 * line here (terminalText turns a line break into '?' too, so no line can be forged). */
function human(r: ImportFileResult): void {
  const file = terminalText(r.file);
  if (r.status === 'duplicate') {
    printLine(`${file}: already imported (import #${r.duplicateOf}, same SHA-256 ${r.sha256.slice(0, 12)}…); nothing added, ${r.duplicates} rows skipped as duplicates`);
    return;
  }
  if (r.status === 'failed') {
    printLine(`${file}: NOT imported: ${terminalText(r.error?.message ?? 'unknown error')}`);
    return;
  }
  const rate = r.seconds > 0 ? Math.round((r.rows + r.rejected + r.duplicates) / r.seconds) : 0;
  printLine(
    `${file}: ${r.rows} ${r.kind} imported (${r.format}), ${r.rejected} rejected, ${r.duplicates} duplicates skipped, ${r.seconds}s (${rate} rows/s), import #${r.importId}, sha256 ${r.sha256.slice(0, 12)}…`,
  );
  if (r.firstTs && r.lastTs) {
    printLine(`  ${r.kind === 'accounts' ? 'created' : 'times'} ${spanText(r.firstTs, r.lastTs)}`);
    if (implausibleSpan(r.firstTs, r.lastTs)) printLine('  warning: some times fall before 2000 or after today: is the time mapped to the right column? (--dry-run shows the first rows as stored)');
  }
  for (const x of r.firstRejects ?? []) printLine(`  rejected line ${x.line}: ${terminalText(x.reason)}`);
  if (r.rejected > (r.firstRejects?.length ?? 0)) printLine(`  ... all ${r.rejected} rejected rows are listed in the case (app: Import > rejects)`);
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import log exports (JSONL, JSON, CSV/TSV, gzip, Bedrock, CloudTrail, LiteLLM) into a case')
    .requiredOption('--case <file>', 'case file (.sqlite); created when missing')
    .option('--kind <kind>', 'exchanges or accounts (default: detected from the columns)')
    .option('--map <FIELD=COLUMN>', 'map a canonical field to a source column (repeatable; FIELD= unmaps)', collect, [] as string[])
    .option('--preset <name>', 'use a saved mapping preset')
    .option('--save-preset <name>', 'save the mapping given with --map (and --kind) as a preset in the case')
    .option('--prompt-samples <n>', 'full prompt texts kept per account (default 20; fingerprints are kept for every exchange)')
    .option('--json', 'print one JSON object per file, one per line')
    .option('--quiet', 'no progress bar')
    .option('--dry-run', 'change nothing: print the mapping and the first rows as they would be stored')
    .argument('<files...>', 'files to import; a folder imports every log file below it')
    .action(async (args: string[], opts: ImportOpts) => {
      const files = inputFiles(args);
      if (opts.kind !== undefined && opts.kind !== 'exchanges' && opts.kind !== 'accounts') throw usageError('--kind must be exchanges or accounts');
      let mapping: Mapping;
      try {
        mapping = parseMapOptions(opts.map);
      } catch (e) {
        throw usageError((e as Error).message);
      }
      const known = new Set([...FIELDS.exchanges, ...FIELDS.accounts]);
      for (const f of Object.keys(mapping)) if (!known.has(f)) throw usageError(`--map: "${f}" is not a field. Exchanges: ${FIELDS.exchanges.join(', ')}. Accounts: ${FIELDS.accounts.join(', ')}.`);
      const samples = opts.promptSamples === undefined ? undefined : Number(opts.promptSamples);
      if (samples !== undefined && (!Number.isInteger(samples) || samples < 0)) throw usageError('--prompt-samples needs a whole number');
      if (opts.dryRun && opts.savePreset) throw usageError('--save-preset writes to the case: not with --dry-run');
      const create = !existsSync(opts.case);
      if (opts.dryRun && opts.preset && create) throw new CliError(`no case at ${opts.case}: its presets cannot be read`);
      let kind = opts.kind as 'exchanges' | 'accounts' | undefined;
      let exact = false;
      if (opts.preset || opts.savePreset) {
        const s = CaseSession.open(opts.case, { create });
        try {
          if (opts.preset) {
            const p = loadPreset(s.db, opts.preset);
            if (!p) throw new CliError(`no mapping preset named "${opts.preset}" in this case`);
            mapping = { ...p.mapping, ...mapping };
            kind ??= p.kind;
            exact = true;
          }
          if (opts.savePreset) savePreset(s.db, { name: opts.savePreset, kind: kind ?? 'exchanges', mapping });
        } finally {
          s.close();
        }
      }
      if (opts.dryRun) return dryRun(files, { kind, mapping, exactMapping: exact }, opts.json === true);
      const quiet = opts.quiet === true || (opts.json === true && process.stderr.isTTY !== true);
      const result = await runJobInProcess(
        importJob,
        opts.case,
        { paths: files, kind, mapping, exactMapping: exact, promptSamplesPerAccount: samples },
        { quiet, create },
      );
      for (const r of result.files) {
        if (opts.json) {
          const { firstRejects: _f, ...rest } = r;
          printJsonLine(rest);
        } else human(r);
      }
      if (!opts.json && result.files.length > 1) printLine(importTotals(result.files));
      if (result.files.some((r) => r.status === 'failed')) process.exitCode = 1;
    });
}

/** --dry-run: each file's detected (or given) mapping and first rows as stored; exit 1 when one cannot be read. */
async function dryRun(files: string[], opts: { kind: 'exchanges' | 'accounts' | undefined; mapping: Mapping; exactMapping: boolean }, json: boolean): Promise<void> {
  for (const file of files) {
    try {
      const p = await previewFile(file, opts);
      if (json) {
        const { path, fileName, format, kind, mapping, missing, stored } = p;
        printJsonLine({ file: fileName, path, format, kind, mapping, missing, stored });
        continue;
      }
      printLine(`${terminalText(p.fileName)}: ${p.format}, ${p.kind}; mapping ${Object.entries(p.mapping).map(([f, c]) => `${f}=${terminalText(c)}`).join(' ') || '(none)'}`);
      if (p.missing.length) printLine(`  cannot be imported: no column maps to ${p.missing.join(' and ')} (--map ${p.missing[0]}=COLUMN)`);
      const span = p.stored.span ? `; ${p.kind === 'accounts' ? 'created' : 'times'} ${spanText(p.stored.span.first, p.stored.span.last)}` : '';
      printLine(`  first ${p.stored.rows.length + p.stored.rejects.length} rows as they would be stored: ${p.stored.rows.length} read, ${p.stored.rejects.length} rejected${span}`);
      if (p.stored.oddTimes) printLine('  warning: some times fall before 2000 or after today: is the time mapped to the right column?');
      for (const r of p.stored.rows) printLine(`  line ${r.line}: ${p.stored.columns.filter((c) => c !== 'extra' && r.values[c]).map((c) => `${c}=${terminalText(r.values[c]!)}`).join(' ')}`);
      for (const r of p.stored.rejects) printLine(`  line ${r.line} rejected: ${terminalText(r.reason)}`);
    } catch (e) {
      if (!(e instanceof UnreadableFileError) && (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      process.exitCode = 1;
      if (json) printJsonLine({ file, status: 'failed', error: { code: 'BAD_INPUT', message: (e as Error).message } });
      else printLine(`${terminalText(file)}: cannot be read: ${terminalText((e as Error).message)}`);
    }
  }
}

/** The arguments with each folder replaced by its log files. */
function inputFiles(args: string[]): string[] {
  try {
    return expandLogPaths(args).files;
  } catch (e) {
    if (e instanceof NoLogFilesError) throw new CliError(e.message);
    throw e;
  }
}
