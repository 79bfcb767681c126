// Renderer. Tables beside the graph: the accounts, values or exchanges of the selection (or of the
// cluster when nothing is selected), sorted and paged by the engine, virtualised here, exportable
// to CSV (all rows, fetched page by page).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Cell, Selection, TableKind, TablePage, TimeRange } from '../../../../../electron/shared/contract';
import { useApi } from '../../../api/context';
import { useToast } from '../../../components/toast';
import { downloadText, toCsv } from '../csv';
import { fmtTime } from '../format';

const PAGE = 200;
const KINDS: Array<[TableKind, string]> = [
  ['accounts', 'Accounts'],
  ['values', 'Shared values'],
  ['exchanges', 'Exchanges'],
];

interface Props {
  selection: Selection;
  timeRange: TimeRange;
  label: string;
  onAccount: (id: string) => void;
  /** false until the graph's first view is drawn: the tables load after it, not in its way */
  enabled?: boolean;
}

export function SelectionTables({ selection, timeRange, label, onAccount, enabled = true }: Props) {
  const api = useApi();
  const toast = useToast();
  const [kind, setKind] = useState<TableKind>('accounts');
  const [sort, setSort] = useState<{ key: string; dir: 'asc' | 'desc' } | null>(null);
  const [page, setPage] = useState<TablePage | null>(null);
  const [rows, setRows] = useState<Cell[][]>([]);
  const loading = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);
  const selKey = JSON.stringify([selection, timeRange, kind, sort]);

  const fetchPage = useCallback(
    (offset: number, limit = PAGE) => api.call('graph.table', { kind, selection, timeRange, sort, offset, limit }),
    // selKey captures selection, timeRange, kind, sort
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, selKey],
  );

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setRows([]);
    setPage(null);
    void fetchPage(0).then((r) => {
      if (!live) return;
      if (r.ok) {
        setPage(r.value);
        setRows(r.value.rows);
      } else toast.show({ kind: 'error', text: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [fetchPage, toast, enabled]);

  const virt = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => 24, overscan: 12 });
  const items = virt.getVirtualItems();
  const last = items[items.length - 1];
  useEffect(() => {
    if (!page || !last || loading.current) return;
    if (last.index >= rows.length - 20 && rows.length < page.total) {
      loading.current = true;
      void fetchPage(rows.length).then((r) => {
        loading.current = false;
        if (r.ok) setRows((old) => [...old, ...r.value.rows]);
      });
    }
  }, [last, page, rows.length, fetchPage]);

  const exportCsv = async () => {
    if (!page) return;
    const all: Cell[][] = [];
    for (let off = 0; off < page.total; off += 5000) {
      const r = await fetchPage(off, 5000);
      if (!r.ok) return toast.show({ kind: 'error', text: r.error.message });
      all.push(...r.value.rows);
    }
    downloadText(`${label}-${kind}.csv`.replace(/[^\w.-]+/g, '_'), toCsv(page.columns.map((c) => c.key), all));
    toast.show({ kind: 'success', text: `Exported ${all.length.toLocaleString('en-US')} rows.` });
  };

  const cols = page?.columns ?? [];
  // fixed widths: every row is its own grid, so fr units would size each row differently
  const template = cols.map((c) => (c.type === 'text' ? (c.key === 'user_agent' || c.key === 'value' ? '300px' : '170px') : c.type === 'time' ? '130px' : '96px')).join(' ');
  return (
    <section className="gw-tables" aria-label="Tables" data-testid="tables">
      <div className="gw-tabs">
        {KINDS.map(([k, l]) => (
          <button key={k} className={k === kind ? 'active' : 'ghost'} onClick={() => (setKind(k), setSort(null))} data-testid={`tab-${k}`}>
            {l}
          </button>
        ))}
        <span className="muted gw-small">
          {page ? `${page.total.toLocaleString('en-US')} rows · ${label}` : 'Loading…'}
          {timeRange ? ' · time filtered' : ''}
        </span>
        <span className="spacer" />
        <button className="ghost" onClick={() => void exportCsv()} disabled={!page || page.total === 0} data-testid="export-csv">
          Export CSV
        </button>
      </div>
      <div className="gw-table-scroll" ref={scroller}>
        <div className="gw-trow gw-thead" style={{ gridTemplateColumns: template }}>
          {cols.map((c) => (
            <button
              key={c.key}
              className={`ghost${c.type === 'number' ? ' num' : ''}`}
              onClick={() => setSort({ key: c.key, dir: sort?.key === c.key && sort.dir === 'desc' ? 'asc' : 'desc' })}
              aria-sort={sort?.key === c.key ? (sort.dir === 'desc' ? 'descending' : 'ascending') : 'none'}
            >
              {c.label}
              {sort?.key === c.key ? (sort.dir === 'desc' ? ' ▾' : ' ▴') : ''}
            </button>
          ))}
        </div>
        <div style={{ height: virt.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const r = rows[v.index]!;
            return (
              <div key={v.index} className="gw-trow" style={{ gridTemplateColumns: template, transform: `translateY(${v.start}px)` }} data-testid="table-row">
                {r.map((cell, i) => {
                  const col = cols[i];
                  const text = cell === null ? '' : col?.type === 'time' && typeof cell === 'number' ? fmtTime(cell) : typeof cell === 'number' ? cell.toLocaleString('en-US', { maximumFractionDigits: 3 }) : cell;
                  return col?.key === 'account' && typeof cell === 'string' ? (
                    <button key={i} className="linkish mono gw-cell" onClick={() => onAccount(cell)} title={cell}>
                      {text}
                    </button>
                  ) : (
                    <span key={i} className={`gw-cell${col?.type === 'text' ? '' : ' mono num'}`} title={typeof text === 'string' ? text : undefined}>
                      {text}
                    </span>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
