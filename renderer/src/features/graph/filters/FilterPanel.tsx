// Renderer. Filters of the drill-down that compose: signal types, minimum edge weight, hub values;
// and the actions on the selection (hide, pin, group, isolate, expand).
import { signalColor, signalLabel } from '../signal-colors';
import type { ViewMode } from '../../../../../electron/shared/contract';

export type SelectionAction = 'hide' | 'show' | 'pin' | 'group' | 'isolate' | 'expand' | 'reload';

interface Props {
  signals: string[];
  active: string[] | null;
  onSignals: (s: string[] | null) => void;
  minWeight: number;
  onMinWeight: (w: number) => void;
  hubs: boolean;
  onHubs: (h: boolean) => void;
  mode: ViewMode;
  selection: number;
  onAction: (a: SelectionAction) => void;
}

export function FilterPanel({ signals, active, onSignals, minWeight, onMinWeight, hubs, onHubs, mode, selection, onAction }: Props) {
  const on = (s: string) => active === null || active.includes(s);
  const toggle = (s: string) => {
    const cur = active ?? signals;
    const next = cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s];
    onSignals(next.length === signals.length ? null : next);
  };
  return (
    <section className="gw-filters" aria-label="Filters" data-testid="filters">
      <div className="gw-side-head">
        <h3>Filters</h3>
        {active !== null || minWeight > 0 || hubs ? (
          <button
            className="ghost"
            onClick={() => {
              onSignals(null);
              onMinWeight(0);
              onHubs(false);
            }}
          >
            reset
          </button>
        ) : null}
      </div>
      <h4>Signals</h4>
      <div className="gw-signal-list">
        {signals.map((s) => (
          <label key={s} className="gw-signal">
            <input type="checkbox" checked={on(s)} onChange={() => toggle(s)} data-testid={`signal-${s}`} />
            <span className="gw-swatch" style={{ background: signalColor(s) }} />
            {signalLabel(s)}
          </label>
        ))}
      </div>
      <div className="row gw-small">
        <button className="ghost" onClick={() => onSignals(null)}>
          all
        </button>
        <button className="ghost" onClick={() => onSignals([])}>
          none
        </button>
      </div>
      <h4>Minimum {mode === 'values' ? 'value' : 'edge'} weight</h4>
      <div className="row">
        <input type="range" min={0} max={10} step={0.1} value={minWeight} onChange={(e) => onMinWeight(Number(e.target.value))} aria-label="Minimum weight" style={{ flex: 1 }} />
        <span className="mono">{minWeight.toFixed(1)}</span>
      </div>
      {mode === 'values' ? (
        <label className="row gw-small">
          <input type="checkbox" checked={hubs} onChange={(e) => onHubs(e.target.checked)} /> show hub values (infrastructure)
        </label>
      ) : null}
      <h4>Selection {selection > 0 ? <span className="muted">({selection} accounts)</span> : null}</h4>
      <div className="gw-actions-grid">
        <button onClick={() => onAction('expand')} disabled={selection === 0} title="Expand neighbours (E)">
          Expand
        </button>
        <button onClick={() => onAction('isolate')} disabled={selection === 0} title="Dim all but the selection's links (I)">
          Isolate
        </button>
        <button onClick={() => onAction('hide')} disabled={selection === 0} title="Hide (H)">
          Hide
        </button>
        <button onClick={() => onAction('show')} title="Show hidden (Shift+H)">
          Show all
        </button>
        <button onClick={() => onAction('pin')} disabled={selection === 0} title="Pin / unpin: layouts leave pinned nodes in place (P)">
          Pin
        </button>
        <button onClick={() => onAction('group')} disabled={selection < 2} title="Collapse into one group node; double-click it to expand (G)">
          Group
        </button>
        <button onClick={() => onAction('reload')} title="Reload the view from the engine">
          Reset view
        </button>
      </div>
    </section>
  );
}
