// Engine. Field mapping: which source column feeds which canonical field, and which kind of rows
// a file holds. Detected from the columns, then confirmed or overridden by the investigator.
// Pure.
import { columnKey, FIELDS, KIND_EVIDENCE, REQUIRED, SYNONYMS, type ImportKind } from './fields';

/** canonical field -> source column (as spelled in the file) */
export type Mapping = Record<string, string>;

function synonymIndex(field: string): Map<string, number> {
  const m = new Map<string, number>();
  (SYNONYMS[field] ?? [field]).forEach((s, i) => {
    const k = columnKey(s);
    if (!m.has(k)) m.set(k, i);
  });
  return m;
}

/** Each field's best column: the column matching its highest-priority synonym; a column feeds one field. */
export function detectMapping(columns: readonly string[], kind: ImportKind): Mapping {
  const keys = columns.map(columnKey);
  const used = new Set<string>();
  const mapping: Mapping = {};
  for (const field of FIELDS[kind]) {
    const idx = synonymIndex(field);
    let best: { col: string; rank: number } | null = null;
    keys.forEach((k, i) => {
      const rank = idx.get(k);
      const col = columns[i];
      if (rank === undefined || col === undefined || used.has(col)) return;
      if (!best || rank < best.rank) best = { col, rank };
    });
    const chosen = best as { col: string; rank: number } | null;
    if (chosen) {
      mapping[field] = chosen.col;
      used.add(chosen.col);
    }
  }
  return mapping;
}

/** Which kind the columns look like; exchanges when unsure (the common export). */
export function detectKind(columns: readonly string[]): ImportKind {
  const score = (kind: ImportKind) => {
    const m = detectMapping(columns, kind);
    return KIND_EVIDENCE[kind].filter((f) => m[f] !== undefined).length;
  };
  return score('accounts') > score('exchanges') ? 'accounts' : 'exchanges';
}

/** Applies overrides (`--map FIELD=COLUMN`; an empty column unmaps the field) and validates. */
export function applyOverrides(detected: Mapping, overrides: Mapping, kind: ImportKind): Mapping {
  const out: Mapping = { ...detected };
  for (const [field, col] of Object.entries(overrides)) {
    if (!FIELDS[kind].includes(field)) {
      throw new Error(`"${field}" is not a field of ${kind}. Fields: ${FIELDS[kind].join(', ')}.`);
    }
    // a column moved to another field stops feeding the old one
    for (const [f, c] of Object.entries(out)) if (c === col && f !== field) delete out[f];
    if (col === '') delete out[field];
    else out[field] = col;
  }
  return out;
}

/** Required fields the mapping does not cover (the import cannot run without them). */
export function missingRequired(mapping: Mapping, kind: ImportKind): string[] {
  return REQUIRED[kind].filter((f) => !mapping[f]);
}

/** Parses repeated `FIELD=COLUMN` options. */
export function parseMapOptions(items: readonly string[]): Mapping {
  const out: Mapping = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new Error(`--map expects FIELD=COLUMN, got "${item}".`);
    out[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return out;
}
