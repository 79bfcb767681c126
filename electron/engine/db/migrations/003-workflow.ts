// Engine. Migration 3: the investigator's work on a case. Everything here is keyed by stable
// ids (account_id text, cluster id text), never by analysis row ids, so it survives re-analysis
// and new imports.
//
// - tags / tag_links: named, coloured labels on clusters and accounts;
// - notes: plain-text or Markdown notes on the case, a cluster or an account;
// - account_verdicts: confirmed_member / false_positive / needs_review; linkage reads it (a false
//   positive is never pulled back into a cluster);
// - cluster_overrides: manual merges and splits as durable operations keyed by account ids,
//   replayed after every analysis by workflow/overrides.ts `applyManualOverrides(db)`;
// - actions: the command log behind undo/redo (each row holds the before and after state of
//   every row it touched); undone = 1 rows form the redo stack. Persisted, so undo works after
//   reopening the case.
export const migration003 = {
  version: 3,
  name: 'workflow',
  sql: /* sql */ `
CREATE TABLE tags (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  color       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE tag_links (
  tag_id      INTEGER NOT NULL REFERENCES tags (id),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('cluster', 'account')),
  target_id   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (tag_id, target_kind, target_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX tag_links_target ON tag_links (target_kind, target_id);

CREATE TABLE notes (
  id          INTEGER PRIMARY KEY,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('case', 'cluster', 'account')),
  target_id   TEXT NOT NULL,              -- '' for the case
  format      TEXT NOT NULL CHECK (format IN ('text', 'markdown')),
  body        TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX notes_target ON notes (target_kind, target_id);

CREATE TABLE account_verdicts (
  account_id  TEXT PRIMARY KEY,
  verdict     TEXT NOT NULL CHECK (verdict IN ('confirmed_member', 'false_positive', 'needs_review')),
  cluster_id  TEXT,                        -- the cluster the verdict was given in, if any
  updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE cluster_overrides (
  id          INTEGER PRIMARY KEY,
  op          TEXT NOT NULL CHECK (op IN ('merge', 'split')),
  target      TEXT NOT NULL,               -- the cluster id the operation produces
  accounts    TEXT NOT NULL,               -- JSON array of account_id: the accounts it gathers
  sources     TEXT NOT NULL,               -- JSON array of the cluster ids it was made from
  created_at  TEXT NOT NULL,
  active      INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE actions (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  kind        TEXT NOT NULL,
  label       TEXT NOT NULL,
  changes     TEXT NOT NULL,               -- JSON: [{table, key, before, after}]
  undone      INTEGER NOT NULL DEFAULT 0
) STRICT;
`,
};
