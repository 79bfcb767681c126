// Renderer. What colours and shapes mean in the current view.
import { signalColor, signalLabel, scoreColor } from './signal-colors';

export function Legend({ signals, screen, mode }: { signals: string[]; screen: string; mode: string }) {
  return (
    <div className="gw-legend panel" data-testid="legend">
      {screen === 'overview' ? (
        <>
          <div className="gw-legend-title">Clusters</div>
          <div className="gw-legend-score">
            <span>low</span>
            <span className="gw-gradient" style={{ background: `linear-gradient(90deg, ${scoreColor(0)}, ${scoreColor(0.5)}, ${scoreColor(1)})` }} />
            <span>high score</span>
          </div>
          <div className="row gw-small">
            <span className="gw-ring danger" /> flagged · size = accounts
          </div>
        </>
      ) : (
        <>
          <div className="gw-legend-title">{mode === 'values' ? 'Shared values (squares) and accounts (circles)' : 'Edges and accounts by strongest signal'}</div>
          <div className="gw-legend-grid">
            {signals.map((s) => (
              <span key={s} className="row gw-small">
                <span className="gw-swatch" style={{ background: signalColor(s) }} />
                {signalLabel(s)}
              </span>
            ))}
          </div>
          <div className="row gw-small muted">
            <span className="gw-ring dashed" /> outside this cluster · <span className="gw-ring" /> pinned
          </div>
        </>
      )}
    </div>
  );
}
