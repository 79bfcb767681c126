// Renderer. Step 2: the detected format, kind and mapping with the file's first rows, in the file
// and as the mapping would store them (refreshed as it is edited); the investigator confirms or
// edits the mapping (or applies a preset, or saves one) before importing. Every value from the
// file is rendered as text.
import { useEffect, useState } from 'react';
import type { ImportPreview, MappingPreset } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { fmtBytes } from '../../state/format';
import { useJobs } from '../../state/jobs';
import { OTHER_FILES_LOOKED_AT, OtherFiles, useOtherFiles } from './other-files';
import { PreviewRows } from './preview-rows';

export interface ImportChoice {
  kind: 'exchanges' | 'accounts';
  mapping: Record<string, string>;
  promptSamplesPerAccount: number;
}

const DEFAULT_SAMPLES = 20;
/** records the engine reads for a preview (engine preview.ts SAMPLE) */
const SAMPLED_ROWS = 200;
/** ms after the last mapping edit before the stored rows are asked for again */
const EDIT_PAUSE_MS = 150;

export function MappingStep({
  paths,
  bytes,
  onStart,
  onBack,
  onError,
}: {
  paths: string[];
  /** the files' sizes in all */
  bytes: number;
  onStart: (c: ImportChoice) => void;
  onBack: () => void;
  onError: (m: string) => void;
}) {
  const api = useApi();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [kind, setKind] = useState<'exchanges' | 'accounts' | null>(null);
  const [presets, setPresets] = useState<MappingPreset[]>([]);
  const [presetName, setPresetName] = useState('');
  const [samples, setSamples] = useState(DEFAULT_SAMPLES);
  const [problem, setProblem] = useState<string | null>(null);
  // the first rows as stored with the mapping shown (null: the preview's, for its detected mapping)
  const [stored, setStored] = useState<ImportPreview['stored'] | null>(null);
  // one job at a time on a case: the import starts once the running one has finished
  const running = useJobs()[0];
  const first = paths[0] ?? '';

  useEffect(() => {
    let alive = true;
    setProblem(null);
    void api.call('import.preview', { path: first, ...(kind ? { kind } : {}) }).then((r) => {
      if (!alive) return;
      if (!r.ok) return setProblem(r.error.message);
      setPreview(r.value);
      setMapping(r.value.mapping);
      setStored(null);
      if (!kind) setKind(r.value.kind);
    });
    return () => {
      alive = false;
    };
  }, [api, first, kind]);

  // an edited mapping: the rows as it would store them, asked for once the edits pause (an answer
  // for an older mapping is dropped)
  useEffect(() => {
    if (!preview || !kind || sameMapping(mapping, preview.mapping)) {
      setStored(null);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      void api.call('import.preview', { path: first, kind, mapping, exactMapping: true }).then((r) => {
        if (alive && r.ok) setStored(r.value.stored);
      });
    }, EDIT_PAUSE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, first, kind, mapping, preview]);

  const others = useOtherFiles(paths.slice(1, 1 + OTHER_FILES_LOOKED_AT));

  const loadPresets = () => void api.call('import.presets.list', {}).then((r) => r.ok && setPresets(r.value));
  useEffect(loadPresets, [api]);

  if (problem) {
    return (
      <section className="card panel imp-step">
        <h2>This file cannot be imported</h2>
        <p className="imp-error" data-testid="import-problem">
          {problem}
        </p>
        <button onClick={onBack}>Choose other files</button>
      </section>
    );
  }
  if (!preview || !kind) return <div className="placeholder">Reading {first}…</div>;

  const missing = preview.required.filter((f) => !mapping[f]);
  const mappedCols = new Set(Object.values(mapping));
  const shownStored = stored ?? preview.stored;
  const laterRejects = preview.rejects.filter((r) => !shownStored.rejects.some((x) => x.line === r.line));
  const applyPreset = (name: string) => {
    const p = presets.find((x) => x.name === name);
    if (!p) return;
    if (p.kind !== kind) setKind(p.kind);
    setMapping(p.mapping);
  };
  const savePreset = async () => {
    const name = presetName.trim();
    if (!name) return;
    const r = await api.call('import.presets.save', { name, kind, mapping });
    if (!r.ok) return onError(r.error.message);
    setPresetName('');
    loadPresets();
  };

  return (
    <section className="card panel imp-step" data-testid="import-mapping">
      <div className="imp-facts">
        <h2>{paths.length > 1 ? `${paths.length} files` : preview.fileName}</h2>
        <span className="imp-chip">{preview.format}</span>
        {preview.compression !== 'none' ? <span className="imp-chip">{preview.compression}</span> : null}
        <span className="muted">{fmtBytes(paths.length > 1 ? bytes : preview.sizeBytes)}{paths.length > 1 ? ' in all' : ''}</span>
        <label className="muted">
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as 'exchanges' | 'accounts')} aria-label="Kind of rows">
            <option value="exchanges">exchanges (one row per API request)</option>
            <option value="accounts">accounts (one row per account)</option>
          </select>
        </label>
      </div>
      {paths.length > 1 ? <OtherFiles first={preview.fileName} others={others} notLookedAt={paths.length - 1 - others.asked} kind={kind} mapping={mapping} /> : null}
      {preview.alreadyImported ? (
        <p className="imp-warn">A file with this name and size was imported before (import #{preview.alreadyImported.importId}); if it is the same file (same SHA-256), nothing will be added.</p>
      ) : null}
      <div className="imp-grid">
        <div>
          <h3>Mapping</h3>
          <table className="imp-map">
            <tbody>
              {preview.fields.map((f) => (
                <tr key={f}>
                  <th>
                    {f}
                    {preview.required.includes(f) ? <span className="imp-req" title="required"> *</span> : null}
                  </th>
                  <td>
                    <select
                      aria-label={`Column for ${f}`}
                      value={mapping[f] ?? ''}
                      onChange={(e) => {
                        const next = { ...mapping };
                        for (const [k, v] of Object.entries(next)) if (v === e.target.value && k !== f) delete next[k];
                        if (e.target.value) next[f] = e.target.value;
                        else delete next[f];
                        setMapping(next);
                      }}
                    >
                      <option value="">(not mapped)</option>
                      {preview.columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                      {/* a column the vendor's records carry but the first rows lack (a trail's
                          model of Bedrock calls), or a preset's: shown, not silently replaced */}
                      {mapping[f] !== undefined && !preview.columns.includes(mapping[f]) ? (
                        <option value={mapping[f]}>{`${mapping[f]} (not in the first rows)`}</option>
                      ) : null}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">Columns not mapped are kept with each row (nothing you bring is lost).</p>
          <div className="imp-presets">
            <select aria-label="Apply a preset" value="" onChange={(e) => applyPreset(e.target.value)} disabled={presets.length === 0}>
              <option value="">{presets.length ? 'Apply a saved preset…' : 'No saved presets'}</option>
              {presets.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name} ({p.kind})
                </option>
              ))}
            </select>
            <input value={presetName} onChange={(e) => setPresetName(e.target.value)} placeholder="Preset name" maxLength={100} aria-label="Preset name" />
            <button onClick={() => void savePreset()} disabled={!presetName.trim()}>
              Save mapping as preset
            </button>
          </div>
          {kind === 'exchanges' ? (
            <label className="imp-samples">
              Full prompt text kept for at most{' '}
              <input type="number" min={0} max={100000} value={samples} onChange={(e) => setSamples(Math.max(0, Math.floor(Number(e.target.value) || 0)))} aria-label="Prompt samples per account" />{' '}
              exchanges per account. Every exchange keeps its template fingerprint and similarity signature; the rest of the prompt text is not stored.
            </label>
          ) : null}
        </div>
        <PreviewRows preview={preview} stored={shownStored} mappedCols={mappedCols}>
          {laterRejects.length ? (
            <p className="imp-warn">
              {laterRejects.length} more of the first {SAMPLED_ROWS} rows cannot be read (e.g. line {laterRejects[0]?.line}: {laterRejects[0]?.reason}); they will be listed as rejects.
            </p>
          ) : null}
        </PreviewRows>
      </div>
      <div className="imp-actions">
        <button onClick={onBack}>Back</button>
        <span className="spacer" />
        {missing.length ? <span className="imp-error">Map {missing.join(' and ')} to import.</span> : null}
        {!missing.length && running ? <span className="muted" data-testid="import-waits-for-job">{running.kind === 'analyze' ? 'The analysis' : running.kind === 'import' ? 'Another import' : 'A job'} is running (bottom left): import when it has finished.</span> : null}
        <button
          className="primary"
          disabled={missing.length > 0 || running !== undefined || others.checking}
          onClick={() => onStart({ kind, mapping, promptSamplesPerAccount: samples })}
        >
          Import {paths.length > 1 ? `${paths.length} files` : ''}
        </button>
      </div>
    </section>
  );
}

function sameMapping(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
