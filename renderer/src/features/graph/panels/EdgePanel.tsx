// Renderer. "Why linked": the values two accounts share, each with its weight, how many accounts
// share it, and example rows with their source file and line.
import { useEffect, useState } from 'react';
import type { PairExplanation } from '../../../../../electron/shared/contract';
import { useApi } from '../../../api/context';
import { fmtInt, fmtTime } from '../format';
import { signalColor, signalLabel } from '../signal-colors';

export function EdgePanel({ a, b, onAccount }: { a: string; b: string; onAccount: (id: string) => void }) {
  const api = useApi();
  const [x, setX] = useState<PairExplanation | null>(null);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setX(null);
    setErr(null);
    void api.call('link.explain', { a, b }).then((r) => {
      if (!live) return;
      if (r.ok) setX(r.value);
      else setErr(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [api, a, b]);
  return (
    <div className="gw-detail" data-testid="why-linked">
      <div className="gw-detail-kind">Why linked</div>
      <h3 className="gw-detail-title">
        <button className="linkish mono" onClick={() => onAccount(a)}>
          {a}
        </button>{' '}
        ↔{' '}
        <button className="linkish mono" onClick={() => onAccount(b)}>
          {b}
        </button>
      </h3>
      {err ? <p className="gw-error">{err}</p> : null}
      {!x ? (
        err ? null : <p className="muted">Loading…</p>
      ) : (
        <>
          <p>
            Link weight <b className="mono">{x.weight.toFixed(3)}</b> from {x.shared.length} shared value{x.shared.length === 1 ? '' : 's'}.
            Rarer values weigh more; hubs (values shared by very many accounts) are shown but not counted.
          </p>
          {x.shared.length === 0 ? <p className="muted">These accounts share no recorded value{x.path && x.path.length > 0 ? '; they are joined through other accounts:' : '.'}</p> : null}
          {x.path && x.shared.length === 0 ? (
            <ol className="gw-path">
              {x.path.map((st, i) => (
                <li key={i} className="mono gw-small">
                  {st.from} → {st.to} · {st.signals.map(signalLabel).join(', ')} · {st.weight.toFixed(2)}
                </li>
              ))}
            </ol>
          ) : null}
          {x.shared.map((s) => (
            <div key={`${s.signal}:${s.value}`} className={`gw-shared${s.hub ? ' hub' : ''}`} data-testid="shared-value">
              <div className="row">
                <span className="gw-dot" style={{ background: signalColor(s.signal) }} />
                <b>{signalLabel(s.signal)}</b>
                <span className="spacer" />
                <span className="mono" title="contribution to the link weight">
                  +{s.weight.toFixed(3)}
                </span>
              </div>
              <div className="mono gw-break">{s.value}</div>
              <div className="muted gw-small">
                shared by {fmtInt(s.degree)} account{s.degree === 1 ? '' : 's'}
                {s.hub ? ' · hub, not counted' : ''}
              </div>
              {s.examples.length > 0 ? (
                <ul className="gw-examples">
                  {s.examples.map((e, i) => (
                    <li key={i} className="mono gw-small">
                      {e.side === 'a' ? a : b} · {e.file}:{e.line}
                      {e.ts !== null ? ` · ${fmtTime(e.ts)}` : ''}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
        </>
      )}
    </div>
  );
}
