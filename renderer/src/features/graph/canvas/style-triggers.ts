// Renderer. Makes cytoscape's first styling of new elements cheap. When cytoscape styles an element
// it checks, for every property it sets, whether that property changes the element's bounds or
// z-order, and if so dirties its caches and emits a 'bounds' event right then: about fifteen events
// per node, each walking the event machinery. Profiled on the 2,000-cluster overview and the
// 5,000-account drill-down: half of the first frame's style time. For an element styled for the
// first time nothing is cached yet, so the same work done once per element, after the batch, has
// the same effect. Elements styled before (a class toggled, a theme change) keep cytoscape's own
// per-property checks. Written against cytoscape 3.34's style internals; if they are not there,
// nothing is patched and cytoscape behaves as shipped.
import type cytoscape from 'cytoscape';

interface PropInfo {
  triggersZOrder?: (from: unknown, to: unknown, ele?: unknown) => boolean;
  triggersBounds?: (from: unknown, to: unknown, ele?: unknown) => boolean;
  triggersBoundsOfConnectedEdges?: (from: unknown, to: unknown, ele?: unknown) => boolean;
  triggersBoundsOfParallelEdges?: (from: unknown, to: unknown, ele?: unknown) => boolean;
}

interface Ele extends cytoscape.SingularElementReturnValue {
  _private: { appliedInitStyle?: boolean; styleCache?: unknown };
}

interface StyleInternals {
  properties: Record<string, PropInfo>;
  apply(eles: ArrayLike<Ele>): unknown;
  checkTriggers(ele: Ele, name: string, from: unknown, to: unknown): void;
  __lwCoalesced?: boolean;
}

const Z = 1;
const BOUNDS = 2;
const EDGES = 4;
const PARALLEL = 8;

/** Patches the style object cy uses now (call again after cy.style(...) replaces it). */
export function coalesceFirstStyling(cy: cytoscape.Core): boolean {
  const st = (cy as unknown as { style(): StyleInternals }).style();
  if (!st || st.__lwCoalesced) return !!st;
  if (typeof st.apply !== 'function' || typeof st.checkTriggers !== 'function' || typeof st.properties !== 'object') return false;
  const apply = st.apply;
  const check = st.checkTriggers;
  let pending: Map<Ele, number> | null = null;

  st.checkTriggers = function (ele, name, from, to) {
    if (!pending || ele._private.appliedInitStyle) return check.call(this, ele, name, from, to);
    ele._private.styleCache = null;
    const p = this.properties[name];
    let f = pending.get(ele) ?? 0;
    if (p) {
      if (p.triggersZOrder?.(from, to, ele)) f |= Z;
      if (p.triggersBounds?.(from, to, ele)) f |= BOUNDS;
      if (p.triggersBoundsOfConnectedEdges?.(from, to, ele)) f |= EDGES;
      if (p.triggersBoundsOfParallelEdges?.(from, to, ele)) f |= PARALLEL;
    }
    pending.set(ele, f);
  };

  st.apply = function (eles) {
    if (pending) return apply.call(this, eles);
    pending = new Map();
    try {
      return apply.call(this, eles);
    } finally {
      const done = pending;
      pending = null;
      flush(cy, done);
    }
  };
  st.__lwCoalesced = true;
  return true;
}

/** Once per element, what cytoscape's checkTriggers does per property. */
function flush(cy: cytoscape.Core, done: Map<Ele, number>): void {
  if (done.size === 0) return;
  const all: Ele[] = [];
  const bounds: Ele[] = [];
  const z: Ele[] = [];
  for (const [ele, f] of done) {
    if (ele.removed()) continue;
    all.push(ele);
    if (f & BOUNDS) bounds.push(ele);
    if (f & Z) z.push(ele);
    if (f & EDGES) ele.connectedEdges().forEach((e) => void (e as unknown as { dirtyBoundingBoxCache(): void }).dirtyBoundingBoxCache());
    if (f & PARALLEL && ele.isEdge()) ele.parallelEdges().forEach((e) => void (e as unknown as { dirtyBoundingBoxCache(): void }).dirtyBoundingBoxCache());
  }
  const coll = (list: Ele[]) => cy.collection(list as unknown as cytoscape.CollectionArgument) as unknown as {
    dirtyStyleCache(): void;
    dirtyCompoundBoundsCache(): void;
    dirtyBoundingBoxCache(): void;
  };
  coll(all).dirtyStyleCache();
  if (bounds.length > 0) {
    const b = coll(bounds);
    b.dirtyCompoundBoundsCache();
    b.dirtyBoundingBoxCache();
  }
  if (z.length > 0) (cy as unknown as { notify(event: string, eles: unknown): void }).notify('zorder', cy.collection(z as unknown as cytoscape.CollectionArgument));
}
