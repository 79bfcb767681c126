// Shared. The totals of an import of several files (a folder's thousands), said first by the
// app's summary and last by the CLI: files, rows, rejects, duplicates, files imported before and
// files not imported.

export interface FileOutcome {
  status: 'complete' | 'duplicate' | 'failed';
  rows: number;
  rejected: number;
  duplicates: number;
}

const int = (n: number) => n.toLocaleString('en-US');

export function importTotals(files: readonly FileOutcome[]): string {
  let rows = 0;
  let rejected = 0;
  let duplicates = 0;
  const count = { duplicate: 0, failed: 0 };
  for (const f of files) {
    rows += f.rows;
    rejected += f.rejected;
    duplicates += f.duplicates;
    if (f.status !== 'complete') count[f.status]++;
  }
  const parts = [`${int(files.length)} files: ${int(rows)} rows imported`, `${int(rejected)} rejected`, `${int(duplicates)} duplicates skipped`];
  if (count.duplicate) parts.push(`${int(count.duplicate)} files imported before`);
  if (count.failed) parts.push(`${int(count.failed)} files not imported`);
  return parts.join(' · ');
}
