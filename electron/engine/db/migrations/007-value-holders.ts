// Engine. Migration 7: who holds each soft value, packed, so that the analysis no longer writes a
// row of account_values per (soft value, clustered account) (at the reported scale those rows
// and their index were most of the analysis's write). From this version an analysis stores:
// - account_values: the hard values (payment, device, API key, email, phone, org) of every holder;
// - account_value_sets (migration 6): the soft values of every account, clustered or not;
// - value_holders: the holders of the soft values held by two or more accounts, by blocks of 256
//   consecutive link_values ids (block b: ids 256b+1 .. 256b+256; a row per block holding any):
//   `data` = 257 offsets, then the holders (accounts.id), all little-endian int32; the holders of
//   id 256b+1+i are entries offsets[i] .. offsets[i+1] of the holder list. A row per block, not
//   per value: hundreds of thousands of prompt-template families are each held by two accounts.
//   See linkage/value-sets.ts and linkage/holdings.ts, which every reader goes through.
// link_values_signal keeps the signal only: nothing looks a value up by its text (search matches
// substrings), and the (signal, value) index cost the analysis a sort of every value's text.
// A case analysed before this version keeps its rows (soft values of clustered accounts as rows,
// no value_holders): the readers take rows and packed data together, so it reads as before until
// its next analysis rewrites everything.
export const migration007 = {
  version: 7,
  name: 'value-holders',
  sql: /* sql */ `
CREATE TABLE value_holders (
  block INTEGER PRIMARY KEY,
  data  BLOB NOT NULL
) STRICT;
DROP INDEX IF EXISTS link_values_signal;
CREATE INDEX link_values_signal ON link_values (signal);
`,
};
