// Renderer. Owns the cytoscape instance of the graph workbench, outside React state: React tells it
// what to show, it tells React what the investigator clicked or selected. Settings chosen for
// software rendering (2D canvas, edges hidden and a texture while the view moves, pixel ratio 1,
// haystack edges, no motion blur); cytoscape's WebGL renderer on a real GPU. Big views keep only
// their nodes in cytoscape: their edges are drawn on the edge layer (edge-layer.ts) beneath it,
// and the few edges acted on (a clicked one, a path, a neighbourhood) are promoted to elements.
import cytoscape from 'cytoscape';
import type { GraphEdge, GraphView } from '../../../../../electron/shared/contract';
import { signalColor } from '../signal-colors';
import { buildStyle, cssVar } from './cy-style';
import { edgeElement, nodeColor, nodeElement, nodePx, toElements } from './elements';
import { drawEdges, hitEdge, incidentEdges, packEdges, type PackedEdges } from './edge-layer';
import { chooseLabels, drawNodes, hitNode, nodeBounds, packNodes, type LabelCandidate, type NodeTheme, type PackedNodes } from './node-layer';
import { detectRenderMode } from './render-mode';
import { coalesceFirstStyling } from './style-triggers';

export type LayoutName = 'engine' | 'fcose' | 'concentric' | 'grid';

export interface ControllerEvents {
  onNode(id: string, kind: string, additive: boolean): void;
  onEdge(source: string, target: string): void;
  onBackground(): void;
  onOpen(id: string, kind: string): void;
  onSelection(ids: string[]): void;
}

/** Most nodes on screen considered for a label (beyond it the view is too dense to label). */
const LABEL_CANDIDATES_MAX = 1500;

/** Largest view fcose runs on; beyond it the engine's layout stays (fcose is quadratic-ish). */
export const FCOSE_MAX_NODES = 1500;

/**
 * Views of more elements (nodes + edges) than this draw their edges on the edge layer
 * (edge-layer.ts) rather than as cytoscape elements; smaller views keep every edge in cytoscape.
 * Cytoscape applies its whole stylesheet (defaults included, a bounds event per property) to each
 * element on the first frame, so the cost of a view is its element count: the 2,000-cluster
 * overview and its 800 links qualify as much as a 5,000-account drill-down with 20,000 links.
 */
export const EDGE_LAYER_MIN = 2500;

/** Pointer distance (screen px) within which a click on the edge layer picks an edge. */
const EDGE_HIT_PX = 4;

/** cytoscape's edge opacity (cy-style.ts) and its '.dim' opacity, reproduced on the layer. */
const EDGE_OPACITY = 0.55;
const DIM_OPACITY = 0.55 * 0.12;

/** The edge layer of the current view: packed edges, node positions read from cytoscape. */
interface Layer {
  packed: PackedEdges;
  edges: GraphEdge[];
  maxW: number;
  refs: Array<cytoscape.NodeSingular | null>;
  refsStale: boolean;
  xs: Float64Array;
  ys: Float64Array;
  /** ids of nodes hidden by the investigator (their edges are not drawn) */
  hidden: Set<string>;
  /** everything on the layer drawn dimmed (a highlight or isolate is on) */
  dim: boolean;
}

/** The nodes of a big overview, drawn on the layer (node-layer.ts) until something needs them in cytoscape. */
interface NodeLayer {
  packed: PackedNodes;
  view: GraphView;
  selected: number;
  found: number;
  labels: number[];
}

/** Elements whose bounding boxes one idle slice warms (about 10 ms of work in software). */
const WARM_SLICE = 250;

/** Node-layer click tolerance (screen px) around a disc. */
const NODE_HIT_PX = 2;

export class GraphController {
  readonly cy: cytoscape.Core;
  readonly mode = detectRenderMode();
  private groups = new Map<string, cytoscape.ElementDefinition[]>();
  private readonly layerCanvas: HTMLCanvasElement;
  private layer: Layer | null = null;
  private nodeLayer: NodeLayer | null = null;
  private theme: NodeTheme = readTheme();
  /** the view is moving: the layer draws its nodes only (edges come back once it settles) */
  private moving = false;
  private layerTimer = 0;
  private layerFrame = 0;
  /** bumped by each show(): idle work for an older view stops */
  private showSeq = 0;
  /** EDGE_LAYER_MIN, or ?edgeLayer=N in the URL (the e2e tests put a small view on the layer) */
  private readonly edgeLayerMin: number;

