// Engine. Migration 8: the aggregates' totals kept in agg_state, so that an analysis sizes its
// tables without summing every agg_values row first (a scan of the whole table, 0.17-0.21 s at the
// reported scale and 10-22 ms at a million exchanges, before the template family search starts).
// value_keys is the sum of n over agg_values, template_keys over the prompt-template kind (10:
// aggregates/kinds.ts TEMPLATE_KIND when this was written). The import's aggregate flush adds to
// them; a case aggregated before this version gets them summed here, once.
export const migration008 = {
  version: 8,
  name: 'aggregate-totals',
  sql: /* sql */ `
ALTER TABLE agg_state ADD COLUMN value_keys INTEGER;
ALTER TABLE agg_state ADD COLUMN template_keys INTEGER;
UPDATE agg_state SET
  value_keys = (SELECT coalesce(sum(n), 0) FROM agg_values),
  template_keys = (SELECT coalesce(sum(n), 0) FROM agg_values WHERE kind = 10);
`,
};
