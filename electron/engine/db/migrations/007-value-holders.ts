// Engine. Migration 7: who holds each soft value, one packed row per value, so that the analysis
// no longer writes a row of account_values per (soft value, clustered account) (at the reported
// scale those rows and their index were most of the analysis's write). From this version an
// analysis stores:
// - account_values: the hard values (payment, device, API key, email, phone, org) of every holder;
// - account_value_sets (migration 6): the soft values of every account, clustered or not;
// - value_holders: per soft value held by two or more accounts (link_values.id), its `n` holders
//   as `data` = n accounts.id, little-endian int32 (4 bytes a holder). See linkage/holdings.ts,
//   which every reader goes through.
// A case analysed before this version keeps its rows (soft values of clustered accounts as rows,
// no value_holders): the readers take rows and packed data together, so it reads as before until
// its next analysis rewrites everything.
export const migration007 = {
  version: 7,
  name: 'value-holders',
  sql: /* sql */ `
CREATE TABLE value_holders (
  value_id INTEGER PRIMARY KEY,
  n        INTEGER NOT NULL,
  data     BLOB NOT NULL
) STRICT;
`,
};
