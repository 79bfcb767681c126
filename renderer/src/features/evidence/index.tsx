// Renderer. The "Evidence" tab: choose clusters (sortable, filterable, with checkboxes) or a tag,
// decide on pseudonymisation and the PDF, preview the packet and its report, export it (desktop:
// a save dialog; browser mode: a .zip in the workbench's exports folder, or a typed path), then
// verify it against its manifest. The export runs as a job (progress and cancel in the job tray).
import { useEffect, useMemo, useRef, useState } from 'react';
import { ExportResult, type ClusterSummary, type EvidencePreview, type JobEvent, type Res } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import type { WorkbenchApi } from '../../api/workbench-api';
import { useToast } from '../../components/toast';
import { fmtBytes, fmtInt, fmtTime } from '../../state/format';
import { TagChip, TagPicker } from '../workflow/TagPicker';
import { useCaseRevision } from '../workflow/use-workflow';
import { ReportFrame } from './ReportFrame';
import './evidence.css';

type Mode = 'clusters' | 'tag';
type Sort = 'score' | 'size' | 'recent' | 'id';
type Check = Res<'evidence.verify'>;

/** Starts a job and resolves with its final event; listens first, so a fast job is not missed. */
async function runJob(api: WorkbenchApi, start: () => ReturnType<WorkbenchApi['call']>): Promise<{ error: string } | { event: JobEvent }> {
  const ended = new Map<string, JobEvent>();
  let want: string | null = null;
  let resolve: (e: JobEvent) => void = () => {};
  const done = new Promise<JobEvent>((r) => (resolve = r));
  const off = api.onEvent((e) => {
    if (e.type !== 'job' || e.state === 'running') return;
    if (e.jobId === want) resolve(e);
    else ended.set(e.jobId, e);
  });
  try {
    const r = await start();
    if (!r.ok) return { error: r.error.message };
    want = (r.value as { jobId: string }).jobId;
    const early = ended.get(want);
    if (early) return { event: early };
    return { event: await done };
  } finally {
    off();
  }
}

