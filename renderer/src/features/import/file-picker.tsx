// Renderer. Step 1 of an import: choose files or folders by drag-and-drop, the native dialogs
// (desktop), a browser file input (browser mode uploads files) or a path typed in. Gives back
// engine paths (a folder's: ImportPanel asks the engine for its log files).
import { useRef, useState, type DragEvent } from 'react';
import { useApi } from '../../api/context';
import { fmtBytes } from '../../state/format';
import { LOG_EXTENSIONS } from '../../../../electron/shared/log-files';

const FILTERS = [
  { name: 'Log exports', extensions: [...LOG_EXTENSIONS, 'gz'] },
  { name: 'All files', extensions: ['*'] },
];

export function FilePicker({ onPaths, onError }: { onPaths: (paths: string[]) => void; onError: (message: string) => void }) {
  const api = useApi();
  const [over, setOver] = useState(false);
  const [upload, setUpload] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const fromFiles = async (files: File[]) => {
    const paths: string[] = [];
    for (const f of files) {
      setUpload({ name: f.name, sent: 0, total: f.size });
      const r = await api.fileToPath(f, (sent, total) => setUpload({ name: f.name, sent, total }));
      if (!r.ok) {
        setUpload(null);
        return onError(`${f.name}: ${r.error.message}`);
      }
      paths.push(r.value);
    }
    setUpload(null);
    if (paths.length) onPaths(paths);
  };

  const choose = async (folders = false) => {
    if (api.transport === 'ipc') {
      const r = await api.call('dialog.openFiles', { title: folders ? 'Import every log file in folders' : 'Import log exports', filters: FILTERS, multiple: true, folders });
      if (r.ok && r.value?.length) onPaths(r.value);
      else if (!r.ok) onError(r.error.message);
      return;
    }
    input.current?.click();
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    // a folder has a path on the desktop; a browser cannot upload one
    const folder = [...e.dataTransfer.items].some((i) => i.webkitGetAsEntry?.()?.isDirectory);
    if (folder && api.transport !== 'ipc') return onError('A browser cannot upload a folder: type its path below (every log file in it is imported).');
    if (files.length) void fromFiles(files);
  };

  return (
    <div className="imp-picker">
      <div
        className={`imp-drop${over ? ' over' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <div className="imp-drop-title">Drop log exports here</div>
        <div className="muted">
          JSON Lines, JSON, CSV or TSV, optionally gzip-compressed; AWS Bedrock and CloudTrail logs, LiteLLM spend logs, OpenAI and Anthropic audit logs. A folder imports every log file below it (a CloudTrail trail as delivered).
        </div>
        <div className="imp-choose">
          <button className="primary" onClick={() => void choose()} disabled={upload !== null}>
            Choose files…
          </button>
          {api.transport === 'ipc' ? (
            <button onClick={() => void choose(true)} disabled={upload !== null}>
              Choose a folder…
            </button>
          ) : null}
        </div>
        <input ref={input} type="file" multiple hidden data-testid="import-file-input" onChange={(e) => void fromFiles([...(e.target.files ?? [])])} />
        {upload ? (
          <div className="muted" role="status">
            Uploading {upload.name}: {fmtBytes(upload.sent)} of {fmtBytes(upload.total)}
          </div>
        ) : null}
      </div>
      {api.transport === 'web' ? (
        <form
          className="imp-path"
          onSubmit={(e) => {
            e.preventDefault();
            const paths = typed.split('\n').map((s) => s.trim()).filter(Boolean);
            if (paths.length) onPaths(paths);
          }}
        >
          <label htmlFor="imp-path" className="muted">
            …or the path of a file or folder on this machine (one per line; large files import without an upload)
          </label>
          <textarea id="imp-path" className="mono" rows={2} value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="/data/exports/exchanges.jsonl.gz" />
          <button type="submit" disabled={!typed.trim()}>
            Use these paths
          </button>
        </form>
      ) : null}
    </div>
  );
}
