// Renderer. A small bar timeline (an account's activity) drawn as SVG rectangles.
import type { Histogram } from '../../../../../electron/shared/contract';
import { fmtDate } from '../format';

export function Sparkbars({ histogram }: { histogram: Histogram }) {
  const n = histogram.counts.length;
  if (n === 0) return null;
  const max = Math.max(1, ...histogram.counts);
  return (
    <div className="gw-spark">
      <svg viewBox={`0 0 ${n} 30`} preserveAspectRatio="none" role="img" aria-label="Activity over time">
        {histogram.counts.map((c, i) => (c > 0 ? <rect key={i} x={i + 0.1} width={0.8} y={30 - (c / max) * 30} height={(c / max) * 30} /> : null))}
      </svg>
      <div className="row muted gw-small">
        <span>{fmtDate(histogram.from)}</span>
        <span className="spacer" />
        <span>{fmtDate(histogram.from + n * histogram.bucketMs)}</span>
      </div>
    </div>
  );
}