export function EvidencePanel() {
  const api = useApi();
  const toast = useToast();
  const rev = useCaseRevision();
  const [mode, setMode] = useState<Mode>('clusters');
  const [clusters, setClusters] = useState<ClusterSummary[] | null>(null);
  const [clusterTags, setClusterTags] = useState<Record<string, string[]>>({});
  const [tags, setTags] = useState<Res<'tags.list'>>([]);
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [tag, setTag] = useState('');
  const [filter, setFilter] = useState('');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const [sort, setSort] = useState<Sort>('score');
  const [pseudonymise, setPseudonymise] = useState(false);
  const [pdf, setPdf] = useState(true);
  const [preview, setPreview] = useState<EvidencePreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [outPath, setOutPath] = useState('');
  const [exporting, setExporting] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [check, setCheck] = useState<Check | null>(null);

  // clusters and tags of the case
  useEffect(() => {
    let alive = true;
    void (async () => {
      const [c, t] = await Promise.all([api.call('clusters.list', { limit: 5000, sort: 'score' }), api.call('tags.list', {})]);
      if (!alive) return;
      const list = c.ok ? c.value.clusters : [];
      setClusters(list);
      if (t.ok) setTags(t.value);
      if (list.length) {
        const of = await api.call('tags.of', { kind: 'cluster', ids: list.map((x) => x.id) });
        if (alive && of.ok) setClusterTags(of.value);
      }
    })();
    return () => {
      alive = false;
    };
  }, [api, rev]);

  const tagByName = useMemo(() => new Map(tags.map((t) => [t.name, t])), [tags]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const rows = (clusters ?? []).filter(
      (c) => (!flaggedOnly || c.flagged) && (!q || c.id.toLowerCase().includes(q) || (clusterTags[c.id] ?? []).some((t) => t.toLowerCase().includes(q)) || c.reasons.some((r) => r.detail.toLowerCase().includes(q))),
    );
    const by: Record<Sort, (a: ClusterSummary, b: ClusterSummary) => number> = {
      score: (a, b) => b.score - a.score,
      size: (a, b) => b.size - a.size,
      recent: (a, b) => (b.lastTs ?? 0) - (a.lastTs ?? 0),
      id: (a, b) => a.id.localeCompare(b.id),
    };
    return rows.sort(by[sort]);
  }, [clusters, clusterTags, filter, flaggedOnly, sort]);

  const selection = useMemo(
    () => (mode === 'tag' ? (tag ? { tag } : null) : checked.size ? { clusterIds: [...checked].sort() } : null),
    [mode, tag, checked],
  );
  const selectionKey = JSON.stringify(selection);

  // preview follows the selection (debounced: ticking several boxes makes one request)
  const seq = useRef(0);
  useEffect(() => {
    setResult(null);
    setCheck(null);
  }, [selectionKey, pseudonymise]);
  useEffect(() => {
    if (!selection) {
      setPreview(null);
      return;
    }
    const my = ++seq.current;
    setPreviewing(true);
    const t = setTimeout(async () => {
      const r = await api.call('evidence.preview', { ...selection, pseudonymise });
      if (my !== seq.current) return;
      setPreviewing(false);
      if (r.ok) {
        setPreview(r.value);
        if (!r.value.pdf.available) setPdf(false);
      } else {
        setPreview(null);
        toast.show({ kind: 'error', text: r.error.message });
      }
    }, 350);
    return () => clearTimeout(t);
    // selectionKey stands for selection
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, toast, selectionKey, pseudonymise, rev]);

  const toggle = (id: string) =>
    setChecked((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const allShownChecked = shown.length > 0 && shown.every((c) => checked.has(c.id));

  const doExport = async () => {
    if (!selection) return;
    let out: string | undefined;
    if (api.transport === 'ipc') {
      const what = 'tag' in selection ? `tag-${selection.tag}` : selection.clusterIds.length === 1 ? selection.clusterIds[0]! : `${selection.clusterIds.length}-clusters`;
      const chosen = await api.call('dialog.saveFile', {
        title: 'Export evidence packet',
        defaultName: `evidence-${what.replace(/[^A-Za-z0-9._-]+/g, '_')}.zip`,
        filters: [{ name: 'Evidence packet (zip)', extensions: ['zip'] }],
      });
      if (!chosen.ok || !chosen.value) return;
      out = chosen.value;
    } else if (outPath.trim()) out = outPath.trim();
    setExporting(true);
    setResult(null);
    setCheck(null);
    const r = await runJob(api, () => api.call('evidence.export', { ...selection, pseudonymise, pdf, ...(out ? { out } : {}) }));
    setExporting(false);
    if ('error' in r) {
      toast.show({ kind: 'error', text: r.error });
      return;
    }
    if (r.event.state !== 'done') return; // failures and cancels are announced by the app frame
    const parsed = ExportResult.safeParse(r.event.result);
    if (!parsed.success) {
      toast.show({ kind: 'error', text: 'The export finished but its result could not be read.' });
      return;
    }
    setResult(parsed.data);
    toast.show({ kind: 'success', text: `Evidence packet written: ${parsed.data.out}` });
  };

  const verify = async () => {
    if (!result) return;
    const r = await api.call('evidence.verify', { path: result.out });
    if (!r.ok) toast.show({ kind: 'error', text: r.error.message });
    else setCheck(r.value);
  };

  return (
    <div className="ev-page">
      <section className="ev-left">
        <div className="ev-head">
          <h2>Evidence packet</h2>
          <p className="muted ev-small">
            A self-contained report, the data behind it, the graph, shareable indicators and the audit trail, each file hashed in a manifest that anyone can re-check.
          </p>
        </div>
        <div className="ev-seg" role="tablist" aria-label="Select by">
          <button role="tab" aria-selected={mode === 'clusters'} className={mode === 'clusters' ? 'on' : ''} onClick={() => setMode('clusters')}>
            Clusters{checked.size ? ` (${checked.size})` : ''}
          </button>
          <button role="tab" aria-selected={mode === 'tag'} className={mode === 'tag' ? 'on' : ''} onClick={() => setMode('tag')}>
            By tag
          </button>
        </div>
        {mode === 'clusters' ? (
          <>
            <div className="row ev-tools">
              <input type="search" placeholder="Filter by id, tag or reason" aria-label="Filter clusters" value={filter} onChange={(e) => setFilter(e.target.value)} style={{ flex: 1, minWidth: 0 }} />
              <label className="row ev-small" style={{ gap: 4 }}>
                <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} />
                Flagged
              </label>
            </div>
            <div className="ev-list-wrap">
              <table className="ev-list" data-testid="evidence-clusters">
                <thead>
                  <tr>
                    <th className="cb">
                      <input
                        type="checkbox"
                        aria-label="Select all shown"
                        checked={allShownChecked}
                        onChange={() =>
                          setChecked((s) => {
                            const n = new Set(s);
                            for (const c of shown) {
                              if (allShownChecked) n.delete(c.id);
                              else n.add(c.id);
                            }
                            return n;
                          })
                        }
                      />
                    </th>
                    {(
                      [
                        ['id', 'Cluster'],
                        ['score', 'Score'],
                        ['size', 'Accounts'],
                        ['recent', 'Last active'],
                      ] as Array<[Sort, string]>
                    ).map(([k, label]) => (
                      <th key={k} className={k === 'id' ? '' : 'n'} aria-sort={sort === k ? (k === 'id' ? 'ascending' : 'descending') : 'none'}>
                        <button className="ev-sort" onClick={() => setSort(k)}>
                          {label}
                          {sort === k ? (k === 'id' ? ' ▲' : ' ▼') : ''}
                        </button>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {shown.map((c) => (
                    <tr key={c.id} className={checked.has(c.id) ? 'on' : ''} onClick={() => toggle(c.id)}>
                      <td className="cb">
                        <input type="checkbox" aria-label={`Select cluster ${c.id}`} checked={checked.has(c.id)} onChange={() => toggle(c.id)} onClick={(e) => e.stopPropagation()} />
                      </td>
                      <td>
                        <div className="mono ev-id">
                          {c.id} {c.flagged ? <span className="ev-flag">flagged</span> : null}
                        </div>
                        {(clusterTags[c.id] ?? []).length ? (
                          <div className="ev-tags">
                            {(clusterTags[c.id] ?? []).map((t) => (
                              <TagChip key={t} tag={tagByName.get(t) ?? { name: t, color: '#5c6570' }} />
                            ))}
                          </div>
                        ) : null}
                      </td>
                      <td className="n">
                        <span className="ev-score">
                          <span className="ev-scorebar">
                            <span style={{ width: `${Math.round(c.score * 100)}%`, background: c.score >= 0.5 ? 'var(--score-high)' : c.score >= 0.25 ? 'var(--score-mid)' : 'var(--score-low)' }} />
                          </span>
                          <span className="mono">{c.score.toFixed(2)}</span>
                        </span>
                      </td>
                      <td className="n mono">{fmtInt(c.size)}</td>
                      <td className="n mono ev-small">{c.lastTs ? fmtTime(c.lastTs).slice(0, 10) : '—'}</td>
                    </tr>
                  ))}
                  {clusters && shown.length === 0 ? (
                    <tr>
                      <td colSpan={5} className="muted">
                        {clusters.length === 0 ? 'No clusters yet: import data and run the analysis first.' : 'No cluster matches the filter.'}
                      </td>
                    </tr>
                  ) : null}
                </tbody>
              </table>
            </div>
            <div className="row ev-small muted">
              {fmtInt(shown.length)} of {fmtInt(clusters?.length ?? 0)} clusters shown · {checked.size} selected
              <span className="spacer" />
              {checked.size ? (
                <button className="ghost ev-link" onClick={() => setChecked(new Set())}>
                  Clear selection
                </button>
              ) : null}
            </div>
            {checked.size ? (
              <details className="ev-bulk">
                <summary>Tag the {checked.size} selected cluster{checked.size === 1 ? '' : 's'}…</summary>
                <TagPicker kind="cluster" ids={[...checked].sort()} label="Tags of the selection" />
              </details>
            ) : null}
          </>
        ) : (
          <div className="ev-tagpick">
            {tags.length === 0 ? <p className="muted">No tags yet. Tag clusters or accounts in the Investigate tab, then export everything that carries a tag.</p> : null}
            {tags.map((t) => (
              <label key={t.id} className={`ev-tagrow${tag === t.name ? ' on' : ''}`}>
                <input type="radio" name="ev-tag" checked={tag === t.name} onChange={() => setTag(t.name)} />
                <TagChip tag={t} />
                <span className="spacer" />
                <span className="muted ev-small">
                  {t.clusters} cluster{t.clusters === 1 ? '' : 's'} · {t.accounts} account{t.accounts === 1 ? '' : 's'}
                </span>
              </label>
            ))}
          </div>
        )}

        <div className="ev-options">
          <label className="ev-option">
            <input type="checkbox" checked={pseudonymise} onChange={(e) => setPseudonymise(e.target.checked)} />
            <span>
              <strong>Pseudonymise</strong>
              <span className="muted ev-small">Emails, IPs, card and device fingerprints become keyed hashes (the key stays in this case), consistent across every file: a partner still sees who shares what.</span>
            </span>
          </label>
          <label className="ev-option">
            <input type="checkbox" checked={pdf} disabled={preview ? !preview.pdf.available : false} onChange={(e) => setPdf(e.target.checked)} />
            <span>
              <strong>Include report.pdf</strong>
              <span className="muted ev-small">{preview && !preview.pdf.available ? (preview.pdf.note ?? 'Chromium is not available.') : 'The report printed to PDF (same content as report.html).'}</span>
            </span>
          </label>
          {api.transport === 'web' ? (
            <label className="ev-out">
              <span className="ev-small">Save to (optional; default: a new .zip in the workbench’s exports folder)</span>
              <input className="mono" placeholder="/path/to/new-folder or /path/to/packet.zip" aria-label="Export path" value={outPath} onChange={(e) => setOutPath(e.target.value)} />
            </label>
          ) : null}
        </div>

        <div className="row ev-actions">
          <span className="muted ev-small">{selection ? (previewing ? 'Preparing preview…' : preview ? `${fmtInt(preview.accounts)} accounts · ${fmtInt(preview.links)} links` : '') : 'Choose clusters or a tag.'}</span>
          <span className="spacer" />
          <button className="primary" disabled={!selection || exporting || !preview} onClick={() => void doExport()} data-testid="export-packet">
            {exporting ? 'Exporting…' : api.transport === 'ipc' ? 'Export…' : 'Export packet'}
          </button>
        </div>

        {result ? <ExportCard result={result} check={check} onVerify={() => void verify()} /> : null}
      </section>

      <section className="ev-right">
        {preview ? (
          <>
            <PreviewSummary preview={preview} pdf={pdf} />
            <div className="ev-frame-wrap">
              <ReportFrame html={preview.reportHtml} title="Report preview" />
            </div>
          </>
        ) : (
          <div className="ev-empty">
            <div className="ev-empty-inner">
              <h3>Preview</h3>
              <p className="muted">
                {selection ? 'Preparing the preview…' : 'Tick one or more clusters (or pick a tag) to see the report the packet will carry, and the files it will hold.'}
              </p>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}

function PreviewSummary({ preview, pdf }: { preview: EvidencePreview; pdf: boolean }) {
  const files = preview.files.filter((f) => pdf || f !== 'report.pdf');
  return (
    <div className="ev-summary" data-testid="preview-summary">
      <div className="ev-stats">
        <Stat label="Clusters" value={fmtInt(preview.clusterIds.length)} />
        <Stat label="Accounts" value={fmtInt(preview.accounts)} />
        <Stat label="Links" value={fmtInt(preview.links)} />
        <Stat label="Exchanges" value={preview.exchanges.sampled ? `${fmtInt(preview.exchanges.included)} of ${fmtInt(preview.exchanges.total)}` : fmtInt(preview.exchanges.total)} hint={preview.exchanges.sampled ? 'a bounded sample; the report states the full count' : undefined} />
        <Stat label="Source exports" value={fmtInt(preview.sources.length)} />
      </div>
      <details className="ev-files">
        <summary>
          {files.length} files: <span className="mono ev-small">{files.join(', ')}</span>
        </summary>
        <ul>
          {preview.sources.map((s) => (
            <li key={s.sha256 + s.fileName}>
              <span>{s.fileName}</span> <span className="mono muted ev-small">sha256 {s.sha256}</span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string | undefined }) {
  return (
    <div className="ev-stat" title={hint}>
      <span className="ev-stat-v mono">{value}</span>
      <span className="muted ev-small">{label}</span>
    </div>
  );
}

function ExportCard({ result, check, onVerify }: { result: ExportResult; check: Check | null; onVerify: () => void }) {
  const total = result.files.reduce((s, f) => s + f.bytes, 0);
  return (
    <div className="ev-result panel" data-testid="export-result">
      <div className="row">
        <strong>Packet written</strong>
        <span className="muted ev-small">
          {result.files.length} files · {fmtBytes(total)} · {fmtInt(result.accounts)} accounts{result.pdf.included ? ' · with PDF' : ''}
        </span>
      </div>
      <div className="ev-kv">
        <span>Path</span>
        <span className="mono ev-path" data-testid="export-path">
          {result.out}
        </span>
        <span>Manifest SHA-256</span>
        <span className="mono ev-path" data-testid="manifest-sha">
          {result.manifestSha256}
        </span>
      </div>
      {!result.pdf.included && result.pdf.note ? <p className="muted ev-small">No PDF: {result.pdf.note}</p> : null}
      <div className="row">
        <button onClick={onVerify} data-testid="verify-packet">
          Verify packet
        </button>
        {check ? (
          check.ok ? (
            <span className="ev-ok" data-testid="verify-result">
              ✓ Verified: {check.files} files match the manifest
            </span>
          ) : (
            <span className="ev-bad" data-testid="verify-result">
              ✗ {check.problems.length} problem{check.problems.length === 1 ? '' : 's'}
            </span>
          )
        ) : null}
      </div>
      {check && !check.ok ? (
        <ul className="ev-problems">
          {check.problems.map((p, i) => (
            <li key={i}>
              <span className="mono">{p.file}</span>: {p.problem} {p.detail ? <span className="muted">({p.detail})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
