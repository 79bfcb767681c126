// Renderer. The files chosen after the first, in the mapping step: one of the first file's kind
// that has every column of the mapping shown is imported with it; any other (accounts dropped
// with exchanges, another export's shape) with its own detected kind and mapping, not read through
// a mapping made for another file (which stored exchanges as accounts). The engine applies that
// rule to each file as it reads it (import.start fitOthers); the first OTHER_FILES_LOOKED_AT are
// looked at here (detected kind, format and columns) to say which way each goes. A folder's
// thousands are not: the Import button would wait for thousands of looks, one after another.
import { useEffect, useState } from 'react';
import type { ImportPreview } from '../../../../electron/shared/contract';
import { fitsMapping as fitsFile } from '../../../../electron/shared/log-files';
import { useApi } from '../../api/context';

/** The other files looked at before an import, at most. */
export const OTHER_FILES_LOOKED_AT = 20;

export interface OtherFile {
  path: string;
  name: string;
  /** null: it could not be looked at (the import says why) */
  preview: ImportPreview | null;
  problem: string | null;
}

/** Looks at each of `paths`, one after another; `checking` until all are looked at. */
export function useOtherFiles(paths: string[]): { files: OtherFile[]; checking: boolean; asked: number } {
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
  return { files, checking: files.length < paths.length, asked: paths.length };
}

/** Whether `f` is read through the mapping shown: the same kind, and every mapped column in it. */
export function fitsMapping(f: OtherFile, kind: string, mapping: Record<string, string>): boolean {
  return f.preview !== null && fitsFile(f.preview, kind, mapping);
}

export function OtherFiles({
  first,
  others,
  notLookedAt,
  kind,
  mapping,
}: {
  first: string;
  others: { files: OtherFile[]; checking: boolean };
  /** the other files not looked at here */
  notLookedAt: number;
  kind: string;
  mapping: Record<string, string>;
}) {
  // the files read with this mapping on one line (a folder's are mostly alike), the others each
  const fitting = others.files.filter((f) => fitsMapping(f, kind, mapping));
  const shapes = [...new Set(fitting.map((f) => `${f.preview?.kind} (${f.preview?.format})`))].join(', ');
  return (
    <div className="imp-other-files" data-testid="import-other-files">
      <p className="muted">The mapping below is {first}&apos;s. The other files:</p>
      <ul>
        {fitting.length ? (
          <li data-testid="import-fitting-files">
            <strong>{fitting.length === 1 ? fitting[0]!.name : `${fitting.length} files`}</strong>{' '}
            <span className="muted">
              {shapes}: with this mapping
            </span>
          </li>
        ) : null}
        {others.files.filter((f) => !fitting.includes(f)).map((f) => (
          <li key={f.path}>
            <strong>{f.name}</strong>{' '}
            {f.preview === null ? (
              <span className="imp-error">cannot be read: {f.problem}</span>
            ) : (
              <span className={f.preview.missing.length ? 'imp-error' : 'imp-warn'}>
                {f.preview.kind} ({f.preview.format}): with its own detected mapping ({Object.entries(f.preview.mapping).map(([field, col]) => `${field}=${col}`).join(', ') || 'none'})
                {f.preview.missing.length ? `; no column maps to ${f.preview.missing.join(' and ')}: import it on its own to map one` : ''}
              </span>
            )}
          </li>
        ))}
        {others.checking ? <li className="muted">Looking at the other files…</li> : null}
        {notLookedAt > 0 ? (
          <li className="muted" data-testid="import-not-looked-at">
            and {notLookedAt.toLocaleString('en-US')} more, each read with this mapping where it has these columns, otherwise with its own detected mapping (the imports list gives each file's mapping)
          </li>
        ) : null}
      </ul>
    </div>
  );
}
