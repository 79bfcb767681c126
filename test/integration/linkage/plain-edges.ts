// The edges of a projection as plain arrays, for comparing two projections whole in tests.
import type { Edges } from '../../../electron/engine/linkage/project';

export const plainEdges = (e: Edges) => ({
  a: Array.from(e.a),
  b: Array.from(e.b),
  weight: Array.from(e.weight),
  hard: Array.from(e.hard),
  strong: Array.from(e.strong),
  sigStart: Array.from(e.sigStart),
  sigK: Array.from(e.sigK),
  sigW: Array.from(e.sigW),
  count: e.count,
  projected: e.projected,
});
