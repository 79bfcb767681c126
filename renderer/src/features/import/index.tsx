// Renderer. The import feature: pick files or folders (drop or dialog; a folder stands for its
// log files, listed by the engine) -> confirm the mapping on the first
// rows -> watch the progress (cancel any time) -> summary with rejects; below, every import of
// the case with its provenance. The shell mounts <ImportPanel /> for the open case.
import { useEffect, useState } from 'react';
import { ImportFileResultDto, type JobEvent } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';
import { FilePicker } from './file-picker';
import { ImportHistory } from './import-history';
import { ImportProgress } from './import-progress';
import { ImportSummary } from './import-summary';
import { MappingStep, type ImportChoice } from './mapping-step';
import { RejectsView } from './rejects-view';
import './import.css';

type Step =
  | { step: 'pick' }
  | { step: 'map'; paths: string[]; bytes: number }
  | { step: 'run'; jobId: string; files: number; last: JobEvent | null }
  | { step: 'done'; files: ImportFileResultDto[] };

const parseFiles = (result: unknown): ImportFileResultDto[] => {
  const files = (result as { files?: unknown } | null)?.files;
  const parsed = ImportFileResultDto.array().safeParse(files);
  return parsed.success ? parsed.data : [];
};

export function ImportPanel() {
  const api = useApi();
  const toast = useToast();
  const [state, setState] = useState<Step>({ step: 'pick' });
  const [rejectsOf, setRejectsOf] = useState<number | null>(null);
  const [refresh, setRefresh] = useState(0);
  const jobId = state.step === 'run' ? state.jobId : null;
  const files = state.step === 'run' ? state.files : 0;

  useEffect(() => {
    if (!jobId) return;
    return api.onEvent((e) => {
      if (e.type !== 'job' || e.jobId !== jobId) return;
      if (e.state === 'running') setState({ step: 'run', jobId, files, last: e });
      else {
        setRefresh((n) => n + 1);
        if (e.state === 'done') setState({ step: 'done', files: parseFiles(e.result) });
        else {
          if (e.state === 'failed') toast.show({ kind: 'error', text: `Import failed: ${e.error?.message ?? 'unknown error'}` });
          // the engine says what the cancel kept
          if (e.state === 'cancelled') toast.show({ kind: 'info', text: `Import: ${e.message ?? 'Cancelled.'}` });
          setState({ step: 'pick' });
        }
      }
    });
  }, [api, jobId, files, toast]);

  const start = async (paths: string[], c: ImportChoice) => {
    // the files after the first take the confirmed mapping where they fit it, else their own
    // (the rule the mapping step shows for the ones it looked at)
    const r = await api.call('import.start', { paths, kind: c.kind, mapping: c.mapping, exactMapping: true, promptSamplesPerAccount: c.promptSamplesPerAccount, fitOthers: true });
    if (!r.ok) return toast.show({ kind: 'error', text: r.error.message });
    setState({ step: 'run', jobId: r.value.jobId, files: paths.length, last: null });
  };
  const error = (text: string) => toast.show({ kind: 'error', text });
  // folders replaced by their log files
  const chosen = async (paths: string[]) => {
    const r = await api.call('import.files', { paths });
    if (!r.ok) return error(r.error.message);
    setState({ step: 'map', paths: r.value.files, bytes: r.value.bytes });
  };

  return (
    <div className="imp" data-testid="import-panel">
      <div className="imp-main">
        {state.step === 'pick' ? <FilePicker onPaths={(paths) => void chosen(paths)} onError={error} /> : null}
        {state.step === 'map' ? (
          <MappingStep paths={state.paths} bytes={state.bytes} onBack={() => setState({ step: 'pick' })} onError={error} onStart={(c) => void start(state.paths, c)} />
        ) : null}
        {state.step === 'run' ? (
          state.last ? <ImportProgress job={state.last} cancelNote={cancelNote(state.files)} /> : <div className="placeholder">Starting the import…</div>
        ) : null}
        {state.step === 'done' ? <ImportSummary files={state.files} onRejects={setRejectsOf} onMore={() => setState({ step: 'pick' })} /> : null}
        {rejectsOf !== null ? (
          <section className="card panel imp-step">
            <RejectsView importId={rejectsOf} onClose={() => setRejectsOf(null)} />
          </section>
        ) : null}
        <section className="card panel imp-step">
          <h2>Imports of this case</h2>
          <ImportHistory refreshKey={refresh} onRejects={setRejectsOf} />
        </section>
      </div>
    </div>
  );
}

/** What a cancel keeps: each file is an import of its own, rolled back whole if cancelled while
 * read; the files finished before it stay (importing them again adds nothing: same SHA-256). */
function cancelNote(files: number): string {
  return files > 1
    ? 'the file being read is rolled back; the files finished before it stay imported (importing them again skips them as imported before).'
    : 'the case is exactly as it was before this import.';
}
