// Engine. Migration 5: the cluster overview computed once per state of the case and kept in it,
// so opening a case reads one row instead of recomputing the layout and the inter-cluster links
// (about a second of CPU at 100,000 accounts). `stamp` is graph/statements.ts dataStamp: the last
// analysis, the last import and the investigator's actions; a row whose stamp differs from the
// case's current one is stale and is replaced on the next read. `json` is the Overview as sent.
export const migration005 = {
  version: 5,
  name: 'graph-cache',
  sql: /* sql */ `
CREATE TABLE graph_overview_cache (
  max_nodes INTEGER PRIMARY KEY,
  stamp     TEXT NOT NULL,
  json      TEXT NOT NULL
) STRICT;
`,
};
