// Renderer. Step 4: what each file gave (rows, rejects with reasons, duplicates, time), with its
// rejects one click away; for several files (a folder's thousands), their totals first.
import type { ImportFileResultDto } from '../../../../electron/shared/contract';
import { importTotals } from '../../../../electron/shared/import-totals';
import { fmtInt } from '../../state/format';
import { useAnalysis } from '../analysis';
import { TimeSpan } from './time-span';

export function ImportSummary({ files, onRejects, onMore }: { files: ImportFileResultDto[]; onRejects: (importId: number) => void; onMore: () => void }) {
  const analysis = useAnalysis();
  const added = files.some((f) => f.status === 'complete' && f.rows > 0);
  return (
    <section className="card panel imp-step" data-testid="import-summary">
      <h2>Import finished</h2>
      {files.length > 1 ? <p data-testid="import-totals">{importTotals(files)}</p> : null}
      <ul className="imp-results">
        {files.map((f) => (
          <li key={f.path} className={`imp-result ${f.status}`}>
            <div>
              <strong>{f.file}</strong>{' '}
              {f.status === 'complete' ? (
                <span>
                  {fmtInt(f.rows)} {f.kind} imported ({f.format}) in {f.seconds} s · {fmtInt(f.rejected)} rejected · {fmtInt(f.duplicates)} duplicates skipped
                  {f.firstTs ? (
                    <>
                      {' '}
                      · {f.kind === 'accounts' ? 'created' : 'times'} <TimeSpan first={f.firstTs} last={f.lastTs ?? null} warn />
                    </>
                  ) : null}
                </span>
              ) : f.status === 'duplicate' ? (
                <span>already imported (import #{f.duplicateOf}, same SHA-256): nothing added</span>
              ) : (
                <span className="imp-error">not imported: {f.error?.message}</span>
              )}
            </div>
            {f.firstRejects?.length ? (
              <ul className="imp-first-rejects">
                {f.firstRejects.map((r, i) => (
                  <li key={i}>
                    line {r.line}: {r.reason}
                  </li>
                ))}
              </ul>
            ) : null}
            {f.rejected > 0 && f.importId ? (
              <button onClick={() => onRejects(f.importId as number)}>Show all {fmtInt(f.rejected)} rejected rows</button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="imp-actions">
        <span className="spacer" />
        <button className={added ? '' : 'primary'} onClick={onMore}>
          Import more files
        </button>
        {added ? (
          <button className="primary" onClick={analysis.open} disabled={analysis.running} title="The clusters include new rows only once the analysis runs again (Ctrl+Shift+A)">
            Analyse…
          </button>
        ) : null}
      </div>
    </section>
  );
}
