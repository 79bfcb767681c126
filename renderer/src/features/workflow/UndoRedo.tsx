// Renderer. Undo and redo of investigator actions (tags, notes, verdicts, merges, splits), from
// the buttons, Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y too) and the desktop menu. The engine keeps the
// history in the case, so it works after reopening it. Also the list of recent actions.
import { useCallback, useEffect, useRef } from 'react';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';
import { matches } from '../../state/shortcuts';
import { fmtDateTime } from './format';
import { useQuery } from './use-workflow';
import './workflow.css';

function isTextField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

function useUndoRedo() {
  const api = useApi();
  const toast = useToast();
  const [history, reload] = useQuery('workflow.history', {}, 'history');
  const busy = useRef(false);
  const step = useCallback(
    async (which: 'undo' | 'redo') => {
      if (busy.current) return;
      busy.current = true;
      try {
        const res = await api.call(which === 'undo' ? 'workflow.undo' : 'workflow.redo', {});
        if (!res.ok) {
          toast.show({ kind: 'error', text: res.error.message });
          return;
        }
        const r = res.value;
        if (r === null) {
          toast.show({ text: which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.', timeout: 2000 });
          return;
        }
        const stale = r.stale > 0 ? ` (${r.stale} row${r.stale === 1 ? '' : 's'} had changed since and were left as they are)` : '';
        toast.show({ kind: 'success', text: `${which === 'undo' ? 'Undone' : 'Redone'}: ${r.label}${stale}`, timeout: 3000 });
      } finally {
        busy.current = false;
        reload();
      }
    },
    [api, toast, reload],
  );
  return { history, step };
}

/** `bindKeys={false}` when another UndoRedo on screen already owns the shortcuts. */
export function UndoRedo({ bindKeys = true }: { bindKeys?: boolean }) {
  const api = useApi();
  const { history, step } = useUndoRedo();
  const stepRef = useRef(step);
  stepRef.current = step;
  // not useShortcut: inside a text field Ctrl+Z must stay the field's own text undo
  useEffect(() => {
    if (!bindKeys) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTextField(e.target)) return;
      const which = matches(e, 'mod+z') ? 'undo' : matches(e, 'mod+shift+z') || matches(e, 'mod+y') ? 'redo' : null;
      if (!which) return;
      e.preventDefault();
      void stepRef.current(which);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bindKeys]);
  useEffect(() => {
    if (!bindKeys) return;
    return api.onEvent((e) => {
      if (e.type !== 'menu' || (e.command !== 'undo' && e.command !== 'redo')) return;
      // the menu's accelerator while typing in a field means the field's own text undo
      if (isTextField(document.activeElement)) document.execCommand(e.command);
      else void stepRef.current(e.command);
    });
  }, [api, bindKeys]);
  const undo = history?.undo;
  const redo = history?.redo;
  return (
    <span className="wf-undo" role="group" aria-label="Undo and redo">
      <button className="ghost" aria-label="Undo" disabled={!undo} title={undo ? `Undo: ${undo.label} (Ctrl+Z)` : 'Nothing to undo'} onClick={() => void step('undo')}>
        ↶ Undo
      </button>
      <button className="ghost" aria-label="Redo" disabled={!redo} title={redo ? `Redo: ${redo.label} (Ctrl+Shift+Z)` : 'Nothing to redo'} onClick={() => void step('redo')}>
        ↷ Redo
      </button>
    </span>
  );
}

export function HistoryList({ limit = 20, bindKeys = true }: { limit?: number; bindKeys?: boolean }) {
  const [history] = useQuery('workflow.history', {}, 'history');
  const recent = (history?.recent ?? []).slice(0, limit);
  return (
    <section className="wf-section" data-testid="history">
      <div className="wf-section-head">
        <span>Recent actions</span>
        <span className="spacer" />
        <UndoRedo bindKeys={bindKeys} />
      </div>
      {recent.length === 0 ? <p className="muted wf-small">No investigator actions yet. Tags, notes, verdicts, merges and splits appear here.</p> : null}
      <ol className="wf-history">
        {recent.map((a) => (
          <li key={a.seq} className={a.undone ? 'undone' : ''} data-testid="history-item">
            <span className="wf-history-label">{a.label}</span>
            <span className="muted wf-small">
              {a.undone ? 'undone · ' : ''}
              {fmtDateTime(a.at)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
