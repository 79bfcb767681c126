// Renderer. Every import of the case with its provenance (file, SHA-256, format, mapping, counts,
// the times its rows cover, duration, app version) and status; interrupted imports show as such.
// Opens an import's rejects. A folder makes an import per file (thousands for a trail): the
// newest SHOWN first, the rest on request.
import { useEffect, useState } from 'react';
import type { ImportInfo } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { fmtBytes, fmtInt } from '../../state/format';
import { TimeSpan } from './time-span';

/** Imports listed before "Show all". */
const SHOWN = 50;

export function ImportHistory({ refreshKey, onRejects }: { refreshKey: number; onRejects: (importId: number) => void }) {
  const api = useApi();
  const [imports, setImports] = useState<ImportInfo[] | null>(null);
  const [all, setAll] = useState(false);
  useEffect(() => {
    let alive = true;
    // one more than shown: whether there are others
    void api.call('import.list', all ? {} : { limit: SHOWN + 1 }).then((r) => alive && r.ok && setImports(r.value));
    return () => {
      alive = false;
    };
  }, [api, refreshKey, all]);
  if (!imports) return null;
  if (imports.length === 0) return <p className="muted">Nothing imported into this case yet.</p>;
  const shown = all ? imports : imports.slice(0, SHOWN);
  const more = !all && imports.length > SHOWN;
  return (
    <>
      <table className="imp-table imp-history" data-testid="import-history">
        <thead>
          <tr>
            <th>#</th>
            <th>file</th>
            <th>status</th>
            <th>kind</th>
            <th>format</th>
            <th>mapping</th>
            <th className="num">rows</th>
            <th className="num">rejected</th>
            <th className="num">duplicates</th>
            <th>size</th>
            <th>SHA-256</th>
            <th title="The earliest and latest time of the rows (accounts: created), UTC">times</th>
            <th>started</th>
            <th>seconds</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => (
            <tr key={i.id} title={i.error ?? i.filePath}>
              <td className="mono">{i.id}</td>
              <td>{i.fileName}</td>
              <td className={`imp-status ${i.status}`}>{i.status}</td>
              <td>{i.kind}</td>
              <td>
                {i.format}
                {i.compression !== 'none' ? ` (${i.compression})` : ''}
              </td>
              <td>
                <details className="imp-mapping">
                  <summary>{Object.keys(i.mapping).length} fields</summary>
                  <span className="mono">
                    {Object.entries(i.mapping)
                      .map(([field, column]) => `${field}=${column}`)
                      .join(', ')}
                  </span>
                </details>
              </td>
              <td className="num">{fmtInt(i.rows)}</td>
              <td className="num">
                {i.rejected ? (
                  <button className="imp-cell-link" title={`Show the rejected rows of import #${i.id}`} onClick={() => onRejects(i.id)}>
                    {fmtInt(i.rejected)}
                  </button>
                ) : (
                  0
                )}
              </td>
              <td className="num">{fmtInt(i.duplicates)}</td>
              <td>{fmtBytes(i.sizeBytes)}</td>
              <td className="mono" title={i.sha256}>
                {i.sha256.slice(0, 12)}
              </td>
              <td>
                <TimeSpan first={i.firstTs} last={i.lastTs} />
              </td>
              <td>{i.startedAt.replace('T', ' ').slice(0, 19)}</td>
              <td>{i.seconds ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more ? (
        <button className="imp-more" onClick={() => setAll(true)}>
          Show all imports (the newest {SHOWN} are shown)
        </button>
      ) : null}
    </>
  );
}
