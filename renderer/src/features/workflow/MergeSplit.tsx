// Renderer. Manual cluster boundaries: merge clusters into one, or split accounts off a cluster
// into a new one. Both survive re-analysis and can be undone. Works from a selection made
// elsewhere (clusterIds / accountIds) or on its own from one cluster: "Merge with…" picks the
// other clusters, "Split off…" picks the accounts from the cluster's members.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/context';
import { Modal } from '../../components/modal';
import { useToast } from '../../components/toast';
import { fmtInt } from '../../state/format';
import { useCall } from './use-workflow';
import './workflow.css';

interface Props {
  /** clusters selected in a list (two or more: merge them) */
  clusterIds?: string[];
  /** the cluster at hand (merge others into it; split accounts off it) */
  clusterId?: string;
  /** accounts of clusterId selected elsewhere (split them off directly) */
  accountIds?: string[];
  onDone?: (clusterId: string) => void;
}

function PickList(props: { items: Array<{ id: string; note: string }>; picked: Set<string>; onToggle: (id: string) => void; label: string }) {
  const [q, setQ] = useState('');
  const shown = props.items.filter((x) => !q || x.id.toLowerCase().includes(q.toLowerCase())).slice(0, 500);
  return (
    <div className="wf-picklist">
      <input type="search" placeholder="Filter" aria-label={`Filter ${props.label}`} value={q} onChange={(e) => setQ(e.target.value)} />
      <div className="wf-picklist-items" role="group" aria-label={props.label}>
        {shown.map((x) => (
          <label key={x.id} className="wf-pick">
            <input type="checkbox" checked={props.picked.has(x.id)} onChange={() => props.onToggle(x.id)} aria-label={x.id} />
            <span className="mono">{x.id}</span>
            <span className="spacer" />
            <span className="muted wf-small">{x.note}</span>
          </label>
        ))}
        {props.items.length > shown.length ? <p className="muted wf-small">Showing {shown.length} of {fmtInt(props.items.length)}: filter to find more.</p> : null}
      </div>
    </div>
  );
}

export function MergeSplit(props: Props) {
  const api = useApi();
  const call = useCall();
  const toast = useToast();
  const [dialog, setDialog] = useState<'merge' | 'split' | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [into, setInto] = useState('');
  const [options, setOptions] = useState<Array<{ id: string; note: string }> | null>(null);
  const selClusters = props.clusterIds ?? [];
  const selAccounts = props.accountIds ?? [];

  // what the dialog lists: the other clusters (merge) or this cluster's members (split)
  useEffect(() => {
    setOptions(null);
    if (dialog === 'merge' && selClusters.length < 2) {
      void api.call('clusters.list', { limit: 5000, sort: 'score' }).then((r) => {
        if (r.ok) setOptions(r.value.clusters.filter((c) => c.id !== props.clusterId).map((c) => ({ id: c.id, note: `${fmtInt(c.size)} accounts · score ${c.score.toFixed(2)}` })));
      });
    } else if (dialog === 'split' && props.clusterId && selAccounts.length === 0) {
      void api.call('clusters.get', { id: props.clusterId }).then((r) => {
        if (r.ok) setOptions(r.value.accounts.map((a) => ({ id: a, note: '' })));
      });
    }
    // the lists are read when a dialog opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, dialog]);

  const mergeSet = selClusters.length >= 2 ? selClusters : props.clusterId ? [props.clusterId, ...[...picked].filter((x) => x !== props.clusterId)] : [];
  const splitSet = selAccounts.length > 0 ? selAccounts : [...picked];
  const toggle = (id: string) =>
    setPicked((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const open = (d: 'merge' | 'split') => {
    setPicked(new Set());
    setInto(selClusters[0] ?? props.clusterId ?? '');
    setDialog(d);
  };

  const run = async () => {
    if (dialog === 'merge' && mergeSet.length >= 2) {
      const target = mergeSet.includes(into) ? into : mergeSet[0]!;
      const r = await call('clusters.merge', { clusterIds: mergeSet, into: target });
      if (r) {
        toast.show({ kind: 'success', text: `Merged ${mergeSet.length} clusters into ${r.clusterId}.` });
        props.onDone?.(r.clusterId);
      }
    } else if (dialog === 'split' && props.clusterId && splitSet.length > 0) {
      const r = await call('clusters.split', { clusterId: props.clusterId, accountIds: splitSet });
      if (r) {
        toast.show({ kind: 'success', text: `Split ${splitSet.length} account${splitSet.length === 1 ? '' : 's'} off into ${r.clusterId}.` });
        props.onDone?.(r.clusterId);
      }
    }
    setDialog(null);
  };

  const canMerge = selClusters.length >= 2 || !!props.clusterId;
  const canSplit = !!props.clusterId;
  if (!canMerge && !canSplit) return null;
  return (
    <section className="wf-section" data-testid="merge-split">
      <div className="wf-section-head">
        <span>Boundaries</span>
      </div>
      <div className="row wf-wrap">
        {canMerge ? (
          <button onClick={() => open('merge')} title="Make several clusters one (survives re-analysis)">
            {selClusters.length >= 2 ? `Merge ${selClusters.length} clusters…` : 'Merge with…'}
          </button>
        ) : null}
        {canSplit ? (
          <button onClick={() => open('split')} title="Move accounts into a new cluster (survives re-analysis)">
            {selAccounts.length ? `Split ${selAccounts.length} account${selAccounts.length === 1 ? '' : 's'} off…` : 'Split accounts off…'}
          </button>
        ) : null}
      </div>
      {dialog === 'merge' ? (
        <Modal title={selClusters.length >= 2 ? `Merge ${selClusters.length} clusters` : `Merge clusters into ${props.clusterId}`} onClose={() => setDialog(null)}>
          <div className="wf-form">
            <p className="wf-dialog-p">The clusters become one. This survives re-analysis; undo with Ctrl+Z.</p>
            {selClusters.length < 2 ? (options ? <PickList items={options} picked={picked} onToggle={toggle} label="Clusters to merge" /> : <p className="muted">Loading clusters…</p>) : null}
            <label>
              Keep the id of
              <select value={into} onChange={(e) => setInto(e.target.value)} aria-label="Merge into">
                {mergeSet.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            <div className="row">
              <span className="muted wf-small">{mergeSet.length} clusters</span>
              <span className="spacer" />
              <button onClick={() => setDialog(null)}>Cancel</button>
              <button className="primary" disabled={mergeSet.length < 2} onClick={() => void run()}>
                Merge
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
      {dialog === 'split' ? (
        <Modal title={`Split accounts off ${props.clusterId}`} onClose={() => setDialog(null)}>
          <div className="wf-form">
            <p className="wf-dialog-p">The chosen accounts move to a new cluster. This survives re-analysis; undo with Ctrl+Z.</p>
            {selAccounts.length === 0 ? (
              options ? (
                <PickList items={options} picked={picked} onToggle={toggle} label="Accounts to split off" />
              ) : (
                <p className="muted">Loading members…</p>
              )
            ) : (
              <p className="muted wf-small mono">
                {selAccounts.slice(0, 12).join(', ')}
                {selAccounts.length > 12 ? ` … and ${selAccounts.length - 12} more` : ''}
              </p>
            )}
            <div className="row">
              <span className="muted wf-small">{splitSet.length} accounts</span>
              <span className="spacer" />
              <button onClick={() => setDialog(null)}>Cancel</button>
              <button className="primary" disabled={splitSet.length === 0} onClick={() => void run()}>
                Split off
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
    </section>
  );
}
