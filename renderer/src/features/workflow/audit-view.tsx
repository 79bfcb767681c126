// Renderer. The "Audit log" tab: the case's hash-chained audit log (every import, analysis,
// investigator action and export; each entry carries the SHA-256 of the previous one), paged,
// with a chain check that names the first bad entry; beside it the case notes, the tags and the
// recent actions with undo/redo.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AuditEntry, Res } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';
import { fmtInt } from '../../state/format';
import { fmtDateTime } from './format';
import { NotesEditor } from './NotesEditor';
import { TagManager } from './TagManager';
import { HistoryList } from './UndoRedo';
import { useCaseRevision } from './use-workflow';
import './workflow.css';

const PAGE = 100;
type AuditPage = Res<'audit.list'>;

/** Details are JSON written by the engine from investigator and imported input: shown as text. */
function detailText(details: string): string {
  try {
    const v = JSON.parse(details) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`)
        .join(' · ');
    }
    return JSON.stringify(v);
  } catch {
    return details;
  }
}

function ChainStatus({ page, checkedAt }: { page: AuditPage | null; checkedAt: string | null }) {
  if (!page) return null;
  const first = page.problems[0];
  return page.intact ? (
    <div className="wf-chain ok" role="status" data-testid="chain-status">
      <strong>Chain intact.</strong> All {fmtInt(page.total)} entries link by SHA-256 to the one before; no entry was edited or removed.
      {checkedAt ? <span className="muted"> Checked {fmtDateTime(checkedAt)}.</span> : null}
    </div>
  ) : (
    <div className="wf-chain bad" role="alert" data-testid="chain-status">
      <strong>Chain broken.</strong> {page.problems.length} problem{page.problems.length === 1 ? '' : 's'}; first bad entry: <span className="mono">#{first?.seq}</span> — {first?.problem}.
      {page.problems.length > 1 ? (
        <details>
          <summary>All problems</summary>
          <ul>
            {page.problems.map((p, i) => (
              <li key={i}>
                <span className="mono">#{p.seq}</span> {p.problem}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

export function AuditView() {
  const api = useApi();
  const toast = useToast();
  const rev = useCaseRevision();
  // cursors: beforeSeq of each page shown so far (undefined = newest)
  const [cursors, setCursors] = useState<Array<number | undefined>>([undefined]);
  const [subject, setSubject] = useState('');
  const [page, setPage] = useState<AuditPage | null>(null);
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const before = cursors[cursors.length - 1];

  const load = useCallback(async () => {
    const r = await api.call('audit.list', { limit: PAGE, ...(before !== undefined ? { beforeSeq: before } : {}), ...(subject.trim() ? { subject: subject.trim() } : {}) });
    if (r.ok) setPage(r.value);
    else toast.show({ kind: 'error', text: r.error.message });
    return r.ok ? r.value : null;
  }, [api, toast, before, subject]);

  useEffect(() => {
    void load();
  }, [load, rev]);

  const verify = async () => {
    const p = await load();
    if (!p) return;
    setCheckedAt(new Date().toISOString());
    toast.show(p.intact ? { kind: 'success', text: `Audit chain intact (${fmtInt(p.total)} entries).` } : { kind: 'error', text: `Audit chain broken at entry #${p.problems[0]?.seq}: ${p.problems[0]?.problem}` });
  };
  const bad = useMemo(() => new Set((page?.problems ?? []).map((p) => p.seq)), [page]);
  const entries: AuditEntry[] = page?.entries ?? [];
  const last = entries[entries.length - 1];

  return (
    <div className="wf-page">
      <div className="wf-main">
        <div className="wf-page-head">
          <h2>Audit log</h2>
          <span className="muted">{page ? `${fmtInt(page.total)} entries` : ''}</span>
          <span className="spacer" />
          <input
            type="search"
            placeholder="Filter by subject (cluster:C-…, account:…, tag:…)"
            aria-label="Filter by subject"
            value={subject}
            onChange={(e) => {
              setSubject(e.target.value);
              setCursors([undefined]);
            }}
            style={{ width: 300 }}
          />
          <button className="primary" onClick={() => void verify()} data-testid="verify-chain">
            Verify chain
          </button>
        </div>
        <p className="muted wf-small wf-lede">
          Append-only: every import, analysis (with its parameters), investigator action and export is recorded here in the same transaction as the change. Each entry carries the SHA-256
          of the previous entry, so editing or deleting any entry breaks the chain. The same check runs from the command line: <span className="mono">linkwork verify --case CASE.sqlite</span>.
        </p>
        <ChainStatus page={page} checkedAt={checkedAt} />
        <div className="wf-table-wrap">
          <table className="wf-table" data-testid="audit-table">
            <thead>
              <tr>
                <th className="n">#</th>
                <th>Time (UTC)</th>
                <th>Actor</th>
                <th>Action</th>
                <th>Subject</th>
                <th>Details</th>
                <th>Hash</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} className={bad.has(e.seq) ? 'bad' : ''} onClick={() => setOpen(open === e.seq ? null : e.seq)} aria-expanded={open === e.seq}>
                  <td className="n mono">{e.seq}</td>
                  <td className="mono nowrap">{fmtDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>
                    <span className={`wf-action ${e.action.split('.')[0]}`}>{e.action}</span>
                  </td>
                  <td className="mono wf-subject">{e.subject ?? '—'}</td>
                  <td className={`wf-details${open === e.seq ? ' open' : ''}`}>{open === e.seq ? <pre>{prettyJson(e.details)}</pre> : detailText(e.details)}</td>
                  <td className="mono wf-hash" title={`hash ${e.hash}\nprevious ${e.prev_hash}`}>
                    {e.hash.slice(0, 10)}…
                  </td>
                </tr>
              ))}
              {page && entries.length === 0 ? (
                <tr>
                  <td colSpan={7} className="muted">
                    No entries{subject ? ' for this subject' : ''}.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <div className="row wf-pager">
          <button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
            ← Newer
          </button>
          <span className="muted wf-small">{entries.length ? `entries #${entries[0]!.seq} – #${last!.seq}` : ''}</span>
          <button disabled={!last || entries.length < PAGE || last.seq <= 1} onClick={() => last && setCursors((c) => [...c, last.seq])}>
            Older →
          </button>
        </div>
      </div>
      <aside className="wf-side">
        <NotesEditor kind="case" title="Case notes" />
        <TagManager />
        <HistoryList />
      </aside>
    </div>
  );
}

function prettyJson(details: string): string {
  try {
    return JSON.stringify(JSON.parse(details), null, 2);
  } catch {
    return details;
  }
}
