// Engine. Migration 4: per-account aggregates of the exchanges, maintained at import time so
// analysis reads one row per (account, value) instead of one per exchange.
//
// - agg_values: per (account, kind, key): how often, first/last seen, the lowest exchange id (the
//   example `explain` cites). kind: 0..9 the string columns linkage reads (key = strings.id),
//   10 the prompt template (key = SimHash or template fingerprint >> 12), 11 the generation
//   settings (key = packed temperature/top_p/max_tokens). See linkage/aggregates/kinds.ts.
//   Stored as one row per (account, kind, flush): `data` holds n keys, n counts, n first_ts, n
//   last_ts, n examples as little-endian float64 (a key occurs once per row; several rows of one
//   (account, kind), written by later imports, are merged when read). Reading 25 million pairs
//   row by row would cost more than the analysis may take; as arrays it is a copy.
// - agg_accounts: per account behaviour: exchanges, chain-of-thought prompts, tokens, first/last
//   timestamp and 24 hour-of-day bins (UTC).
// - agg_state: which exchanges the aggregates cover (max id and count). Analysis compares it with
//   the exchanges table and rebuilds the aggregates when they differ (cases imported before this
//   migration, rows written by other tools).
export const migration004 = {
  version: 4,
  name: 'aggregates',
  sql: /* sql */ `
CREATE TABLE agg_values (
  account  INTEGER NOT NULL,
  kind     INTEGER NOT NULL,
  seq      INTEGER NOT NULL,
  n        INTEGER NOT NULL,
  data     BLOB NOT NULL,
  PRIMARY KEY (account, kind, seq)
) STRICT, WITHOUT ROWID;

CREATE TABLE agg_accounts (
  account    INTEGER PRIMARY KEY,
  exchanges  INTEGER NOT NULL,
  cot        INTEGER NOT NULL,
  in_tokens  INTEGER NOT NULL,
  out_tokens INTEGER NOT NULL,
  first_ts   INTEGER,
  last_ts    INTEGER,
  ${Array.from({ length: 24 }, (_, h) => `h${h} INTEGER NOT NULL DEFAULT 0`).join(',\n  ')}
) STRICT;

CREATE TABLE agg_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  max_exchange_id INTEGER NOT NULL,
  exchanges       INTEGER NOT NULL,
  next_seq        INTEGER NOT NULL DEFAULT 1
) STRICT;
`,
};
