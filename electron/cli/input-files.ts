// CLI. The files an import is given: a folder stands for every log file below it, in path order.
// CloudTrail delivers a trail to S3 as AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/ with
// thousands of small files, more than a shell can pass as arguments.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isLogFileName, LOG_EXTENSIONS } from '../shared/log-files';
import { CliError } from './cli-error';

/** Every log file below `dir` (hidden files and folders skipped), sorted by path. */
export function logFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && isLogFileName(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
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
    if (files.length === 0) throw new CliError(`no log files under ${a} (${LOG_EXTENSIONS.map((x) => `.${x}`).join(', ')}, optionally .gz)`);
    return files;
  });
}
