// Renderer. Owns the cytoscape instance of the graph workbench, outside React state: React tells it
// what to show, it tells React what the investigator clicked or selected. This class is the one
// surface the workbench uses; the work lives beside it: cy-create.ts (settings for software
// rendering), layer-canvas.ts (big views keep only their nodes in cytoscape, their edges, and a big
// overview's nodes, drawn on a canvas beneath it; the few edges acted on are promoted to
// elements), view-content.ts (show, merge), controller-events.ts, labels.ts, camera.ts,
// highlight.ts, selection.ts, groups.ts, layouts.ts, snapshot.ts.
import type cytoscape from 'cytoscape';
import type { GraphView } from '../../../../../electron/shared/contract';
import { buildStyle } from './cy-style';
import { createCy } from './cy-create';
import { focus, fitNow, zoomBy } from './camera';
import { wireEvents, type ControllerEvents } from './controller-events';
import { edgeElement } from './elements';
import { NodeGroups } from './groups';
import { clearHighlight, highlight, isolateSelection } from './highlight';
import { labelVisible } from './labels';
import { LayerCanvas, readTheme } from './layer-canvas';
import { applyLayout, type LayoutName } from './layouts';
import { detectRenderMode } from './render-mode';
import { hideSelected, selectByIds, selectInPolygon, showAll, togglePinSelected, unselectAll } from './selection';
import { viewPng } from './snapshot';
import { coalesceFirstStyling } from './style-triggers';
import { materialiseNodes, mergeView, placeView, warmBounds } from './view-content';
import { parseEdgeLayerMin } from './view-plan';

// the names the rest of the workbench (and the tests) import from here
export type { ControllerEvents } from './controller-events';
export { FCOSE_MAX_NODES, type LayoutName } from './layouts';
export { EDGE_LAYER_MIN } from './view-plan';
export { insidePolygon } from './viewport-math';

export class GraphController {
  readonly cy: cytoscape.Core;
  readonly mode = detectRenderMode();
  private readonly groups = new NodeGroups();
  private readonly layers: LayerCanvas;
  /** bumped by each show(): idle work for an older view stops */
  private showSeq = 0;
  /** EDGE_LAYER_MIN, or ?edgeLayer=N in the URL (the e2e tests put a small view on the layer) */
  private readonly edgeLayerMin: number;

  constructor(container: HTMLElement, events: ControllerEvents) {
    this.edgeLayerMin = parseEdgeLayerMin(window.location.search);
    this.cy = createCy(container, this.mode);
    const w = window as unknown as {
      __lwCy?: cytoscape.Core;
      __lwLayerElements?: () => cytoscape.ElementDefinition[];
      __lwLayerNodes?: () => Array<{ id: string; x: number; y: number; r: number }>;
    };
    w.__lwCy = this.cy; // for the e2e tests and the benchmark
    // the edges drawn on the edge layer, as elements (the benchmark's default-cytoscape baseline)
    w.__lwLayerElements = () => this.layerElements();
    // the nodes drawn on the node layer, with their on-screen positions (the e2e tests click them)
    w.__lwLayerNodes = () => this.layerNodes();
    this.layers = new LayerCanvas(this.cy, container);
    wireEvents(this.cy, this.layers, events, () => labelVisible(this.cy, this.layers));
  }

  destroy(): void {
    this.layers.stop();
    this.cy.destroy();
    this.layers.canvas.remove();
  }

  /** Number of edges drawn on the edge layer instead of as cytoscape elements (0: none). */
  layerEdgeCount(): number {
    return this.layers.layer?.edges.length ?? 0;
  }

  /** The node layer's nodes and where they are on screen (container px); empty when none. */
  layerNodes(): Array<{ id: string; x: number; y: number; r: number }> {
    const nl = this.layers.nodeLayer;
    if (!nl) return [];
    const z = this.cy.zoom();
    const pan = this.cy.pan();
    const p = nl.packed;
    return p.ids.map((id, i) => ({ id, x: p.xs[i]! * z + pan.x, y: p.ys[i]! * z + pan.y, r: p.r[i]! * z }));
  }

  /** The layer's edges as cytoscape element definitions (the benchmark's baseline uses them). */
  layerElements(): cytoscape.ElementDefinition[] {
    const l = this.layers.layer;
    return l ? l.edges.map((e) => edgeElement(e, l.maxW)) : [];
  }

