// Renderer. The account panel: profile, every value with how many accounts share it, an activity
// timeline and sample prompts. All imported text is rendered as React text (never as HTML).
import { useEffect, useState } from 'react';
import type { AccountDetail } from '../../../../../electron/shared/contract';
import { useApi } from '../../../api/context';
import { fmtCompact, fmtInt, fmtTime } from '../format';
import { signalColor, signalLabel } from '../signal-colors';
import { Sparkbars } from './Sparkbars';
import { AccountWorkflowSlot } from './workflow-slots';

interface Props {
  accountId: string;
  onExpand: (id: string) => void;
  onPathFrom: (id: string) => void;
  onFocusCluster: (id: string) => void;
}

export function AccountPanel({ accountId, onExpand, onPathFrom, onFocusCluster }: Props) {
  const api = useApi();
  const [d, setD] = useState<AccountDetail | null>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setD(null);
    setErr(null);
    void api.call('account.detail', { accountId }).then((r) => {
      if (!live) return;
      if (r.ok) setD(r.value);
      else setErr(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, accountId]);

  return (
    <div className="gw-detail" data-testid="account-panel">
      <div className="gw-detail-kind">Account</div>
      <h3 className="gw-detail-title mono" title={accountId}>
        {accountId}
      </h3>
      <div className="row gw-actions">
        <button onClick={() => onExpand(accountId)} title="Add its strongest neighbours to the graph (E)">
          Expand neighbours
        </button>
        <button onClick={() => onPathFrom(accountId)} title="Use as an end of the path tool">
          Path from here
        </button>
      </div>
      {err ? <p className="gw-error">{err}</p> : null}
      {!d ? (
        err ? null : <p className="muted">Loading…</p>
      ) : (
        <>
          {d.cluster ? (
            <p>
              In{' '}
              <button className="linkish" onClick={() => onFocusCluster(d.cluster!.id)}>
                cluster #{d.cluster.id}
              </button>{' '}
              ({fmtInt(d.cluster.size)} accounts, score {d.cluster.score.toFixed(2)})
            </p>
          ) : (
            <p className="muted">Not in any cluster.</p>
          )}
          <AccountWorkflowSlot accountId={accountId} />
          <h4>Activity</h4>
          <div className="gw-kv">
            <span>Exchanges</span>
            <span className="mono">{fmtInt(d.stats.exchanges)}</span>
            <span>First / last</span>
            <span className="mono">
              {fmtTime(d.stats.firstTs)} → {fmtTime(d.stats.lastTs)}
            </span>
            <span>Tokens in / out</span>
            <span className="mono">
              {fmtCompact(d.stats.inputTokens)} / {fmtCompact(d.stats.outputTokens)}
            </span>
            <span>Models</span>
            <span>{d.stats.models.map((m) => `${m.model} (${fmtInt(m.n)})`).join(', ') || '—'}</span>
          </div>
          <Sparkbars histogram={d.histogram} />
          <h4>Profile</h4>
          {d.profile.length === 0 ? <p className="muted">No accounts export row for this account.</p> : null}
          <div className="gw-kv">
            {d.profile.map((p) => (
              <Pair key={p.field} k={p.field} v={p.value} />
            ))}
          </div>
          <h4>Values ({d.values.length})</h4>
          <table className="gw-mini">
            <thead>
              <tr>
                <th>Signal</th>
                <th>Value</th>
                <th title="Accounts sharing this value">Shared by</th>
              </tr>
            </thead>
            <tbody>
              {d.values.map((v) => (
                <tr key={`${v.signal}:${v.value}`} className={v.hub ? 'muted' : ''}>
                  <td>
                    <span className="gw-dot" style={{ background: signalColor(v.signal) }} />
                    {signalLabel(v.signal)}
                  </td>
                  <td className="mono gw-break">{v.value}</td>
                  <td className="mono">
                    {fmtInt(v.degree)}
                    {v.hub ? ' (hub)' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>Sample prompts</h4>
          <p className="muted gw-small">{d.samplesNote}</p>
          {d.samples.map((s, i) => (
            <div key={i} className="gw-prompt" data-testid="sample-prompt">
              <div className="muted gw-small">
                {fmtTime(s.ts)} · {s.model ?? 'model unknown'}
              </div>
              <pre>{s.prompt}</pre>
            </div>
          ))}
        </>
      )}
    </div>
  );
}

function Pair({ k, v }: { k: string; v: string }) {
  return (
    <>
      <span>{k.replace(/_/g, ' ')}</span>
      <span className="mono gw-break">{v}</span>
    </>
  );
}
