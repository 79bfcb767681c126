// Engine. The files an import is given: a folder stands for every log file below it, in path
// order, in the app (a folder chosen or dropped) and in the CLI alike. CloudTrail delivers a trail
// to S3 as AWSLogs/<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/ with thousands of small files,
// more than a shell can pass as arguments or an investigator can pick one by one.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isLogFileName, LOG_EXTENSIONS } from '../../shared/log-files';

/** A folder given for import holds no log file. */
export class NoLogFilesError extends Error {}

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

/** The paths with each folder replaced by its log files (`folders`: how many were folders); a
 * path that is not a folder stays as given (the import reports one it cannot read). Throws
 * NoLogFilesError for a folder without any. */
export function expandLogPaths(paths: readonly string[]): { files: string[]; folders: number } {
  let folders = 0;
  const files = paths.flatMap((a) => {
    let dir = false;
    try {
      dir = statSync(a).isDirectory();
    } catch {
      // not there: the import says so for this file
    }
    if (!dir) return [a];
    folders++;
    const under = logFilesUnder(a);
    if (under.length === 0) throw new NoLogFilesError(`No log files under ${a} (${LOG_EXTENSIONS.map((x) => `.${x}`).join(', ')}, optionally .gz).`);
    return under;
  });
  return { files, folders };
}
