// Engine. Migration 6: the shared values of accounts that are in no cluster, one packed row per
// account, so `explain` answers for any two accounts without a row per (value, account) for the
// whole background population (at the reported scale that write cost more than the analysis may
// take). account_values keeps the hard values of every holder and all values of clustered
// accounts (what the graph, search and evidence read); this table holds the rest.
//
// - account_value_sets: per account (accounts.id): `n` values held by two or more accounts, as
//   `data` = n first_ts then n last_ts as little-endian float64 (NaN: none), then n value ids
//   (link_values.id), n counts and n example exchange ids (-1: none) as little-endian
//   int32 (28 bytes a value).
//   See linkage/value-sets.ts. Replaced by each analysis like account_values.
export const migration006 = {
  version: 6,
  name: 'account-value-sets',
  sql: /* sql */ `
CREATE TABLE account_value_sets (
  account INTEGER PRIMARY KEY,
  n       INTEGER NOT NULL,
  data    BLOB NOT NULL
) STRICT;
`,
};
