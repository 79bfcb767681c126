// Renderer. A cluster's summary in the overview: score with each feature's contribution, size,
// volume, time span, and the way in.
import type { ClusterRow } from '../../../../../electron/shared/contract';
import { fmtInt, fmtTime } from '../format';
import { scoreColor, signalLabel } from '../signal-colors';
import { ClusterWorkflowSlot } from './workflow-slots';

export function ClusterPanel({ cluster, onOpen }: { cluster: ClusterRow; onOpen: () => void }) {
  const maxC = Math.max(1e-9, ...cluster.reasons.map((r) => Math.abs(r.contribution)));
  return (
    <div className="gw-detail" data-testid="cluster-panel">
      <div className="gw-detail-kind">Cluster</div>
      <h3 className="gw-detail-title">
        #{cluster.id} {cluster.flagged ? <span className="gw-flag">flagged</span> : null}
      </h3>
      <button className="primary" onClick={onOpen} data-testid="drill-in">
        Open cluster graph ↵
      </button>
      <div className="gw-bigscore">
        <span className="gw-scorebar big">
          <span style={{ width: `${Math.round(cluster.score * 100)}%`, background: scoreColor(cluster.score) }} />
        </span>
        <span className="mono">{cluster.score.toFixed(3)}</span>
      </div>
      <p className="muted gw-small">A score is evidence to weigh, not a verdict.</p>
      <div className="gw-kv">
        <span>Accounts</span>
        <span className="mono">{fmtInt(cluster.size)}</span>
        <span>Exchanges</span>
        <span className="mono">{fmtInt(cluster.exchanges)}</span>
        <span>Active</span>
        <span className="mono">
          {fmtTime(cluster.firstTs)} → {fmtTime(cluster.lastTs)}
        </span>
      </div>
      <ClusterWorkflowSlot clusterId={cluster.id} />
      <h4>Why this score</h4>
      {cluster.reasons.length === 0 ? <p className="muted">No scoring features recorded.</p> : null}
      {cluster.reasons.map((r) => (
        <div key={r.signal} className="gw-reason-row">
          <div className="row">
            <b>{signalLabel(r.signal)}</b>
            <span className="spacer" />
            <span className="mono">{r.contribution >= 0 ? '+' : ''}{r.contribution.toFixed(3)}</span>
          </div>
          <span className="gw-scorebar thin">
            <span style={{ width: `${Math.round((Math.abs(r.contribution) / maxC) * 100)}%` }} />
          </span>
          <div className="muted gw-small">{r.detail}</div>
        </div>
      ))}
    </div>
  );
}