  /** After a theme change: the stylesheet and the layer's colours read the CSS variables again. */
  restyle(): void {
    this.cy.style(buildStyle());
    coalesceFirstStyling(this.cy);
    this.layers.theme = readTheme();
    this.layers.schedule();
  }

  /** Chooses the labels again (the legend over the graph was shown, hidden or changed size). */
  relabel(): void {
    labelVisible(this.cy, this.layers);
    this.layers.schedule();
  }

  /** Nodes in the view (on the node layer or in cytoscape). */
  nodeCount(): number {
    return this.layers.nodeLayer ? this.layers.nodeLayer.packed.ids.length : this.cy.nodes().length;
  }

  /** Unselects every node (cytoscape's and the node layer's). */
  unselectAll(): void {
    unselectAll(this.cy, this.layers);
  }

  /**
   * Moves the node layer's nodes into cytoscape (selection and found mark included), for whatever
   * needs them as elements: a layout, the path tool, a lasso. Costs what the layer saved, once.
   */
  materialise(): void {
    if (!materialiseNodes(this.cy, this.layers)) return;
    labelVisible(this.cy, this.layers);
    this.layers.draw();
  }

  /** Replaces everything with a view from the engine (positions included) and fits it. */
  show(view: GraphView): void {
    this.groups.clear();
    this.layers.clear();
    const t0 = performance.now();
    const plan = placeView(this.cy, this.layers, view, this.edgeLayerMin);
    this.fitNow();
    labelVisible(this.cy, this.layers);
    // drawn now, so the view is complete on the next frame
    this.layers.moving = false;
    if (plan.big || plan.nodesOnLayer) this.layers.draw();
    (window as unknown as { __lwShowMs?: number }).__lwShowMs = performance.now() - t0;
    const seq = ++this.showSeq;
    warmBounds(this.cy, () => seq === this.showSeq);
  }

  /** Adds a neighbourhood around `anchor`: new nodes are placed on a ring around it. */
  merge(view: GraphView, anchor: string): number {
    this.materialise();
    return mergeView(this.cy, this.layers, view, anchor);
  }

  focus(id: string): boolean {
    return focus(this.cy, this.layers, id);
  }

  highlight(nodeIds: string[], edgePairs: Array<[string, string]>): void {
    this.materialise();
    highlight(this.cy, this.layers, nodeIds, edgePairs);
  }

  clearHighlight(): void {
    clearHighlight(this.cy, this.layers);
  }

  /** Dims everything but the selection and its direct links (the "neighbourhood" focus). */
  isolateSelection(): void {
    this.materialise();
    isolateSelection(this.cy, this.layers);
  }

  hideSelected(): number {
    this.materialise();
    return hideSelected(this.cy, this.layers);
  }

  showAll(): void {
    showAll(this.cy, this.layers);
  }

  togglePinSelected(): void {
    this.materialise();
    togglePinSelected(this.cy);
  }

  /** Collapses the selected nodes into one group node; its edges are the members' edges, merged. */
  collapseSelected(label: string): string | null {
    this.materialise();
    return this.groups.collapse(this.cy, this.layers, label);
  }

  /** Expands a group node back into its members. */
  expandGroup(id: string): boolean {
    return this.groups.expand(this.cy, this.layers, id);
  }

  selectByIds(ids: string[], additive = false): void {
    this.materialise();
    selectByIds(this.cy, ids, additive);
  }

  /** Selects nodes whose on-screen position lies inside a polygon in container pixels (lasso). */
  selectInPolygon(poly: Array<[number, number]>, additive: boolean): number {
    this.materialise();
    return selectInPolygon(this.cy, poly, additive);
  }

  fit(): void {
    if (this.layers.nodeLayer) this.fitNow();
    else this.fitNow(this.cy.nodes(':visible'));
  }

  /** Fits the view to node positions (see camera.ts: cheaper than cy.fit() on big views). */
  fitNow(nodes?: cytoscape.NodeCollection, padding = 30): void {
    fitNow(this.cy, this.layers, nodes, padding);
  }

  zoomBy(factor: number): void {
    zoomBy(this.cy, factor);
  }

  /** Runs a layout; fcose runs in a Web Worker so the UI never freezes on it. */
  async layout(name: LayoutName, enginePositions: Map<string, { x: number; y: number }>): Promise<void> {
    this.materialise();
    await applyLayout(this.cy, name, enginePositions);
    this.fitNow();
  }

  /** A PNG of the current view (for screenshots and the evidence packet). */
  png(): string {
    this.materialise();
    return viewPng(this.cy, this.layers);
  }
}
