// Renderer. Activity over time as a bar histogram with a brush: drag to choose a time window
// (it filters the graph and the tables together), double-click or "clear" to drop it.
import { useEffect, useRef, useState } from 'react';
import type { Histogram, TimeRange } from '../../../../../electron/shared/contract';
import { fmtTime } from '../format';

interface Props {
  histogram: Histogram | null;
  range: TimeRange;
  onRange: (r: TimeRange) => void;
}

const css = (n: string, f: string) => getComputedStyle(document.documentElement).getPropertyValue(n).trim() || f;

export function TimeHistogram({ histogram, range, onRange }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<[number, number] | null>(null);
  const [width, setWidth] = useState(600);
  const HEIGHT = 64;

  useEffect(() => {
    const el = canvas.current?.parentElement;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(100, el.clientWidth)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const span = histogram ? histogram.counts.length * histogram.bucketMs : 0;
  const toX = (t: number) => (histogram && span > 0 ? ((t - histogram.from) / span) * width : 0);
  const toT = (x: number) => (histogram ? Math.round(histogram.from + (Math.max(0, Math.min(width, x)) / width) * span) : 0);

  useEffect(() => {
    const c = canvas.current;
    if (!c || !histogram) return;
    c.width = width;
    c.height = HEIGHT;
    const g = c.getContext('2d')!;
    g.clearRect(0, 0, width, HEIGHT);
    const max = Math.max(1, ...histogram.counts);
    const bw = width / Math.max(1, histogram.counts.length);
    const accent = css('--accent', '#2563eb');
    const muted = css('--muted', '#5c6570');
    histogram.counts.forEach((n, i) => {
      const h = Math.round((n / max) * (HEIGHT - 4));
      const t0 = histogram.from + i * histogram.bucketMs;
      const inside = !range || (t0 + histogram.bucketMs >= range[0] && t0 <= range[1]);
      g.fillStyle = inside ? accent : muted;
      g.globalAlpha = inside ? 0.85 : 0.3;
      g.fillRect(i * bw + 0.5, HEIGHT - h, Math.max(1, bw - 1), h);
    });
    g.globalAlpha = 1;
    const sel = drag ?? (range ? [toX(range[0]), toX(range[1])] : null);
    if (sel) {
      const [a, b] = [Math.min(sel[0], sel[1]), Math.max(sel[0], sel[1])];
      g.fillStyle = accent;
      g.globalAlpha = 0.12;
      g.fillRect(a, 0, b - a, HEIGHT);
      g.globalAlpha = 1;
      g.strokeStyle = accent;
      g.strokeRect(a + 0.5, 0.5, b - a, HEIGHT - 1);
    }
    // toX/toT depend only on histogram and width, which are dependencies
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [histogram, range, drag, width]);

  const x = (e: React.PointerEvent) => e.clientX - (e.currentTarget as HTMLElement).getBoundingClientRect().left;

  if (!histogram || histogram.counts.length === 0) return <div className="gw-hist muted gw-pad">No activity to show.</div>;
  const end = histogram.from + span;
  return (
    <div className="gw-hist" data-testid="time-histogram">
      <div className="gw-hist-head">
        <span className="muted">Activity</span>
        <span className="mono">{range ? `${fmtTime(range[0])} → ${fmtTime(range[1])}` : `${fmtTime(histogram.from)} → ${fmtTime(end)} (drag to filter)`}</span>
        {range ? (
          <button className="ghost" data-testid="clear-time" onClick={() => onRange(null)}>
            clear time filter
          </button>
        ) : null}
      </div>
      <canvas
        ref={canvas}
        height={HEIGHT}
        style={{ width: '100%', height: HEIGHT, cursor: 'crosshair', touchAction: 'none' }}
        onPointerDown={(e) => {
          (e.target as Element).setPointerCapture(e.pointerId);
          setDrag([x(e), x(e)]);
        }}
        onPointerMove={(e) => drag && setDrag([drag[0], x(e)])}
        onPointerUp={() => {
          if (drag && Math.abs(drag[1] - drag[0]) > 3) {
            const [a, b] = [Math.min(drag[0], drag[1]), Math.max(drag[0], drag[1])];
            onRange([toT(a), toT(b)]);
          }
          setDrag(null);
        }}
        onDoubleClick={() => onRange(null)}
      />
    </div>
  );
}
