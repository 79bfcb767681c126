// Renderer. The files chosen after the first, in the mapping step: each is looked at (its detected
// kind, format and columns), and one of the first file's kind that has every column of the mapping
// shown is imported with it; any other (accounts dropped with exchanges, another export's shape)
// with its own detected kind and mapping, said here, not read through a mapping made for another
// file (which stored exchanges as accounts).
import { useEffect, useState } from 'react';
import type { ImportPreview } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';

export interface OtherFile {
  path: string;
  name: string;
  /** null: it could not be looked at (the import says why) */
  preview: ImportPreview | null;
  problem: string | null;
}

/** Looks at each of `paths`, one after another; `checking` until all are looked at. */
export function useOtherFiles(paths: string[]): { files: OtherFile[]; checking: boolean } {
  const api = useApi();
  const [files, setFiles] = useState<OtherFile[]>([]);
  const key = paths.join('\n');
  useEffect(() => {
    let alive = true;
    setFiles([]);
    void (async () => {
      const out: OtherFile[] = [];
      for (const path of key ? key.split('\n') : []) {
        const r = await api.call('import.preview', { path });
        if (!alive) return;
        const name = path.split(/[\\/]/).pop() ?? path;
        out.push(r.ok ? { path, name, preview: r.value, problem: null } : { path, name, preview: null, problem: r.error.message });
        setFiles([...out]);
      }
    })();
    return () => {
      alive = false;
    };
  }, [api, key]);
  return { files, checking: files.length < paths.length };
}

/** Whether `f` is read through the mapping shown: the same kind, and every mapped column in it. */
export function fitsMapping(f: OtherFile, kind: string, mapping: Record<string, string>): boolean {
  if (!f.preview || f.preview.kind !== kind) return false;
  const columns = new Set(f.preview.columns);
  return Object.values(mapping).every((c) => columns.has(c));
}

export function OtherFiles({ first, others, kind, mapping }: { first: string; others: { files: OtherFile[]; checking: boolean }; kind: string; mapping: Record<string, string> }) {
  return (
    <div className="imp-other-files" data-testid="import-other-files">
      <p className="muted">The mapping below is {first}&apos;s. The other files:</p>
      <ul>
        {others.files.map((f) => (
          <li key={f.path}>
            <strong>{f.name}</strong>{' '}
            {f.preview === null ? (
              <span className="imp-error">cannot be read: {f.problem}</span>
            ) : fitsMapping(f, kind, mapping) ? (
              <span className="muted">
                {f.preview.kind} ({f.preview.format}): with this mapping
              </span>
            ) : (
              <span className={f.preview.missing.length ? 'imp-error' : 'imp-warn'}>
                {f.preview.kind} ({f.preview.format}): with its own detected mapping ({Object.entries(f.preview.mapping).map(([field, col]) => `${field}=${col}`).join(', ') || 'none'})
                {f.preview.missing.length ? `; no column maps to ${f.preview.missing.join(' and ')}: import it on its own to map one` : ''}
              </span>
            )}
          </li>
        ))}
        {others.checking ? <li className="muted">Looking at the other files…</li> : null}
      </ul>
    </div>
  );
}
