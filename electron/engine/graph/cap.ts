// Engine (pure). Caps a view so the renderer never receives more than it can show: keeps the
// nodes with the strongest links (weighted degree), then the heaviest edges among them.

export interface CapEdge {
  a: number;
  b: number;
  weight: number;
}

export function capView<E extends CapEdge>(
  nodes: readonly number[],
  edges: readonly E[],
  maxNodes: number,
  maxEdges: number,
  mustKeep: ReadonlySet<number> = new Set(),
): { nodes: number[]; edges: E[] } {
  let keptNodes = [...nodes];
  if (keptNodes.length > maxNodes) {
    const strength = new Map<number, number>();
    for (const e of edges) {
      strength.set(e.a, (strength.get(e.a) ?? 0) + e.weight);
      strength.set(e.b, (strength.get(e.b) ?? 0) + e.weight);
    }
    keptNodes = keptNodes
      .map((n) => [n, mustKeep.has(n) ? Infinity : (strength.get(n) ?? 0)] as const)
      .sort((p, q) => q[1] - p[1] || p[0] - q[0])
      .slice(0, maxNodes)
      .map(([n]) => n);
  }
  const keep = new Set(keptNodes);
  let keptEdges = edges.filter((e) => keep.has(e.a) && keep.has(e.b));
  if (keptEdges.length > maxEdges) keptEdges = [...keptEdges].sort((p, q) => q.weight - p.weight || p.a - q.a || p.b - q.b).slice(0, maxEdges);
  return { nodes: keptNodes, edges: keptEdges };
}
