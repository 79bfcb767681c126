// Renderer. Mounts the cytoscape canvas once and hands its controller to the workbench; draws the
// lasso overlay. The graph itself never enters React state.
import { useEffect, useRef, useState } from 'react';
import { GraphController, type ControllerEvents } from './graph-controller';

interface Props {
  events: ControllerEvents;
  onReady: (c: GraphController | null) => void;
  lasso: boolean;
  onLassoDone: (selected: number) => void;
}

export function GraphCanvas({ events, onReady, lasso, onLassoDone }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const ctl = useRef<GraphController | null>(null);
  const eventsRef = useRef(events);
  eventsRef.current = events;
  const [path, setPath] = useState<Array<[number, number]>>([]);

  useEffect(() => {
    if (!box.current) return;
    const proxy: ControllerEvents = {
      onNode: (...a) => eventsRef.current.onNode(...a),
      onEdge: (...a) => eventsRef.current.onEdge(...a),
      onBackground: () => eventsRef.current.onBackground(),
      onOpen: (...a) => eventsRef.current.onOpen(...a),
      onSelection: (ids) => eventsRef.current.onSelection(ids),
    };
    const c = new GraphController(box.current, proxy);
    ctl.current = c;
    onReady(c);
    // follow the theme: the stylesheet reads CSS variables
    const mo = new MutationObserver(() => c.restyle());
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      mo.disconnect();
      onReady(null);
      c.destroy();
      ctl.current = null;
    };
  }, [onReady]);

  const drawing = useRef(false);
  const rel = (e: React.PointerEvent): [number, number] => {
    const r = box.current!.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  return (
    <div className="gw-canvas-wrap">
      <div ref={box} className="gw-canvas" data-testid="graph-canvas" />
      {lasso ? (
        <svg
          className="gw-lasso"
          data-testid="lasso"
          onPointerDown={(e) => {
            drawing.current = true;
            (e.target as Element).setPointerCapture(e.pointerId);
            setPath([rel(e)]);
          }}
          onPointerMove={(e) => {
            if (drawing.current) setPath((p) => [...p, rel(e)]);
          }}
          onPointerUp={(e) => {
            drawing.current = false;
            const n = path.length > 2 && ctl.current ? ctl.current.selectInPolygon(path, e.shiftKey) : 0;
            setPath([]);
            onLassoDone(n);
          }}
        >
          {path.length > 1 ? <polygon points={path.map((p) => p.join(',')).join(' ')} /> : null}
        </svg>
      ) : null}
    </div>
  );
}
