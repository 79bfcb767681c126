// Renderer. Notes on the case, a cluster or an account: list, add, edit, delete. A note is plain
// text (shown as text) or Markdown (shown through markdownToSafeHtml: formatting only, no links,
// images or HTML). Editing has a Write / Preview switch.
import { useState } from 'react';
import type { Note } from '../../../../electron/shared/contract';
import { fmtDateTime } from './format';
import { markdownToSafeHtml } from './safe-markdown';
import { useCall, useQuery } from './use-workflow';
import './workflow.css';

export function NoteBody({ note }: { note: Pick<Note, 'format' | 'body'> }) {
  if (note.format === 'markdown') {
    // the one sanctioned innerHTML: DOMPurify output with a formatting-only allow-list
    return <div className="wf-note-body wf-md" dangerouslySetInnerHTML={{ __html: markdownToSafeHtml(note.body) }} />;
  }
  return <div className="wf-note-body wf-plain">{note.body}</div>;
}

function NoteForm(props: { initial?: Note; onSave: (body: string, format: Note['format']) => Promise<boolean>; onCancel?: () => void; placeholder: string }) {
  const [body, setBody] = useState(props.initial?.body ?? '');
  const [format, setFormat] = useState<Note['format']>(props.initial?.format ?? 'markdown');
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!body.trim()) return;
    setBusy(true);
    const ok = await props.onSave(body, format);
    setBusy(false);
    if (ok && !props.initial) {
      setBody('');
      setTab('write');
    }
  };
  return (
    <div className="wf-note-form">
      <div className="row wf-tabs">
        <button className={tab === 'write' ? 'on' : ''} onClick={() => setTab('write')}>
          Write
        </button>
        <button className={tab === 'preview' ? 'on' : ''} onClick={() => setTab('preview')} disabled={!body.trim()}>
          Preview
        </button>
        <span className="spacer" />
        <label className="wf-small muted row" style={{ gap: 4 }}>
          <input type="checkbox" checked={format === 'markdown'} onChange={(e) => setFormat(e.target.checked ? 'markdown' : 'text')} />
          Markdown
        </label>
      </div>
      {tab === 'write' ? (
        <textarea
          aria-label="Note"
          rows={4}
          value={body}
          placeholder={props.placeholder}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              void save();
            }
          }}
        />
      ) : (
        <div className="wf-note-preview">
          <NoteBody note={{ body, format }} />
        </div>
      )}
      <div className="row">
        <span className="muted wf-small">{format === 'markdown' ? 'Markdown' : 'Plain text'} · Ctrl+Enter saves</span>
        <span className="spacer" />
        {props.onCancel ? <button onClick={props.onCancel}>Cancel</button> : null}
        <button className="primary" disabled={!body.trim() || busy} onClick={() => void save()}>
          {props.initial ? 'Save' : 'Add note'}
        </button>
      </div>
    </div>
  );
}

export function NotesEditor({ kind, id = '', title = 'Notes' }: { kind: 'case' | 'cluster' | 'account'; id?: string; title?: string }) {
  const call = useCall();
  const [notes] = useQuery('notes.list', { kind, id }, `${kind}:${id}`);
  const [editing, setEditing] = useState<number | null>(null);
  const save = async (body: string, format: Note['format'], noteId?: number) =>
    (await call('notes.save', { ...(noteId !== undefined ? { id: noteId } : {}), kind, targetId: id, format, body })) !== null;

  return (
    <section className="wf-section" data-testid={`notes-${kind}`}>
      <div className="wf-section-head">
        <span>{title}</span>
        {notes?.length ? <span className="muted">{notes.length}</span> : null}
      </div>
      {(notes ?? []).map((n) =>
        editing === n.id ? (
          <NoteForm
            key={n.id}
            initial={n}
            placeholder=""
            onCancel={() => setEditing(null)}
            onSave={async (body, format) => {
              const ok = await save(body, format, n.id);
              if (ok) setEditing(null);
              return ok;
            }}
          />
        ) : (
          <article key={n.id} className="wf-note" data-testid="note">
            <NoteBody note={n} />
            <div className="row wf-note-meta">
              <span className="muted wf-small" title={`created ${n.createdAt}`}>
                {n.updatedAt !== n.createdAt ? 'edited ' : ''}
                {fmtDateTime(n.updatedAt)}
              </span>
              <span className="spacer" />
              <button className="ghost wf-link" onClick={() => setEditing(n.id)}>
                Edit
              </button>
              <button className="ghost wf-link danger" onClick={() => void call('notes.delete', { id: n.id })}>
                Delete
              </button>
            </div>
          </article>
        ),
      )}
      {editing === null ? <NoteForm placeholder={kind === 'case' ? 'Case notes: scope, hypotheses, decisions…' : `A note on this ${kind}…`} onSave={(b, f) => save(b, f)} /> : null}
    </section>
  );
}
