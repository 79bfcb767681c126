// Renderer. Every tag of the case with how many clusters and accounts carry it: edit its name,
// colour and description, or delete it (undoable).
import { useState } from 'react';
import type { TagInfo } from '../../../../electron/shared/contract';
import { TagChip, TagEditor } from './TagPicker';
import { useCall, useQuery } from './use-workflow';
import './workflow.css';

export function TagManager() {
  const call = useCall();
  const [tags] = useQuery('tags.list', {}, 'all');
  const [editing, setEditing] = useState<TagInfo | null>(null);
  return (
    <section className="wf-section" data-testid="tag-manager">
      <div className="wf-section-head">
        <span>Tags</span>
        {tags?.length ? <span className="muted">{tags.length}</span> : null}
      </div>
      {tags && tags.length === 0 ? <p className="muted wf-small">No tags yet. Tag clusters and accounts from the Investigate tab.</p> : null}
      <ul className="wf-taglist">
        {(tags ?? []).map((t) => (
          <li key={t.id}>
            <TagChip tag={t} />
            <span className="muted wf-small">
              {t.clusters} cluster{t.clusters === 1 ? '' : 's'} · {t.accounts} account{t.accounts === 1 ? '' : 's'}
            </span>
            <span className="spacer" />
            <button className="ghost wf-link" onClick={() => setEditing(t)}>
              Edit
            </button>
            <button className="ghost wf-link danger" onClick={() => void call('tags.delete', { name: t.name })}>
              Delete
            </button>
            {t.description ? <div className="wf-tag-desc muted wf-small">{t.description}</div> : null}
          </li>
        ))}
      </ul>
      {editing ? (
        <TagEditor
          title={`Edit tag ${editing.name}`}
          initial={{ name: editing.name, color: editing.color, description: editing.description }}
          onClose={() => setEditing(null)}
          onSave={async (t) =>
            (await call('tags.save', { name: editing.name, color: t.color, description: t.description, ...(t.name !== editing.name ? { rename: t.name } : {}) })) !== null
          }
        />
      ) : null}
    </section>
  );
}
