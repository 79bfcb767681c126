// Engine. Notes on the case, a cluster or an account: plain text or Markdown (rendered safely by
// whoever shows it). Every write is an undoable action.
import { EngineError } from '../../shared/result';
import type { Db } from '../db/connection';
import { runAction } from './actions';
import { change, readRow } from './changes';
import { requireClusters } from './membership';

export type NoteKind = 'case' | 'cluster' | 'account';
export interface Note {
  id: number;
  targetKind: NoteKind;
  targetId: string;
  format: 'text' | 'markdown';
  body: string;
  createdAt: string;
  updatedAt: string;
}

interface NoteRow {
  id: number;
  target_kind: NoteKind;
  target_id: string;
  format: 'text' | 'markdown';
  body: string;
  created_at: string;
  updated_at: string;
}

const toNote = (r: NoteRow): Note => ({
  id: r.id,
  targetKind: r.target_kind,
  targetId: r.target_id,
  format: r.format,
  body: r.body,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export function saveNote(db: Db, input: { id?: number; targetKind: NoteKind; targetId: string; format: 'text' | 'markdown'; body: string }) {
  const targetId = input.targetKind === 'case' ? '' : input.targetId;
  const subject = input.targetKind === 'case' ? 'case' : `${input.targetKind}:${targetId}`;
  return runAction(db, { kind: 'note.save', label: `${input.id ? 'Edit' : 'Add'} note on ${subject}`, subject, details: { noteId: input.id ?? null, chars: input.body.length } }, () => {
    const now = new Date().toISOString();
    let row: NoteRow;
    if (input.id !== undefined) {
      const old = readRow(db, 'notes', { id: input.id }) as NoteRow | null;
      if (!old) throw new EngineError('NOT_FOUND', `No note ${input.id}.`);
      row = { ...old, format: input.format, body: input.body, updated_at: now };
    } else {
      // a note already written on a cluster since regrouped stays editable; a new one needs the cluster
      if (input.targetKind === 'cluster') requireClusters(db, [targetId]);
      const id = ((db.prepare('SELECT max(id) AS m FROM notes').get() as { m: number | null }).m ?? 0) + 1;
      row = { id, target_kind: input.targetKind, target_id: targetId, format: input.format, body: input.body, created_at: now, updated_at: now };
    }
    return { changes: [change(db, 'notes', { id: row.id }, { ...row })], value: toNote(row) };
  });
}

export function deleteNote(db: Db, id: number) {
  return runAction(db, { kind: 'note.delete', label: `Delete note ${id}`, subject: `note:${id}` }, () => {
    const old = readRow(db, 'notes', { id });
    if (!old) throw new EngineError('NOT_FOUND', `No note ${id}.`);
    return { changes: [change(db, 'notes', { id }, null)], value: null };
  });
}

export function listNotes(db: Db, targetKind: NoteKind, targetId: string): Note[] {
  return (
    db.prepare('SELECT * FROM notes WHERE target_kind = ? AND target_id = ? ORDER BY created_at, id').all(targetKind, targetKind === 'case' ? '' : targetId) as NoteRow[]
  ).map(toNote);
}

export function notesFor(db: Db, targets: ReadonlyArray<{ kind: NoteKind; id: string }>): Note[] {
  const rows = db
    .prepare(
      "SELECT n.* FROM notes n JOIN json_each(?) j ON json_extract(j.value, '$[0]') = n.target_kind AND json_extract(j.value, '$[1]') = n.target_id ORDER BY n.target_kind, n.target_id, n.created_at, n.id",
    )
    .all(JSON.stringify(targets.map((t) => [t.kind, t.kind === 'case' ? '' : t.id]))) as NoteRow[];
  return rows.map(toNote);
}
