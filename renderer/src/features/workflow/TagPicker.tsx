// Renderer. Tags on one or many clusters or accounts: the tags they carry (with colour), remove
// one, apply an existing tag or a new one to all of them at once (bulk tagging of a selection or a
// filtered list), and create a tag with a name, colour and description. Tag names are text only.
import { useMemo, useState } from 'react';
import type { TagInfo } from '../../../../electron/shared/contract';
import { Modal } from '../../components/modal';
import { useToast } from '../../components/toast';
import { useCall, useQuery } from './use-workflow';
import './workflow.css';

export const TAG_COLOURS = ['#d9381e', '#e67e22', '#f0a020', '#2e7d32', '#0f9d8a', '#2563eb', '#7c3aed', '#c2185b', '#5c6570'];

export function TagChip({ tag, count, onRemove }: { tag: { name: string; color: string }; count?: string; onRemove?: () => void }) {
  return (
    <span className="wf-chip" data-testid="tag-chip" title={tag.name}>
      <span className="wf-dot" style={{ background: safeColour(tag.color) }} />
      <span className="wf-chip-name">{tag.name}</span>
      {count ? <span className="wf-chip-count">{count}</span> : null}
      {onRemove ? (
        <button className="wf-chip-x" aria-label={`Remove tag ${tag.name}`} title="Remove" onClick={onRemove}>
          ×
        </button>
      ) : null}
    </span>
  );
}

/** Only #rgb / #rrggbb reach a style (the contract enforces it; this keeps the renderer honest). */
export function safeColour(c: string): string {
  return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(c) ? c : '#5c6570';
}