  constructor(container: HTMLElement, events: ControllerEvents) {
    const opts: cytoscape.CytoscapeOptions & { renderer?: unknown } = {
      container,
      style: buildStyle(),
      layout: { name: 'preset' },
      minZoom: 0.02,
      maxZoom: 6,
      boxSelectionEnabled: true,
      selectionType: 'additive',
      hideEdgesOnViewport: true,
      textureOnViewport: true,
      motionBlur: false,
      pixelRatio: 1,
    };
    if (this.mode.webgl) opts.renderer = { name: 'canvas', webgl: true };
    const forcedLayer = new URLSearchParams(window.location.search).get('edgeLayer');
    this.edgeLayerMin = forcedLayer !== null && forcedLayer !== '' && Number.isFinite(Number(forcedLayer)) ? Number(forcedLayer) : EDGE_LAYER_MIN;
    this.cy = cytoscape(opts);
    coalesceFirstStyling(this.cy);
    (window as unknown as { __lwCy?: cytoscape.Core }).__lwCy = this.cy; // for the e2e tests and the benchmark
    // the edges drawn on the edge layer, as elements (the benchmark's default-cytoscape baseline)
    (window as unknown as { __lwLayerElements?: () => cytoscape.ElementDefinition[] }).__lwLayerElements = () => this.layerElements();
    // the nodes drawn on the node layer, with their on-screen positions (the e2e tests click them)
    (window as unknown as { __lwLayerNodes?: () => Array<{ id: string; x: number; y: number; r: number }> }).__lwLayerNodes = () => this.layerNodes();
    // The canvas renderer builds its layer textures (whole-graph bitmaps reused while panning)
    // synchronously on its very first frame only, and lazily, between frames, ever after: make
    // the first view lazy too, so it is drawn directly and the textures follow in idle frames.
    // (Profiled: about a third of the overview's first frame at 2,000 nodes.)
    const layers = (this.cy as unknown as { renderer(): { data?: { lyrTxrCache?: { firstGet?: boolean } } } | undefined }).renderer()?.data?.lyrTxrCache;
    if (layers && layers.firstGet === true) layers.firstGet = false;

    // the edge layer sits beneath cytoscape's canvases (same z-index, earlier in the DOM)
    this.layerCanvas = document.createElement('canvas');
    this.layerCanvas.className = 'gw-edge-layer';
    Object.assign(this.layerCanvas.style, { position: 'absolute', left: '0', top: '0', pointerEvents: 'none', zIndex: '0' });
    this.layerCanvas.dataset.testid = 'edge-layer';
    container.insertBefore(this.layerCanvas, container.firstChild);
    // hidden while the view moves, redrawn once it settles (as hideEdgesOnViewport does)
    this.cy.on('viewport', () => {
      if (!this.layer && !this.nodeLayer) return;
      this.moving = true;
      // nodes on the layer follow every frame; edges alone are simply hidden until it settles
      if (this.nodeLayer) this.scheduleLayer();
      else this.layerCanvas.style.visibility = 'hidden';
      clearTimeout(this.layerTimer);
      this.layerTimer = window.setTimeout(() => {
        this.moving = false;
        this.drawLayer();
      }, 120);
    });
    this.cy.on('position', 'node', () => this.scheduleLayer());
    this.cy.on('resize', () => this.scheduleLayer());

    this.cy.on('tap', 'node', (e) => {
      const oe = e.originalEvent as MouseEvent | undefined;
      events.onNode(e.target.id() as string, e.target.data('kind') as string, !!(oe && (oe.shiftKey || oe.ctrlKey || oe.metaKey)));
    });
    this.cy.on('dbltap', 'node', (e) => events.onOpen(e.target.id() as string, e.target.data('kind') as string));
    this.cy.on('dbltap', (e) => {
      const nl = this.nodeLayer;
      if (e.target !== this.cy || !nl) return;
      const i = hitNode(nl.packed, e.position.x, e.position.y, NODE_HIT_PX / this.cy.zoom());
      if (i >= 0) events.onOpen(nl.packed.ids[i]!, 'cluster');
    });
    this.cy.on('tap', 'edge', (e) => events.onEdge(e.target.source().id() as string, e.target.target().id() as string));
    this.cy.on('tap', (e) => {
      if (e.target !== this.cy) return;
      const nl = this.nodeLayer;
      if (nl) {
        const i = hitNode(nl.packed, e.position.x, e.position.y, NODE_HIT_PX / this.cy.zoom());
        // cytoscape unselects everything on a background tap; the layer does the same
        nl.selected = i;
        this.scheduleLayer();
        if (i >= 0) {
          const oe = e.originalEvent as MouseEvent | undefined;
          events.onNode(nl.packed.ids[i]!, 'cluster', !!(oe && (oe.shiftKey || oe.ctrlKey || oe.metaKey)));
          return;
        }
      }
      // a click on empty canvas may be a click on an edge of the layer ("why linked")
      const hit = this.layer ? this.layerEdgeAt(e.position.x, e.position.y) : -1;
      if (hit >= 0 && this.layer) {
        const edge = this.layer.edges[hit]!;
        this.cy.$('edge.picked').remove();
        // marked, not selected: cytoscape unselects everything after a tap on its background
        this.promote([hit], 'picked');
        events.onEdge(edge.source, edge.target);
        return;
      }
      this.cy.$('edge.picked').remove();
      events.onBackground();
    });
    let pending = 0;
    const emitSelection = () => {
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = 0;
        events.onSelection(this.cy.$('node:selected').map((n) => n.id()));
      });
    };
    this.cy.on('select unselect', 'node', emitSelection);
    // after the view stops moving, label what fits on screen
    let settle = 0;
    this.cy.on('viewport', () => {
      clearTimeout(settle);
      settle = window.setTimeout(() => this.labelVisible(), 180);
    });
  }

  /**
   * Labels the nodes on screen whose labels fit without covering one another: strongest first
   * (cluster size, account degree), each label's box on screen reserved in a coarse grid; the rest
   * show theirs when selected, found or highlighted. Nothing to do while labels would be too small
   * to read (cytoscape hides them below min-zoomed-font-size anyway).
   */
  private labelVisible(): void {
    const zoom = this.cy.zoom();
    const font = 10 * zoom;
    const ext = this.cy.extent();
    const inside = (x: number, y: number) => x >= ext.x1 && x <= ext.x2 && y >= ext.y1 && y <= ext.y2;
    const pan = this.cy.pan();
    const nl = this.nodeLayer;
    if (nl) {
      const p = nl.packed;
      const on: number[] = [];
      if (font >= 8) for (let i = 0; i < p.ids.length && on.length <= LABEL_CANDIDATES_MAX; i++) if (inside(p.xs[i]!, p.ys[i]!)) on.push(i);
      const cands: LabelCandidate[] = on.length <= LABEL_CANDIDATES_MAX ? on.map((i) => ({ x: p.xs[i]! * zoom + pan.x, y: p.ys[i]! * zoom + pan.y, r: p.r[i]! * zoom, label: p.labels[i]!, size: p.size[i]!, id: p.ids[i]! })) : [];
      nl.labels = chooseLabels(cands, font).map((k) => on[k]!);
      this.scheduleLayer();
      return;
    }
    const nodes = this.cy.nodes();
    let chosen: cytoscape.NodeSingular[] = [];
    if (font >= 8 && nodes.length > 0) {
      const inView = nodes.filter((n) => {
        const p = n.position();
        return inside(p.x, p.y);
      });
      if (inView.length <= LABEL_CANDIDATES_MAX) {
        const list = inView.toArray() as cytoscape.NodeSingular[];
        const cands = list.map((n) => {
          const p = n.renderedPosition();
          return { x: p.x, y: p.y, r: (Number(n.data('px')) / 2) * zoom, label: String(n.data('label')), size: Number(n.data('size')), id: n.id() };
        });
        chosen = chooseLabels(cands, font).map((k) => list[k]!);
      }
    }
    this.cy.batch(() => {
      this.cy.$('node.lbl').removeClass('lbl');
      for (const n of chosen) n.addClass('lbl');
    });
  }

  destroy(): void {
    clearTimeout(this.layerTimer);
    cancelAnimationFrame(this.layerFrame);
    this.layer = null;
    this.cy.destroy();
    this.layerCanvas.remove();
  }

  /** Number of edges drawn on the edge layer instead of as cytoscape elements (0: none). */
  layerEdgeCount(): number {
    return this.layer?.edges.length ?? 0;
  }

  /** The node layer's nodes and where they are on screen (container px); empty when none. */
  layerNodes(): Array<{ id: string; x: number; y: number; r: number }> {
    const nl = this.nodeLayer;
    if (!nl) return [];
    const z = this.cy.zoom();
    const pan = this.cy.pan();
    const p = nl.packed;
    return p.ids.map((id, i) => ({ id, x: p.xs[i]! * z + pan.x, y: p.ys[i]! * z + pan.y, r: p.r[i]! * z }));
  }

  /** The layer's edges as cytoscape element definitions (the benchmark's baseline uses them). */
  layerElements(): cytoscape.ElementDefinition[] {
    const l = this.layer;
    return l ? l.edges.map((e) => edgeElement(e, l.maxW)) : [];
  }

  /** After nodes were added or removed: positions are read from fresh node references. */
  private nodesChanged(): void {
    if (!this.layer) return;
    this.layer.refsStale = true;
    this.scheduleLayer();
  }

  private scheduleLayer(): void {
    if ((!this.layer && !this.nodeLayer) || this.layerFrame) return;
    this.layerFrame = requestAnimationFrame(() => {
      this.layerFrame = 0;
      this.drawLayer(!this.moving);
    });
  }

  /** Reads node positions from cytoscape (NaN where the node is not shown). */
  private layerPositions(l: Layer): void {
    const nl = this.nodeLayer;
    if (nl) {
      // the node layer's arrays follow the same view order as the packed edges' node ids
      l.xs.set(nl.packed.xs);
      l.ys.set(nl.packed.ys);
      return;
    }
    if (l.refsStale) {
      l.refs = l.packed.nodeIds.map((id) => {
        const n = this.cy.getElementById(id);
        return n.nonempty() ? (n as cytoscape.NodeSingular) : null;
      });
      l.refsStale = false;
    }
    for (let i = 0; i < l.refs.length; i++) {
      const n = l.refs[i];
      if (!n || n.removed() || l.hidden.has(l.packed.nodeIds[i]!)) {
        l.xs[i] = NaN;
        l.ys[i] = NaN;
        continue;
      }
      const p = n.position();
      l.xs[i] = p.x;
      l.ys[i] = p.y;
    }
  }

  private drawLayer(edges = true): void {
    const l = this.layer;
    const nl = this.nodeLayer;
    const c = this.layerCanvas;
    if ((!l && !nl) || this.cy.destroyed()) return;
    const w = this.cy.width();
    const h = this.cy.height();
    if (c.width !== w || c.height !== h) {
      c.width = w;
      c.height = h;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    const pan = this.cy.pan();
    const v = { zoom: this.cy.zoom(), panX: pan.x, panY: pan.y, width: w, height: h };
    if (l && edges) {
      this.layerPositions(l);
      drawEdges(ctx, l.packed, l.xs, l.ys, v, EDGE_OPACITY, l.dim ? () => true : null, DIM_OPACITY);
    } else {
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
    }
    if (nl) drawNodes(ctx, nl.packed, v, this.theme, nl);
    c.style.visibility = 'visible';
  }

  private clearLayer(): void {
    this.layer = null;
    this.nodeLayer = null;
    clearTimeout(this.layerTimer);
    const ctx = this.layerCanvas.getContext('2d');
    ctx?.clearRect(0, 0, this.layerCanvas.width, this.layerCanvas.height);
  }

  private layerEdgeAt(x: number, y: number): number {
    const l = this.layer;
    if (!l) return -1;
    this.layerPositions(l);
    return hitEdge(l.packed, l.xs, l.ys, x, y, EDGE_HIT_PX / this.cy.zoom());
  }

  /**
   * Adds layer edges to cytoscape as elements (the few an investigator acts on: a clicked edge,
   * a path, a neighbourhood) so selection and highlight styles apply to them.
   */
  private promote(indexes: number[], cls: string): cytoscape.CollectionReturnValue {
    const l = this.layer;
    let out = this.cy.collection();
    if (!l) return out;
    const defs: cytoscape.ElementDefinition[] = [];
    for (const i of indexes) {
      const e = l.edges[i]!;
      const have = this.cy.getElementById(e.id);
      if (have.nonempty()) {
        out = out.union(have.addClass(cls));
        continue;
      }
      if (this.cy.getElementById(e.source).empty() || this.cy.getElementById(e.target).empty()) continue;
      defs.push({ ...edgeElement(e, l.maxW), classes: `promoted ${cls}` });
    }
    if (defs.length > 0) out = out.union(this.cy.add(defs));
    return out;
  }

  /** Layer edge indexes between two node ids, either direction. */
  private layerEdgesBetween(a: string, b: string): number[] {
    const l = this.layer;
    if (!l) return [];
    const out: number[] = [];
    for (let i = 0; i < l.edges.length; i++) {
      const e = l.edges[i]!;
      if ((e.source === a && e.target === b) || (e.source === b && e.target === a)) out.push(i);
    }
    return out;
  }

  private layerIndexes(ids: Iterable<string>): Set<number> {
    const l = this.layer;
    const out = new Set<number>();
    if (!l) return out;
    const want = new Set(ids);
    l.packed.nodeIds.forEach((id, i) => {
      if (want.has(id)) out.add(i);
    });
    return out;
  }

  restyle(): void {
    this.cy.style(buildStyle());
    coalesceFirstStyling(this.cy);
    this.theme = readTheme();
    this.scheduleLayer();
  }

  /** Nodes in the view (on the node layer or in cytoscape). */
  nodeCount(): number {
    return this.nodeLayer ? this.nodeLayer.packed.ids.length : this.cy.nodes().length;
  }

  /** Unselects every node (cytoscape's and the node layer's). */
  unselectAll(): void {
    this.cy.$(':selected').unselect();
    if (this.nodeLayer) {
      this.nodeLayer.selected = -1;
      this.scheduleLayer();
    }
  }

  /**
   * Moves the node layer's nodes into cytoscape (selection and found mark included), for whatever
   * needs them as elements: a layout, the path tool, a lasso. Costs what the layer saved, once.
   */
  materialise(): void {
    const nl = this.nodeLayer;
    if (!nl) return;
    this.nodeLayer = null;
    this.cy.batch(() => {
      this.cy.add(nl.view.nodes.map(nodeElement));
      if (nl.selected >= 0) this.cy.getElementById(nl.packed.ids[nl.selected]!).select();
      if (nl.found >= 0) this.cy.getElementById(nl.packed.ids[nl.found]!).addClass('found');
    });
    if (this.layer) this.layer.refsStale = true;
    this.labelVisible();
    this.drawLayer();
  }

  /** Replaces everything with a view from the engine (positions included) and fits it. */
  show(view: GraphView): void {
    this.groups.clear();
    this.clearLayer();
    const t0 = performance.now();
    const size = view.nodes.length + view.edges.length;
    const big = view.edges.length > 0 && size > this.edgeLayerMin;
    // a big overview (clusters only) draws its nodes on the layer too
    const nodesOnLayer = view.nodes.length > 0 && size > this.edgeLayerMin && view.nodes.every((n) => n.kind === 'cluster');
    this.cy.batch(() => {
      this.cy.elements().remove();
      if (!nodesOnLayer) this.cy.add(big ? view.nodes.map(nodeElement) : toElements(view));
    });
    if (nodesOnLayer) {
      const packed = packNodes(view.nodes.map((n) => ({ id: n.id, label: n.label, x: n.x, y: n.y, px: nodePx(n), color: nodeColor(n), flagged: n.flagged, size: n.size })));
      this.nodeLayer = { packed, view, selected: -1, found: -1, labels: [] };
    }
    if (big) {
      let maxW = 0;
      for (const e of view.edges) maxW = Math.max(maxW, e.weight);
      const nodeIds = view.nodes.map((n) => n.id);
      this.layer = {
        packed: packEdges(nodeIds, view.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, weight: e.weight, color: signalColor(e.signal) }))),
        edges: view.edges,
        maxW,
        refs: [],
        refsStale: true,
        xs: new Float64Array(nodeIds.length),
        ys: new Float64Array(nodeIds.length),
        hidden: new Set(),
        dim: false,
      };
    }
    this.fitNow();
    this.labelVisible();
    // drawn now, so the view is complete on the next frame
    this.moving = false;
    if (big || nodesOnLayer) this.drawLayer();
    (window as unknown as { __lwShowMs?: number }).__lwShowMs = performance.now() - t0;
    // warm cytoscape's bounding-box caches while the investigator looks, so the first pan does
    // not pay for them (the texture used while moving starts from the graph's bounding box); in
    // slices, so a click meanwhile waits for one slice, not for all 5,000 nodes
    const seq = ++this.showSeq;
    const all = this.cy.elements().toArray();
    let at = 0;
    const later = (f: () => void) => (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(f, { timeout: 1500 }) : setTimeout(f, 50));
    const warm = () => {
      if (seq !== this.showSeq || this.cy.destroyed()) return;
      const end = Math.min(all.length, at + WARM_SLICE);
      const slice = all.slice(at, end).filter((e) => !e.removed());
      if (slice.length > 0) this.cy.collection(slice as unknown as cytoscape.CollectionArgument).boundingBox();
      at = end;
      if (at < all.length) later(warm);
    };
    if (all.length > 0) later(warm);
  }

  /** Adds a neighbourhood around `anchor`: new nodes are placed on a ring around it. */
  merge(view: GraphView, anchor: string): number {
    this.materialise();
    const a = this.cy.getElementById(anchor);
    const centre = a.nonempty() ? a.position() : { x: 0, y: 0 };
    const fresh = view.nodes.filter((n) => this.cy.getElementById(n.id).empty());
    const ring = 60 + 6 * fresh.length;
    fresh.forEach((n, i) => {
      const ang = (2 * Math.PI * i) / Math.max(1, fresh.length);
      n.x = centre.x + ring * Math.cos(ang);
      n.y = centre.y + ring * Math.sin(ang);
    });
    let maxW = 0;
    for (const e of view.edges) maxW = Math.max(maxW, e.weight);
    this.cy.batch(() => {
      this.cy.add(fresh.map(nodeElement));
      this.cy.add(
        view.edges
          .filter((e) => !this.layer?.packed.byId.has(e.id) && this.cy.getElementById(e.id).empty() && this.cy.getElementById(e.source).nonempty() && this.cy.getElementById(e.target).nonempty())
          .map((e) => edgeElement(e, maxW)),
      );
    });
    this.nodesChanged();
    return fresh.length;
  }

  focus(id: string): boolean {
    const nl = this.nodeLayer;
    if (nl) {
      const i = nl.packed.index.get(id);
      if (i === undefined) return false;
      nl.found = i;
      nl.selected = i;
      const zoom = Math.max(this.cy.zoom(), 1.2);
      const x = nl.packed.xs[i]!;
      const y = nl.packed.ys[i]!;
      this.cy.animate({ zoom, pan: { x: this.cy.width() / 2 - zoom * x, y: this.cy.height() / 2 - zoom * y } }, { duration: 250 });
      this.scheduleLayer();
      return true;
    }
    const n = this.cy.getElementById(id);
    if (n.empty()) return false;
    this.cy.$('.found').removeClass('found');
    n.addClass('found');
    this.cy.$(':selected').unselect();
    n.select();
    this.cy.animate({ center: { eles: n }, zoom: Math.max(this.cy.zoom(), 1.2) }, { duration: 250 });
    return true;
  }

  highlight(nodeIds: string[], edgePairs: Array<[string, string]>): void {
    this.materialise();
    this.cy.batch(() => {
      this.clearHighlight();
      const keep = this.cy.collection();
      for (const id of nodeIds) keep.merge(this.cy.getElementById(id));
      for (const [a, b] of edgePairs) {
        if (this.layer) this.promote(this.layerEdgesBetween(a, b), 'path');
        keep.merge(this.cy.getElementById(a).edgesWith(this.cy.getElementById(b)));
      }
      if (keep.empty()) return;
      if (this.layer) this.layer.dim = true;
      this.cy.elements().difference(keep).addClass('dim');
      keep.addClass('hl');
    });
    this.scheduleLayer();
    const hl = this.cy.$('node.hl');
    if (hl.nonempty()) this.fitNow(hl, 120);
  }

  clearHighlight(): void {
    this.cy.$('.dim, .hl').removeClass('dim hl');
    if (this.layer) {
      this.cy.$('edge.promoted').not('.picked').remove();
      this.layer.dim = false;
      this.scheduleLayer();
    }
  }

  /** Dims everything but the selection and its direct links (the "neighbourhood" focus). */
  isolateSelection(): void {
    this.materialise();
    const sel = this.cy.$('node:selected');
    if (sel.empty()) return;
    this.cy.batch(() => {
      this.clearHighlight();
      // on the edge layer, the selection's links become elements so the neighbourhood is found
      if (this.layer) {
        this.promote(incidentEdges(this.layer.packed, this.layerIndexes(sel.map((n) => n.id()))), 'near');
        this.layer.dim = true;
      }
      const keep = sel.closedNeighborhood();
      this.cy.elements().difference(keep).addClass('dim');
    });
    this.scheduleLayer();
  }

  hideSelected(): number {
    this.materialise();
    const sel = this.cy.$('node:selected');
    sel.style('display', 'none');
    sel.unselect();
    if (this.layer) {
      for (const id of sel.map((n) => n.id())) this.layer.hidden.add(id);
      this.scheduleLayer();
    }
    return sel.length;
  }

  showAll(): void {
    this.cy.nodes().style('display', 'element');
    if (this.layer) {
      this.layer.hidden.clear();
      this.scheduleLayer();
    }
  }

  togglePinSelected(): void {
    this.materialise();
    const sel = this.cy.$('node:selected');
    if (sel.filter(':locked').length === sel.length) sel.unlock();
    else sel.lock();
  }

  /** Collapses the selected nodes into one group node; its edges are the members' edges, merged. */
  collapseSelected(label: string): string | null {
    this.materialise();
    const sel = this.cy.$('node:selected').filter((n) => n.data('kind') !== 'group');
    if (sel.length < 2) return null;
    const id = `group:${Date.now().toString(36)}`;
    const saved = sel.union(sel.connectedEdges()).jsons() as unknown as cytoscape.ElementDefinition[];
    this.groups.set(id, saved);
    const bb = sel.boundingBox();
    const outside = new Map<string, number>();
    sel.connectedEdges().forEach((e) => {
      const other = sel.contains(e.source()) ? e.target() : e.source();
      if (sel.contains(other)) return;
      outside.set(other.id(), (outside.get(other.id()) ?? 0) + (e.data('weight') as number));
    });
    // links on the edge layer count too (promoted ones were counted above as elements)
    const l = this.layer;
    if (l) {
      const inSel = this.layerIndexes(sel.map((n) => n.id()));
      for (const i of incidentEdges(l.packed, inSel)) {
        const e = l.edges[i]!;
        if (this.cy.getElementById(e.id).nonempty()) continue;
        const other = inSel.has(l.packed.src[i]!) ? e.target : e.source;
        if (sel.contains(this.cy.getElementById(other)) || this.cy.getElementById(other).empty() || l.hidden.has(other)) continue;
        outside.set(other, (outside.get(other) ?? 0) + e.weight);
      }
    }
    this.cy.batch(() => {
      sel.remove();
      this.cy.add({
        group: 'nodes',
        data: { id, label: `${label} (${sel.length})`, kind: 'group', px: 24 + 4 * Math.sqrt(sel.length), color: '#7b8794', size: sel.length },
        position: { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 },
      });
      for (const [other, w] of outside) {
        this.cy.add({ group: 'edges', data: { id: `${id}-${other}`, source: id, target: other, weight: w, signal: 'group', color: '#7b8794', w: 2 } });
      }
    });
    this.nodesChanged();
    return id;
  }

  /** Expands a group node back into its members. */
  expandGroup(id: string): boolean {
    const saved = this.groups.get(id);
    if (!saved) return false;
    this.groups.delete(id);
    this.cy.batch(() => {
      this.cy.getElementById(id).remove();
      this.cy.add(saved.filter((d) => d.group === 'nodes'));
      this.cy.add(
        saved.filter((d) => d.group === 'edges' && this.cy.getElementById(String(d.data.source)).nonempty() && this.cy.getElementById(String(d.data.target)).nonempty()),
      );
    });
    this.nodesChanged();
    return true;
  }

  selectByIds(ids: string[], additive = false): void {
    this.materialise();
    this.cy.batch(() => {
      if (!additive) this.cy.$(':selected').unselect();
      for (const id of ids) this.cy.getElementById(id).select();
    });
  }

  /** Selects nodes whose on-screen position lies inside a polygon in container pixels (lasso). */
  selectInPolygon(poly: Array<[number, number]>, additive: boolean): number {
    this.materialise();
    let count = 0;
    this.cy.batch(() => {
      if (!additive) this.cy.$(':selected').unselect();
      this.cy.nodes(':visible').forEach((n) => {
        const p = n.renderedPosition();
        if (insidePolygon(p.x, p.y, poly)) {
          n.select();
          count++;
        }
      });
    });
    return count;
  }

  fit(): void {
    if (this.nodeLayer) this.fitNow();
    else this.fitNow(this.cy.nodes(':visible'));
  }

  /**
   * Fits the view to node positions. cy.fit() measures every element's bounding box (labels,
   * edges): seconds for 25,000 elements in software; node centres and sizes are enough here.
   */
  fitNow(nodes?: cytoscape.NodeCollection, padding = 30): void {
    const b = !nodes && this.nodeLayer ? nodeBounds(this.nodeLayer.packed) : cyNodeBounds(nodes ?? this.cy.nodes());
    if (!b) return;
    const { x1, y1, x2, y2 } = b;
    const w = this.cy.width();
    const h = this.cy.height();
    const zoom = Math.max(this.cy.minZoom(), Math.min(this.cy.maxZoom(), 1.5, (w - 2 * padding) / Math.max(1, x2 - x1), (h - 2 * padding) / Math.max(1, y2 - y1)));
    this.cy.viewport({ zoom, pan: { x: w / 2 - zoom * ((x1 + x2) / 2), y: h / 2 - zoom * ((y1 + y2) / 2) } });
  }

  zoomBy(factor: number): void {
    const c = this.cy.container();
    const w = c?.clientWidth ?? 0;
    const h = c?.clientHeight ?? 0;
    this.cy.zoom({ level: this.cy.zoom() * factor, renderedPosition: { x: w / 2, y: h / 2 } });
  }

  /** Runs a layout; fcose runs in a Web Worker so the UI never freezes on it. */
  async layout(name: LayoutName, enginePositions: Map<string, { x: number; y: number }>): Promise<void> {
    this.materialise();
    const nodes = this.cy.nodes().filter((n: cytoscape.NodeSingular) => !n.locked());
    if (name === 'engine') {
      this.cy.batch(() => nodes.forEach((n) => {
        const p = enginePositions.get(n.id());
        if (p) n.position(p);
      }));
    } else if (name === 'concentric') {
      this.cy.layout({ name: 'concentric', eles: this.cy.elements(), concentric: (n: cytoscape.NodeSingular) => Number(n.data('score')) * 10 + Math.log2(1 + Number(n.data('size'))), levelWidth: () => 1, minNodeSpacing: 6, animate: false, fit: false } as cytoscape.LayoutOptions).run();
    } else if (name === 'grid') {
      this.cy.layout({ name: 'grid', eles: this.cy.elements(), avoidOverlap: true, animate: false, fit: false, sort: (a: cytoscape.NodeSingular, b: cytoscape.NodeSingular) => Number(b.data('score')) - Number(a.data('score')) } as cytoscape.LayoutOptions).run();
    } else {
      const { runFcoseInWorker } = await import('./fcose-client');
      const pos = await runFcoseInWorker(this.cy);
      this.cy.batch(() => nodes.forEach((n) => {
        const p = pos.get(n.id());
        if (p) n.position(p);
      }));
    }
    this.fitNow();
  }

  /** A PNG of the current view (for screenshots and the evidence packet). */
  png(): string {
    this.materialise();
    const bg = getComputedStyle(document.documentElement).getPropertyValue('--panel').trim() || '#fff';
    const l = this.layer;
    const r = (this.cy as unknown as { renderer(): unknown }).renderer() as { bufferCanvasImage?: (o: { full: boolean; scale: number }) => HTMLCanvasElement };
    if (!l || typeof r.bufferCanvasImage !== 'function') return this.cy.png({ full: true, scale: 1, bg });
    // the layer's edges, then cytoscape's nodes over them, then the background behind both
    // (cytoscape's full image spans the elements' bounding box at zoom 1, pixel ratio 1)
    const nodes = r.bufferCanvasImage({ full: true, scale: 1 });
    const bb = (this.cy as unknown as { mutableElements(): cytoscape.CollectionReturnValue }).mutableElements().boundingBox();
    const out = document.createElement('canvas');
    out.width = nodes.width;
    out.height = nodes.height;
    const ctx = out.getContext('2d');
    if (!ctx) return this.cy.png({ full: true, scale: 1, bg });
    this.layerPositions(l);
    drawEdges(ctx, l.packed, l.xs, l.ys, { zoom: 1, panX: -bb.x1, panY: -bb.y1, width: out.width, height: out.height }, EDGE_OPACITY, l.dim ? () => true : null, DIM_OPACITY);
    ctx.drawImage(nodes, 0, 0);
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, out.width, out.height);
    return out.toDataURL('image/png');
  }
}

function cyNodeBounds(nodes: cytoscape.NodeCollection): { x1: number; y1: number; x2: number; y2: number } | null {
  if (nodes.empty()) return null;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  nodes.forEach((n) => {
    const p = n.position();
    const r = (Number(n.data('px')) || 12) / 2;
    x1 = Math.min(x1, p.x - r);
    y1 = Math.min(y1, p.y - r);
    x2 = Math.max(x2, p.x + r);
    y2 = Math.max(y2, p.y + r + 14);
  });
  return { x1, y1, x2, y2 };
}

/** The theme colours the node layer draws with (the stylesheet reads the same variables). */
function readTheme(): NodeTheme {
  return {
    fg: cssVar('--fg', '#1b1f24'),
    bg: cssVar('--bg', '#f6f7f9'),
    accent: cssVar('--accent', '#2563eb'),
    danger: cssVar('--danger', '#c62828'),
    font: 'Helvetica Neue, Helvetica, sans-serif',
  };
}

export function insidePolygon(x: number, y: number, poly: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
