// Engine. Tags on clusters and accounts: define (name, colour, description), rename, delete,
// and tag or untag many targets at once. Every write is an undoable action.
import { EngineError } from '../../shared/result';
import type { Db } from '../db/connection';
import { runAction } from './actions';
import { change, type Change } from './changes';
import { requireClusters } from './membership';

export type TargetKind = 'cluster' | 'account';

export interface TagInfo {
  id: number;
  name: string;
  color: string;
  description: string;
  clusters: number;
  accounts: number;
}

const DEFAULT_COLOURS = ['#d9534f', '#f0ad4e', '#5cb85c', '#5bc0de', '#428bca', '#9b59b6', '#7f8c8d', '#e67e22'];

export function normaliseColour(c: string | undefined, fallbackIndex: number): string {
  if (c && /^#[0-9a-fA-F]{6}$/.test(c)) return c.toLowerCase();
  if (c && /^#[0-9a-fA-F]{3}$/.test(c)) return `#${[...c.slice(1)].map((x) => x + x).join('')}`.toLowerCase();
  return DEFAULT_COLOURS[fallbackIndex % DEFAULT_COLOURS.length]!;
}

interface TagRow {
  id: number;
  name: string;
  color: string;
  description: string;
  created_at: string;
}

export function findTag(db: Db, name: string): TagRow | null {
  return (db.prepare('SELECT id, name, color, description, created_at FROM tags WHERE name = ? COLLATE NOCASE').get(name.trim()) as TagRow | undefined) ?? null;
}

// Undo is a stack: when an undo restores a deleted row, the table is exactly as it was right
// after the delete, so max + 1 never collides with a row that undo or redo brings back.
function nextTagId(db: Db): number {
  return ((db.prepare('SELECT max(id) AS m FROM tags').get() as { m: number | null }).m ?? 0) + 1;
}

function tagChange(db: Db, input: { name: string; color?: string; description?: string }): { tag: TagRow; change: Change | null } {
  const name = input.name.trim();
  if (!name) throw new EngineError('BAD_REQUEST', 'A tag needs a name.');
  const old = findTag(db, name);
  const count = (db.prepare('SELECT count(*) AS n FROM tags').get() as { n: number }).n;
  const tag: TagRow = old
    ? { ...old, color: input.color ? normaliseColour(input.color, count) : old.color, description: input.description ?? old.description }
    : { id: nextTagId(db), name, color: normaliseColour(input.color, count), description: input.description ?? '', created_at: new Date().toISOString() };
  return { tag, change: change(db, 'tags', { id: tag.id }, { ...tag }) };
}

export function saveTag(db: Db, input: { name: string; color?: string; description?: string; rename?: string }) {
  return runAction(db, { kind: 'tag.save', label: `Save tag ${input.rename ?? input.name}`, subject: `tag:${input.rename ?? input.name}`, details: { ...input } }, () => {
    if (input.rename !== undefined) {
      const old = findTag(db, input.name);
      if (!old) throw new EngineError('NOT_FOUND', `No tag named ${input.name}.`);
      const clash = findTag(db, input.rename);
      if (clash && clash.id !== old.id) throw new EngineError('CONFLICT', `A tag named ${input.rename} already exists.`);
      const next = { ...old, name: input.rename.trim(), color: input.color ? normaliseColour(input.color, 0) : old.color, description: input.description ?? old.description };
      return { changes: [change(db, 'tags', { id: old.id }, next)], value: next };
    }
    const { tag, change: c } = tagChange(db, input);
    return { changes: [c], value: tag };
  });
}

export function deleteTag(db: Db, name: string) {
  return runAction(db, { kind: 'tag.delete', label: `Delete tag ${name}`, subject: `tag:${name}` }, () => {
    const tag = findTag(db, name);
    if (!tag) throw new EngineError('NOT_FOUND', `No tag named ${name}.`);
    const links = db.prepare('SELECT tag_id, target_kind, target_id FROM tag_links WHERE tag_id = ? ORDER BY target_kind, target_id').all(tag.id) as Array<{
      tag_id: number;
      target_kind: string;
      target_id: string;
    }>;
    const changes = links.map((l) => change(db, 'tag_links', l, null));
    changes.push(change(db, 'tags', { id: tag.id }, null));
    return { changes, value: { removedFrom: links.length } };
  });
}

/** Tags (on = true) or untags many clusters or accounts at once; creates the tag if needed. */
export function setTagged(db: Db, input: { tag: string; kind: TargetKind; ids: readonly string[]; on: boolean; color?: string }) {
  const ids = [...new Set(input.ids)].sort();
  const label = `${input.on ? 'Tag' : 'Untag'} ${ids.length} ${input.kind}${ids.length === 1 ? '' : 's'} ${input.on ? 'with' : 'from'} ${input.tag}`;
  return runAction(db, { kind: input.on ? 'tag.add' : 'tag.remove', label, subject: `tag:${input.tag}`, details: { tag: input.tag, kind: input.kind, ids: ids.slice(0, 1000), count: ids.length } }, () => {
    // untagging an id no cluster holds any more is allowed: it tidies a tag up
    if (input.on && input.kind === 'cluster') requireClusters(db, ids);
    const changes: Array<Change | null> = [];
    let tag = findTag(db, input.tag);
    if (!tag) {
      if (!input.on) return { changes: [], value: { changed: 0 } };
      const made = tagChange(db, { name: input.tag, ...(input.color ? { color: input.color } : {}) });
      tag = made.tag;
      changes.push(made.change);
    }
    const now = new Date().toISOString();
    for (const id of ids) {
      const key = { tag_id: tag.id, target_kind: input.kind, target_id: id };
      if (input.on) {
        const exists = db.prepare('SELECT 1 FROM tag_links WHERE tag_id = @tag_id AND target_kind = @target_kind AND target_id = @target_id').get(key);
        if (!exists) changes.push(change(db, 'tag_links', key, { ...key, created_at: now }));
      } else changes.push(change(db, 'tag_links', key, null));
    }
    return { changes, value: { changed: changes.filter((c) => c && c.table === 'tag_links').length } };
  });
}

export function listTags(db: Db): TagInfo[] {
  return db
    .prepare(
      `SELECT t.id, t.name, t.color, t.description,
        (SELECT count(*) FROM tag_links l WHERE l.tag_id = t.id AND l.target_kind = 'cluster') AS clusters,
        (SELECT count(*) FROM tag_links l WHERE l.tag_id = t.id AND l.target_kind = 'account') AS accounts
       FROM tags t ORDER BY t.name COLLATE NOCASE`,
    )
    .all() as TagInfo[];
}

/** Tag names per target id (only targets that have tags appear). */
export function tagsOf(db: Db, kind: TargetKind, ids: readonly string[]): Record<string, string[]> {
  const rows = db
    .prepare(
      `SELECT l.target_id AS id, t.name AS name FROM tag_links l JOIN tags t ON t.id = l.tag_id
       JOIN json_each(?) j ON j.value = l.target_id WHERE l.target_kind = ? ORDER BY t.name COLLATE NOCASE`,
    )
    .all(JSON.stringify(ids), kind) as Array<{ id: string; name: string }>;
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.id] ??= []).push(r.name);
  return out;
}

export function targetsWithTag(db: Db, tag: string, kind: TargetKind): string[] {
  return (
    db
      .prepare('SELECT l.target_id AS id FROM tag_links l JOIN tags t ON t.id = l.tag_id WHERE t.name = ? COLLATE NOCASE AND l.target_kind = ? ORDER BY l.target_id')
      .all(tag.trim(), kind) as Array<{ id: string }>
  ).map((r) => r.id);
}
