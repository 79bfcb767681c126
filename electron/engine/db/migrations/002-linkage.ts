// Engine. Migration 2: the results of linkage analysis. One analysis's results replace the
// previous one's (values, edges, clusters), except the `analyses` history and cluster ids, which
// are carried over by member overlap so an investigator's tags stay attached.
//
// - link_values: every shared value (signal + text), its degree (accounts holding it), its weight
//   (strength x rarity) and whether it is a hub (infrastructure: kept, shown, never projected);
// - account_values: which account holds which value, how often, first/last seen and one example
//   exchange (provenance for `explain`); only values held by two or more accounts are kept;
// - edges: projected account-account links (a < b, accounts.id) with their per-signal weights;
// - clusters / cluster_members: the grouping, its score, features and reasons.
export const migration002 = {
  version: 2,
  name: 'linkage',
  sql: /* sql */ `
CREATE TABLE analyses (
  id              INTEGER PRIMARY KEY,
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  status          TEXT NOT NULL CHECK (status IN ('running', 'complete', 'failed', 'cancelled')),
  parameters_json TEXT NOT NULL,
  app_version     TEXT NOT NULL,
  stats_json      TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE link_values (
  id      INTEGER PRIMARY KEY,
  signal  TEXT NOT NULL,
  value   TEXT NOT NULL,
  degree  INTEGER NOT NULL,
  weight  REAL NOT NULL,
  hub     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX link_values_signal ON link_values (signal, value);

CREATE TABLE account_values (
  value_id         INTEGER NOT NULL,
  account          INTEGER NOT NULL,
  count            INTEGER NOT NULL,
  first_ts         INTEGER,
  last_ts          INTEGER,
  example_exchange INTEGER,
  PRIMARY KEY (value_id, account)
) STRICT, WITHOUT ROWID;
CREATE INDEX account_values_account ON account_values (account, value_id);

CREATE TABLE edges (
  a            INTEGER NOT NULL,
  b            INTEGER NOT NULL,
  weight       REAL NOT NULL,
  signals_json TEXT NOT NULL,
  strong       INTEGER NOT NULL,
  PRIMARY KEY (a, b)
) STRICT, WITHOUT ROWID;
CREATE INDEX edges_b ON edges (b, a);

CREATE TABLE clusters (
  id            TEXT PRIMARY KEY,
  analysis_id   INTEGER NOT NULL,
  size          INTEGER NOT NULL,
  score         REAL NOT NULL,
  flagged       INTEGER NOT NULL,
  features_json TEXT NOT NULL,
  reasons_json  TEXT NOT NULL,
  first_ts      INTEGER,
  last_ts       INTEGER,
  exchanges     INTEGER NOT NULL
) STRICT;
CREATE INDEX clusters_score ON clusters (score DESC);

CREATE TABLE cluster_members (
  account    INTEGER PRIMARY KEY,
  cluster_id TEXT NOT NULL
) STRICT;
CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id);
`,
};
