// Renderer. Manual cluster boundaries: merge the selected clusters into one, or split the
// selected accounts off a cluster into a new one. Both survive re-analysis and can be undone.
import { useState } from 'react';
import { Modal } from '../../components/modal';
import { useToast } from '../../components/toast';
import { useCall } from './use-workflow';
import './workflow.css';

export function MergeSplit(props: {
  /** clusters selected in a list (merge needs two or more) */
  clusterIds?: string[];
  /** the open cluster and the accounts selected inside it (split needs one or more) */
  clusterId?: string;
  accountIds?: string[];
  onDone?: (clusterId: string) => void;
}) {
  const call = useCall();
  const toast = useToast();
  const [confirm, setConfirm] = useState<'merge' | 'split' | null>(null);
  const clusters = props.clusterIds ?? [];
  const accounts = props.accountIds ?? [];
  const [into, setInto] = useState<string>('');
  const canMerge = clusters.length >= 2;
  const canSplit = !!props.clusterId && accounts.length > 0;

  const run = async () => {
    if (confirm === 'merge') {
      const target = clusters.includes(into) ? into : clusters[0]!;
      const r = await call('clusters.merge', { clusterIds: clusters, into: target });
      if (r) {
        toast.show({ kind: 'success', text: `Merged ${clusters.length} clusters into ${r.clusterId}.` });
        props.onDone?.(r.clusterId);
      }
    } else if (confirm === 'split' && props.clusterId) {
      const r = await call('clusters.split', { clusterId: props.clusterId, accountIds: accounts });
      if (r) {
        toast.show({ kind: 'success', text: `Split ${accounts.length} account${accounts.length === 1 ? '' : 's'} off into ${r.clusterId}.` });
        props.onDone?.(r.clusterId);
      }
    }
    setConfirm(null);
  };

  return (
    <section className="wf-section" data-testid="merge-split">
      <div className="wf-section-head">
        <span>Boundaries</span>
      </div>
      <div className="row wf-wrap">
        <button disabled={!canMerge} onClick={() => (setInto(clusters[0] ?? ''), setConfirm('merge'))} title={canMerge ? '' : 'Select two or more clusters to merge'}>
          Merge {canMerge ? `${clusters.length} clusters` : 'clusters'}
        </button>
        <button disabled={!canSplit} onClick={() => setConfirm('split')} title={canSplit ? '' : 'Select accounts of this cluster to split them off'}>
          Split {canSplit ? `${accounts.length} account${accounts.length === 1 ? '' : 's'}` : 'accounts'} off
        </button>
      </div>
      {confirm === 'merge' ? (
        <Modal title={`Merge ${clusters.length} clusters`} onClose={() => setConfirm(null)}>
          <p>The clusters become one. This survives re-analysis; undo with Ctrl+Z.</p>
          <label className="wf-form">
            Keep the id of
            <select value={into} onChange={(e) => setInto(e.target.value)} aria-label="Merge into">
              {clusters.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <div className="row" style={{ marginTop: 12 }}>
            <span className="spacer" />
            <button onClick={() => setConfirm(null)}>Cancel</button>
            <button className="primary" onClick={() => void run()}>
              Merge
            </button>
          </div>
        </Modal>
      ) : null}
      {confirm === 'split' ? (
        <Modal title={`Split ${accounts.length} account${accounts.length === 1 ? '' : 's'} off ${props.clusterId}`} onClose={() => setConfirm(null)}>
          <p>The selected accounts move to a new cluster. This survives re-analysis; undo with Ctrl+Z.</p>
          <p className="muted wf-small mono">
            {accounts.slice(0, 12).join(', ')}
            {accounts.length > 12 ? ` … and ${accounts.length - 12} more` : ''}
          </p>
          <div className="row" style={{ marginTop: 12 }}>
            <span className="spacer" />
            <button onClick={() => setConfirm(null)}>Cancel</button>
            <button className="primary" onClick={() => void run()}>
              Split off
            </button>
          </div>
        </Modal>
      ) : null}
    </section>
  );
}
