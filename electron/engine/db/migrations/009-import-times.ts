// Engine. Migration 9: the span of times each import's rows cover (exchanges' ts, accounts'
// created_at; ms UTC), recorded with its provenance: an investigator checks an export's coverage
// ("six weeks of traffic") and spots a column of numbers taken for the time. Imports made before
// this version keep NULL (unknown): filling them would read every exchange once, at open.
export const migration009 = {
  version: 9,
  name: 'import-times',
  sql: /* sql */ `
ALTER TABLE imports ADD COLUMN first_ts INTEGER;
ALTER TABLE imports ADD COLUMN last_ts INTEGER;
`,
};
