// CLI. The files an import is given: a folder stands for every log file below it, in path order.
// CloudTrail delivers a trail to S3 as AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/ with
// thousands of small files, more than a shell can pass as arguments.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './cli-error';

/** Names of log files taken from a folder (optionally gzip-compressed); others are left alone. */
const LOG_FILE = /\.(jsonl|ndjson|json|csv|tsv|log|txt)(\.gz)?$/i;

/** Every log file below `dir` (hidden files and folders skipped), sorted by path. */
export function logFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && LOG_FILE.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The arguments with each folder replaced by its log files; a path that is not a folder stays
 * as given (the import reports one it cannot read). */
export function expandInputs(args: readonly string[]): string[] {
  return args.flatMap((a) => {
    let dir = false;
    try {
      dir = statSync(a).isDirectory();
    } catch {
      // not there: the import says so for this file
    }
    if (!dir) return [a];
    const files = logFilesUnder(a);
    if (files.length === 0) throw new CliError(`no log files under ${a} (.jsonl, .json, .csv, .tsv, .log, .txt, optionally .gz)`);
    return files;
  });
}
