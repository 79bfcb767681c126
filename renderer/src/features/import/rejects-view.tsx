// Renderer. An import's rejected rows, a page at a time: source line, reason, and a bounded
// excerpt shown as plain text (it is hostile input).
import { useEffect, useState } from 'react';
import { useApi } from '../../api/context';
import { fmtInt } from '../../state/format';

const PAGE = 100;

export function RejectsView({ importId, onClose }: { importId: number; onClose?: () => void }) {
  const api = useApi();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; rows: Array<{ line: number; reason: string; excerpt: string }> } | null>(null);
  useEffect(() => {
    let alive = true;
    void api.call('import.rejects', { importId, offset, limit: PAGE }).then((r) => alive && r.ok && setPage(r.value));
    return () => {
      alive = false;
    };
  }, [api, importId, offset]);
  if (!page) return <div className="muted">Loading rejects…</div>;
  return (
    <div className="imp-rejects" data-testid="import-rejects">
      <div className="imp-actions">
        <h3>
          Rejected rows of import #{importId} ({fmtInt(page.total)})
        </h3>
        <span className="spacer" />
        <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          Previous
        </button>
        <span className="muted">
          {page.total ? `${offset + 1}–${Math.min(offset + PAGE, page.total)}` : '0'}
        </span>
        <button disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
          Next
        </button>
        {onClose ? <button onClick={onClose}>Close</button> : null}
      </div>
      {page.total === 0 ? (
        <p className="muted">No rows were rejected.</p>
      ) : (
        <table className="imp-table">
          <thead>
            <tr>
              <th>line</th>
              <th>reason</th>
              <th>excerpt</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((r, i) => (
              <tr key={`${r.line}-${i}`}>
                <td className="mono">{r.line}</td>
                <td>{r.reason}</td>
                <td>
                  <pre className="imp-excerpt">{r.excerpt}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