export function TagPicker({ kind, ids, label = 'Tags' }: { kind: 'cluster' | 'account'; ids: string[]; label?: string }) {
  const call = useCall();
  const toast = useToast();
  const key = `${kind}:${ids.join('\u0000')}`;
  const [tags] = useQuery('tags.list', {}, 'all');
  const [of] = useQuery('tags.of', ids.length ? { kind, ids } : null, key);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [creating, setCreating] = useState<string | null>(null);

  const byName = useMemo(() => new Map((tags ?? []).map((t) => [t.name, t])), [tags]);
  // how many of the targets carry each tag
  const carried = useMemo(() => {
    const m = new Map<string, number>();
    for (const names of Object.values(of ?? {})) for (const n of names) m.set(n, (m.get(n) ?? 0) + 1);
    return [...m.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  }, [of]);
  const suggestions = (tags ?? []).filter((t) => t.name.toLowerCase().includes(text.trim().toLowerCase()) && carried.find(([n, c]) => n === t.name && c === ids.length) === undefined).slice(0, 8);
  const plural = ids.length === 1 ? '' : `${ids.length} ${kind}s`;

  const apply = async (tag: string, on: boolean, color?: string) => {
    const r = await call('tags.apply', { tag, kind, ids, on, ...(color ? { color } : {}) });
    if (r) {
      setText('');
      setOpen(false);
      if (ids.length > 1) toast.show({ kind: 'success', text: `${on ? 'Tagged' : 'Untagged'} ${r.changed} ${kind}${r.changed === 1 ? '' : 's'} ${on ? 'with' : 'from'} ${tag}.` });
    }
  };
  const submit = () => {
    const name = text.trim();
    if (!name) return;
    if (byName.has(name)) void apply(name, true);
    else setCreating(name);
  };

  if (ids.length === 0) return null;
  return (
    <section className="wf-section" data-testid={`tag-picker-${kind}`}>
      <div className="wf-section-head">
        <span>{label}</span>
        {plural ? <span className="muted">on {plural}</span> : null}
        <span className="spacer" />
        <button className="ghost wf-link" onClick={() => setCreating('')}>
          New tag…
        </button>
      </div>
      <div className="wf-chips">
        {carried.length === 0 ? <span className="muted wf-small">No tags yet.</span> : null}
        {carried.map(([name, count]) => (
          <TagChip
            key={name}
            tag={byName.get(name) ?? { name, color: '#5c6570' }}
            {...(ids.length > 1 ? { count: `${count}/${ids.length}` } : {})}
            onRemove={() => void apply(name, false)}
          />
        ))}
      </div>
      <div className="wf-combo">
        <input
          aria-label={`Add a tag to ${plural || `this ${kind}`}`}
          placeholder={ids.length > 1 ? `Tag all ${ids.length}…` : 'Add a tag…'}
          value={text}
          maxLength={80}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              submit();
            } else if (e.key === 'Escape') setOpen(false);
          }}
        />
        {open && (suggestions.length > 0 || text.trim()) ? (
          <div className="wf-menu panel" role="listbox">
            {suggestions.map((t) => (
              <button key={t.id} role="option" aria-selected={false} className="wf-menu-item" onMouseDown={(e) => e.preventDefault()} onClick={() => void apply(t.name, true)}>
                <span className="wf-dot" style={{ background: safeColour(t.color) }} />
                <span className="wf-chip-name">{t.name}</span>
                <span className="spacer" />
                <span className="muted wf-small">
                  {t.clusters}c · {t.accounts}a
                </span>
              </button>
            ))}
            {text.trim() && !byName.has(text.trim()) ? (
              <button className="wf-menu-item" onMouseDown={(e) => e.preventDefault()} onClick={() => setCreating(text.trim())}>
                Create tag “{text.trim()}”…
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      {creating !== null ? (
        <TagEditor
          initial={{ name: creating, color: TAG_COLOURS[(tags?.length ?? 0) % TAG_COLOURS.length]!, description: '' }}
          title={ids.length > 1 ? `New tag for ${ids.length} ${kind}s` : 'New tag'}
          onClose={() => setCreating(null)}
          onSave={async (t) => {
            // a description needs tags.save first; otherwise tags.apply creates the tag (one undo step)
            if (t.description.trim()) {
              const saved = await call('tags.save', { name: t.name, color: t.color, description: t.description.trim() });
              if (saved === null) return false;
            }
            await apply(t.name, true, t.color);
            return true;
          }}
        />
      ) : null}
    </section>
  );
}

/** Name, colour and description of a tag (new or edited). */
export function TagEditor(props: {
  title: string;
  initial: { name: string; color: string; description: string };
  onSave: (t: { name: string; color: string; description: string }) => Promise<boolean>;
  onClose: () => void;
}) {
  const [t, setT] = useState(props.initial);
  const [busy, setBusy] = useState(false);
  const valid = t.name.trim().length > 0;
  return (
    <Modal title={props.title} onClose={props.onClose}>
      <form
        className="wf-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!valid) return;
          setBusy(true);
          const ok = await props.onSave({ ...t, name: t.name.trim() });
          setBusy(false);
          if (ok) props.onClose();
        }}
      >
        <label>
          Name
          <input autoFocus value={t.name} maxLength={80} onChange={(e) => setT({ ...t, name: e.target.value })} aria-label="Tag name" />
        </label>
        <div className="wf-label">Colour</div>
        <div className="row wf-swatches" role="radiogroup" aria-label="Tag colour">
          {TAG_COLOURS.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={t.color === c}
              aria-label={c}
              className={`wf-swatch${t.color === c ? ' on' : ''}`}
              style={{ background: c }}
              onClick={() => setT({ ...t, color: c })}
            />
          ))}
          <input type="color" aria-label="Custom colour" value={t.color.length === 7 ? t.color : '#5c6570'} onChange={(e) => setT({ ...t, color: e.target.value })} />
        </div>
        <label>
          Description
          <textarea rows={3} value={t.description} maxLength={2000} placeholder="What this tag means, when to use it" onChange={(e) => setT({ ...t, description: e.target.value })} aria-label="Tag description" />
        </label>
        <div className="row">
          <span className="spacer" />
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
          <button className="primary" type="submit" disabled={!valid || busy}>
            Save tag
          </button>
        </div>
      </form>
    </Modal>
  );
}

export type { TagInfo };
