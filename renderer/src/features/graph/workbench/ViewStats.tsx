// Renderer. The figures under the graph: how much of the view is drawn (and what the caps left
// out), what the engine and the drawing cost, and which renderer cytoscape uses.
import { fmtInt } from '../format';
import type { Stats } from './workbench-model';

export function ViewStats({ stats, webgl }: { stats: Stats; webgl: boolean }) {
  return (
    <div className="gw-stats mono" data-testid="view-stats">
      {fmtInt(stats.nodes)} nodes · {fmtInt(stats.edges)} edges
      {stats.truncated ? <span className="gw-warn"> (capped from {fmtInt(stats.totalNodes)} / {fmtInt(stats.totalEdges)})</span> : null} · engine {stats.engineMs} ms · draw {stats.drawMs} ms ·{' '}
      {webgl ? 'WebGL' : 'canvas'}
    </div>
  );
}
