// Engine. Migration 1: the case itself, provenance of imports, accounts and exchanges.
// Never edit a migration once it has shipped; add a new numbered file instead.
//
// Storage choices (28.8 million exchanges must fit on a laptop):
// - repeated strings (IPs, user agents, models, API keys ...) are interned once in `strings`
//   and referenced by integer, so grouping in linkage compares integers, not text;
// - prompt text is kept only for a bounded sample per account (`prompt_samples`); every exchange
//   keeps its template fingerprint and SimHash signature (64-bit integers);
// - every row keeps its provenance: import id + line (or record index) in the source.
export const migration001 = {
  version: 1,
  name: 'case',
  sql: /* sql */ `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE strings (
  id    INTEGER PRIMARY KEY,
  value TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE imports (
  id            INTEGER PRIMARY KEY,
  file_name     TEXT NOT NULL,
  file_path     TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  size_bytes    INTEGER NOT NULL,
  format        TEXT NOT NULL,           -- jsonl | json-array | csv | tsv | bedrock | cloudtrail | litellm ...
  compression   TEXT NOT NULL,           -- none | gzip
  kind          TEXT NOT NULL CHECK (kind IN ('exchanges', 'accounts')),
  mapping_json  TEXT NOT NULL,           -- canonical field -> source column, as confirmed
  status        TEXT NOT NULL CHECK (status IN ('running', 'complete', 'cancelled', 'failed', 'interrupted')),
  rows          INTEGER NOT NULL DEFAULT 0,
  rejected      INTEGER NOT NULL DEFAULT 0,
  duplicates    INTEGER NOT NULL DEFAULT 0,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  seconds       REAL,
  app_version   TEXT NOT NULL,
  error         TEXT,
  -- rollback bookkeeping: rows an import added have ids from these on (one writer at a time)
  first_exchange_id INTEGER,
  first_account_id  INTEGER,
  first_string_id   INTEGER,
  -- who is running it: a 'running' row whose process is gone was interrupted (kill -9, crash)
  owner_pid     INTEGER,
  owner_host    TEXT,
  bytes_read    INTEGER NOT NULL DEFAULT 0,
  prompt_samples_per_account INTEGER
) STRICT;
CREATE INDEX imports_sha ON imports (sha256);

CREATE TABLE rejects (
  id         INTEGER PRIMARY KEY,
  import_id  INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  line       INTEGER NOT NULL,
  reason     TEXT NOT NULL,
  excerpt    TEXT NOT NULL
) STRICT;
CREATE INDEX rejects_import ON rejects (import_id, line);

-- One row per account. Rows first seen in exchanges (no accounts export) have import_id NULL
-- until an accounts export fills them in.
CREATE TABLE accounts (
  id                  INTEGER PRIMARY KEY,
  account_id          TEXT NOT NULL UNIQUE,
  created_at          INTEGER,            -- ms since epoch, UTC
  email               TEXT,
  email_norm          TEXT,               -- lower-cased, provider dot/+tag rules applied
  email_domain        TEXT,
  payment_fingerprint TEXT,
  card_bin            TEXT,
  card_country        TEXT,
  billing_country     TEXT,
  signup_ip           TEXT,               -- canonical
  signup_ip_prefix    TEXT,               -- /24 or /64
  device_id           TEXT,
  phone_hash          TEXT,
  org_id              TEXT,
  signup_channel      TEXT,
  extra_json          TEXT,               -- unknown columns, kept verbatim
  import_id           INTEGER REFERENCES imports (id),
  line                INTEGER
) STRICT;

-- One row per API request. *_s columns reference strings(id).
CREATE TABLE exchanges (
  id             INTEGER PRIMARY KEY,
  request_id     TEXT,
  ts             INTEGER NOT NULL,       -- ms since epoch, UTC
  account        INTEGER NOT NULL,       -- accounts(id)
  api_key_s      INTEGER,
  ip_s           INTEGER,                -- canonical IP
  ip_prefix_s    INTEGER,                -- /24 (v4) or /64 (v6)
  user_agent_s   INTEGER,
  ua_family_s    INTEGER,
  model_s        INTEGER,
  device_s       INTEGER,
  tls_s          INTEGER,                -- JA3/JA4 when present
  asn_s          INTEGER,
  country_s      INTEGER,
  endpoint_s     INTEGER,
  status_s       INTEGER,
  input_tokens   INTEGER,
  output_tokens  INTEGER,
  temperature    REAL,
  top_p          REAL,
  max_tokens     INTEGER,
  template       INTEGER,                -- 64-bit fingerprint of the masked prompt (signed; read with safeIntegers or split in SQL)
  simhash        INTEGER,                -- 64-bit SimHash of the masked prompt's 3-shingles (signed, as template)
  cot            INTEGER,                -- 1 when the prompt asks for step-by-step reasoning
  capability_s   INTEGER,                -- coarse capability the prompt targets (coding, agentic ...)
  prompt_chars   INTEGER,
  extra_json     TEXT,
  import_id      INTEGER NOT NULL,
  line           INTEGER NOT NULL
) STRICT;
-- Secondary indexes. A bulk import into an empty table drops and rebuilds them after the load
-- (electron/engine/ingest/indexes.ts keeps the same definitions). request_id is unique: the same
-- request imported twice (another export overlapping this one) is skipped and counted.
CREATE INDEX exchanges_account_ts ON exchanges (account, ts);
CREATE UNIQUE INDEX exchanges_request_id ON exchanges (request_id) WHERE request_id IS NOT NULL;

CREATE TABLE prompt_samples (
  exchange_id INTEGER PRIMARY KEY,       -- exchanges(id)
  account     INTEGER NOT NULL,
  prompt      TEXT NOT NULL
) STRICT;
CREATE INDEX prompt_samples_account ON prompt_samples (account);

CREATE TABLE mapping_presets (
  name         TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  created_at   TEXT NOT NULL
) STRICT;

-- Append-only, hash-chained log of imports, analyses, investigator actions and exports.
CREATE TABLE audit_log (
  seq        INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  action     TEXT NOT NULL,
  subject    TEXT,
  details    TEXT NOT NULL,              -- JSON
  prev_hash  TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
};
