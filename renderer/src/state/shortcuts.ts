// Renderer. Keyboard shortcuts: `useShortcut('mod+k', fn)`. "mod" is Ctrl (Cmd on macOS). Ignored
// while typing in a field unless the shortcut uses a modifier.
import { useEffect, useRef } from 'react';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

export function matches(e: KeyboardEvent, combo: string): boolean {
  const parts = combo.toLowerCase().split('+');
  const key = parts.pop()!;
  const want = { mod: parts.includes('mod'), shift: parts.includes('shift'), alt: parts.includes('alt') };
  const mod = isMac ? e.metaKey : e.ctrlKey;
  return mod === want.mod && e.shiftKey === want.shift && e.altKey === want.alt && e.key.toLowerCase() === key;
}

export function useShortcut(combo: string, handler: (e: KeyboardEvent) => void, enabled = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      if (typing && !combo.includes('mod')) return;
      if (matches(e, combo)) {
        e.preventDefault();
        ref.current(e);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [combo, enabled]);
}

export const SHORTCUTS: Array<[string, string]> = [
  ['?', 'Show keyboard shortcuts'],
  ['mod+shift+l', 'Toggle light / dark theme'],
  ['mod+i', 'Import files'],
  ['mod+shift+a', 'Analyse: run the analysis (again), with its main parameters'],
  ['mod+z / mod+shift+z', 'Undo / redo'],
  ['Esc', 'Close a dialog, clear the selection'],
];
