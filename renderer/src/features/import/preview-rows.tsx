// Renderer. The mapping step's first rows, two ways: as they are in the file, and as the import
// would store them with the mapping chosen (UTC times, canonical IPs and prefixes, user-agent
// families, fingerprints; engine stored-preview.ts), with why each rejected row is rejected. The
// second view is how a wrong mapping shows before a long import. Every value is rendered as text.
import { useState, type ReactNode } from 'react';
import type { ImportPreview } from '../../../../electron/shared/contract';
import { spanText } from '../../../../electron/shared/time-span';

type Stored = ImportPreview['stored'];

/** Columns shown at most (a log can have hundreds). */
const MAX_COLUMNS = 40;

/** `children`: notes shown under the rows */
export function PreviewRows({ preview, stored, mappedCols, children }: { preview: ImportPreview; stored: Stored; mappedCols: ReadonlySet<string>; children?: ReactNode }) {
  const [view, setView] = useState<'file' | 'stored'>('file');
  const fileCols = preview.columns.slice(0, MAX_COLUMNS);
  const storedCols = stored.columns.slice(0, MAX_COLUMNS);
  return (
    <div className="imp-rows">
      <div className="imp-rows-head">
        <h3>First rows</h3>
        <div className="imp-views" role="group" aria-label="Show the first rows">
          <button aria-pressed={view === 'file'} className={view === 'file' ? 'on' : ''} onClick={() => setView('file')} title="The values as they are in the file">
            In the file
          </button>
          <button aria-pressed={view === 'stored'} className={view === 'stored' ? 'on' : ''} onClick={() => setView('stored')} title="The values as this mapping would store them: check the times, accounts and addresses before a long import">
            As imported
          </button>
        </div>
      </div>
      <div className="imp-table-wrap">
        {view === 'file' ? (
          <RowsTable testId="import-file-rows" columns={fileCols} rows={preview.rows} marked={mappedCols} />
        ) : (
          <RowsTable testId="import-stored-rows" columns={storedCols} rows={stored.rows} hidden={stored.rows.length === 0} />
        )}
        {view === 'stored' && stored.rows.length === 0 ? <p className="imp-none">None of these rows can be read: the reasons are below.</p> : null}
      </div>
      {view === 'file' && preview.columns.length > fileCols.length ? <p className="muted">{preview.columns.length - fileCols.length} more columns not shown.</p> : null}
      <StoredSummary stored={stored} onShow={() => setView('stored')} showing={view === 'stored'} />
      {children}
    </div>
  );
}

/** Rows by line, one column per name; `marked` column names are shown as mapped. */
function RowsTable({ testId, columns, rows, marked, hidden }: { testId: string; columns: string[]; rows: Stored['rows']; marked?: ReadonlySet<string>; hidden?: boolean }) {
  return (
    <table className="imp-table" data-testid={testId} hidden={hidden}>
      <thead>
        <tr>
          <th>line</th>
          {columns.map((c) => (
            <th key={c} className={marked?.has(c) ? 'mapped' : ''} title={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.line}>
            <td className="mono">{r.line}</td>
            {columns.map((c) => (
              <td key={c} title={r.values[c] ?? ''}>
                {r.values[c] ?? ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One line under the rows: how many of them this mapping reads, the stored time span, and the
 * first reasons for rejected rows (all of them in the "As imported" view). */
function StoredSummary({ stored, onShow, showing }: { stored: Stored; onShow: () => void; showing: boolean }) {
  // the records the stored rows cover: the rows shown, and the ones rejected among them
  const shown = stored.rows.length + stored.rejects.length;
  const span = stored.span ? spanText(stored.span.first, stored.span.last) : null;
  const rejects = showing ? stored.rejects : stored.rejects.slice(0, 2);
  return (
    <div className="imp-stored-summary" data-testid="import-stored-summary">
      <p className={stored.rejects.length ? 'imp-warn' : 'muted'}>
        With this mapping, {stored.rows.length} of the first {shown} rows are read
        {stored.rejects.length ? `, ${stored.rejects.length} would be rejected` : ''}
        {span ? `; times ${span} (UTC)` : ''}.{' '}
        {stored.oddTimes ? <span className="imp-warn">Some fall before 2000 or after today: is the time mapped to the right column? </span> : null}
        {showing ? null : (
          <button className="imp-cell-link" onClick={onShow}>
            See them as imported
          </button>
        )}
      </p>
      {rejects.length ? (
        <ul className="imp-first-rejects">
          {rejects.map((r) => (
            <li key={r.line}>
              line {r.line}: {r.reason}
            </li>
          ))}
          {rejects.length < stored.rejects.length ? <li>…</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
