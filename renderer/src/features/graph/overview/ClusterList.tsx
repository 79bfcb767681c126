// Renderer. The ranked cluster list beside the overview: sortable columns, a text and score
// filter, score bars, virtualised so thousands of clusters scroll smoothly.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { ClusterRow } from '../../../../../electron/shared/contract';
import { fmtCompact, fmtDate, fmtSpan } from '../format';
import { scoreColor, signalLabel } from '../signal-colors';

type SortKey = 'score' | 'size' | 'exchanges' | 'span';
const COLS: Array<[SortKey, string]> = [
  ['score', 'Score'],
  ['size', 'Accounts'],
  ['exchanges', 'Volume'],
  ['span', 'Span'],
];

interface Props {
  clusters: ClusterRow[];
  selected: string | null;
  minScore: number;
  onMinScore: (v: number) => void;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}

const span = (c: ClusterRow) => (c.firstTs !== null && c.lastTs !== null ? c.lastTs - c.firstTs : -1);

export function filterClusters(clusters: ClusterRow[], text: string, minScore: number, flaggedOnly: boolean): ClusterRow[] {
  const q = text.trim().toLowerCase();
  return clusters.filter(
    (c) =>
      c.score >= minScore &&
      (!flaggedOnly || c.flagged) &&
      (!q || c.id.toLowerCase() === q.replace(/^#/, '') || c.reasons.some((r) => r.signal.toLowerCase().includes(q) || r.detail.toLowerCase().includes(q)) || c.tags.some((t) => t.toLowerCase().includes(q))),
  );
}

export function ClusterList({ clusters, selected, minScore, onMinScore, onSelect, onOpen }: Props) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'score', dir: -1 });
  const [text, setText] = useState('');
  const [flaggedOnly, setFlaggedOnly] = useState(false);
  const rows = useMemo(() => {
    const val = (c: ClusterRow): number => (sort.key === 'span' ? span(c) : c[sort.key]);
    return filterClusters(clusters, text, minScore, flaggedOnly).sort((a, b) => (val(a) - val(b)) * sort.dir || a.id.localeCompare(b.id));
  }, [clusters, sort, text, minScore, flaggedOnly]);
  const rank = useMemo(() => new Map([...clusters].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).map((c, i) => [c.id, i + 1])), [clusters]);
  const scroller = useRef<HTMLDivElement>(null);
  const virt = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => 64, overscan: 8 });

  return (
    <section className="gw-clusters" aria-label="Clusters">
      <div className="gw-side-head">
        <h3>Clusters</h3>
        <span className="muted">
          {rows.length.toLocaleString('en-US')} of {clusters.length.toLocaleString('en-US')}
        </span>
      </div>
      <div className="gw-cluster-filters">
        <input placeholder="Filter: #id, signal, reason, tag" value={text} onChange={(e) => setText(e.target.value)} aria-label="Filter clusters" />
        <label className="row" title="Minimum campaign score">
          <span className="muted">Score ≥</span>
          <input type="range" min={0} max={1} step={0.05} value={minScore} onChange={(e) => onMinScore(Number(e.target.value))} aria-label="Minimum score" />
          <span className="mono">{minScore.toFixed(2)}</span>
        </label>
        <label className="row">
          <input type="checkbox" checked={flaggedOnly} onChange={(e) => setFlaggedOnly(e.target.checked)} /> flagged only
        </label>
      </div>
      <div className="gw-cluster-head" role="group" aria-label="Sort clusters">
        <span className="muted">Sort</span>
        {COLS.map(([k, label]) => (
          <button key={k} className="ghost" aria-sort={sort.key === k ? (sort.dir < 0 ? 'descending' : 'ascending') : 'none'} onClick={() => setSort({ key: k, dir: sort.key === k ? (-sort.dir as 1 | -1) : -1 })}>
            {label}
            {sort.key === k ? (sort.dir < 0 ? ' ▾' : ' ▴') : ''}
          </button>
        ))}
      </div>
      <div className="gw-cluster-scroll" ref={scroller} data-testid="cluster-list">
        {rows.length === 0 ? <p className="muted gw-pad">No cluster matches these filters.</p> : null}
        <div style={{ height: virt.getTotalSize(), position: 'relative' }}>
          {virt.getVirtualItems().map((v) => {
            const c = rows[v.index]!;
            return (
              <div
                key={c.id}
                role="button"
                tabIndex={0}
                data-testid="cluster-row"
                data-cluster={c.id}
                className={`gw-cluster-row${selected === c.id ? ' selected' : ''}`}
                style={{ transform: `translateY(${v.start}px)`, height: v.size }}
                onClick={() => onSelect(c.id)}
                onDoubleClick={() => onOpen(c.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(c.id);
                }}
              >
                <div className="gw-cluster-line">
                  <span className="mono gw-rank">{rank.get(c.id)}</span>
                  <span className="gw-cid">
                    #{c.id} {c.flagged ? <span className="gw-flag" title="Flagged by the analysis">flagged</span> : null}
                  </span>
                  <span className="gw-scorebar" title={`score ${c.score.toFixed(3)}`}>
                    <span style={{ width: `${Math.round(c.score * 100)}%`, background: scoreColor(c.score) }} />
                  </span>
                  <span className="mono gw-num">{c.score.toFixed(2)}</span>
                </div>
                <div className="gw-cluster-facts muted">
                  <span>
                    <b>{fmtCompact(c.size)}</b> accounts
                  </span>
                  <span>
                    <b>{fmtCompact(c.exchanges)}</b> exchanges
                  </span>
                  <span title={`${fmtDate(c.firstTs)} → ${fmtDate(c.lastTs)}`}>
                    <b>{fmtSpan(c.firstTs, c.lastTs)}</b> active
                  </span>
                </div>
                <div className="gw-reasons">
                  {c.tags.map((t) => (
                    <span key={`t-${t}`} className="gw-tag">
                      {t}
                    </span>
                  ))}
                  {c.reasons.slice(0, 3).map((r) => (
                    <span key={r.signal} className="gw-reason" title={r.detail}>
                      {signalLabel(r.signal)} <b>+{r.contribution.toFixed(2)}</b>
                    </span>
                  ))}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
