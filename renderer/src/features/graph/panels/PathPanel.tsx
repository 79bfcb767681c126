// Renderer. The path tool: two account ids (typed, or picked from the graph), the strongest chain
// of links between them, highlighted in the graph.
import type { LinkPath } from '../../../../../electron/shared/contract';
import { signalColor, signalLabel } from '../signal-colors';

interface Props {
  a: string;
  b: string;
  onChange: (a: string, b: string) => void;
  onFind: () => void;
  /** undefined: not searched yet; null: no path */
  result: LinkPath | null | undefined;
  busy: boolean;
  onAccount: (id: string) => void;
}

export function PathPanel({ a, b, onChange, onFind, result, busy, onAccount }: Props) {
  return (
    <div className="gw-detail" data-testid="path-panel">
      <div className="gw-detail-kind">Path tool</div>
      <h3 className="gw-detail-title">Strongest chain of links</h3>
      <form
        className="gw-path-form"
        onSubmit={(e) => {
          e.preventDefault();
          onFind();
        }}
      >
        <input placeholder="From account id" value={a} onChange={(e) => onChange(e.target.value, b)} aria-label="Path from" data-testid="path-a" />
        <input placeholder="To account id" value={b} onChange={(e) => onChange(a, e.target.value)} aria-label="Path to" data-testid="path-b" />
        <button className="primary" disabled={!a || !b || busy} data-testid="path-find">
          {busy ? 'Searching…' : 'Find path'}
        </button>
      </form>
      <p className="muted gw-small">Tip: select an account and press “Path from here”, then shift-click another.</p>
      {result !== undefined ? (
        result ? (
          <ol className="gw-path" data-testid="path-result">
            {result.accounts.map((acc, i) => {
              const hop = result.steps[i];
              return (
                <li key={acc}>
                  <button className="linkish mono" onClick={() => onAccount(acc)}>
                    {acc}
                  </button>
                  {hop ? (
                    <div className="gw-hop muted gw-small">
                      <span className="gw-dot" style={{ background: signalColor(hop.signals[0] ?? '') }} /> {hop.signals.map(signalLabel).join(', ')} · weight {hop.weight.toFixed(3)}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ol>
        ) : (
          <p data-testid="path-none">No chain of links joins these accounts.</p>
        )
      ) : null}
    </div>
  );
}
