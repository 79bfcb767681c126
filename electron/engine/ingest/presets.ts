// Engine. Mapping presets: a confirmed mapping saved under a name in the case, reused for the next
// export of the same shape.
import type { Db } from '../db/connection';
import type { ImportKind } from './fields';
import type { Mapping } from './mapping';

export interface Preset {
  name: string;
  kind: ImportKind;
  mapping: Mapping;
  createdAt: string;
}

interface Row {
  name: string;
  kind: ImportKind;
  mapping_json: string;
  created_at: string;
}

const toPreset = (r: Row): Preset => ({ name: r.name, kind: r.kind, mapping: JSON.parse(r.mapping_json) as Mapping, createdAt: r.created_at });

export function listPresets(db: Db): Preset[] {
  return (db.prepare('SELECT name, kind, mapping_json, created_at FROM mapping_presets ORDER BY name').all() as Row[]).map(toPreset);
}

export function loadPreset(db: Db, name: string): Preset | null {
  const r = db.prepare('SELECT name, kind, mapping_json, created_at FROM mapping_presets WHERE name = ?').get(name) as Row | undefined;
  return r ? toPreset(r) : null;
}

export function savePreset(db: Db, p: { name: string; kind: ImportKind; mapping: Mapping }): Preset {
  const createdAt = new Date().toISOString();
  db.prepare(
    'INSERT INTO mapping_presets (name, kind, mapping_json, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, mapping_json = excluded.mapping_json, created_at = excluded.created_at',
  ).run(p.name, p.kind, JSON.stringify(p.mapping), createdAt);
  return { ...p, createdAt };
}

export function deletePreset(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM mapping_presets WHERE name = ?').run(name).changes > 0;
}
