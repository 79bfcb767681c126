// Shared by every process. Limits that protect the UI and the engine from hostile or huge input.
export const LIMITS = {
  /** Longest string accepted in any request payload (search text, notes, names). */
  maxText: 100_000,
  /** Most items in any list payload (account ids, cluster ids). */
  maxList: 100_000,
  /** Most nodes the renderer is ever sent for one view. */
  maxViewNodes: 6_000,
  /** Clusters the overview shows unless asked otherwise (the analysis job stores this one). */
  overviewNodes: 2_000,
  maxViewEdges: 30_000,
  /** Bytes of a rejected line kept as its excerpt. */
  rejectExcerptBytes: 512,
  /** Recent cases remembered. */
  recentCases: 12,
} as const;
