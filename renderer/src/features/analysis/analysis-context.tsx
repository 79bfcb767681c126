// Renderer. The analysis of the open case as every part of the app sees it: its last run (re-read
// after every case change), whether imports came after it, and the dialog that runs it again,
// opened from the header, the empty graph, an import's summary or Ctrl+Shift+A; an analysis queued
// behind a running import; and the tags and notes left on clusters an analysis regrouped,
// announced when the analysis that did it finishes.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AnalysisParametersInput, AnalysisStatus, JobEvent, RegroupedWork } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';
import { useJobs } from '../../state/jobs';
import { useShortcut } from '../../state/shortcuts';
import { useCaseRevision } from '../workflow/use-workflow';
import { AnalysisDialog } from './AnalysisDialog';
import { useRunAnalysis } from './use-run-analysis';

interface AnalysisState {
  /** the last analysis; undefined until read, null when there is none */
  status: AnalysisStatus | null | undefined;
  /** tags and notes on clusters a later analysis regrouped */
  regrouped: RegroupedWork[];
  running: boolean;
  /** another job runs on the case (one at a time): the analysis waits for it */
  blockedBy: string | null;
  /** an analysis to start when that job has finished (queue), with what it waits for */
  queued: { after: string } | null;
  queue: (parameters: Partial<AnalysisParametersInput>) => void;
  unqueue: () => void;
  /** opens the dialog (it waits for the status to be read) */
  open: () => void;
}

const AnalysisContext = createContext<AnalysisState | null>(null);

export function AnalysisProvider({ caseOpen, children }: { caseOpen: boolean; children: ReactNode }) {
  const api = useApi();
  const rev = useCaseRevision();
  const jobs = useJobs();
  const toast = useToast();
  const [status, setStatus] = useState<AnalysisStatus | null | undefined>(undefined);
  const [regrouped, setRegrouped] = useState<RegroupedWork[]>([]);
  const [wanted, setWanted] = useState(false);
  /** the analysis last seen: a different one later means one finished while the case was open */
  const seen = useRef<number | null | undefined>(undefined);
  useEffect(() => {
    if (!caseOpen) {
      setStatus(undefined);
      setRegrouped([]);
      setWanted(false);
      seen.current = undefined;
      return;
    }
    let live = true;
    void Promise.all([api.call('analysis.status', {}), api.call('clusters.regrouped', {})]).then(([s, g]) => {
      if (!live) return;
      const next = s.ok ? s.value : null;
      const work = g.ok ? g.value : [];
      setStatus(next);
      setRegrouped(work);
      const fresh = seen.current !== undefined && next !== null && next.id !== seen.current;
      seen.current = next?.id ?? null;
      const now = fresh ? work.filter((w) => w.analysisId === next.id).length : 0;
      if (now > 0)
        toast.show({
          text: `This analysis regrouped ${now === 1 ? 'a cluster' : `${now} clusters`} carrying your tags or notes. Analyse… (Ctrl+Shift+A) lists that work and where the accounts went.`,
          timeout: 12_000,
        });
    });
    return () => {
      live = false;
    };
  }, [api, caseOpen, rev, toast]);
  const running = jobs.some((j) => j.kind === 'analyze' || j.kind === 'demo');
  const other = jobs.find((j) => j.kind === 'import' || j.kind === 'export');
  const blockedBy = running || !other ? null : other.kind === 'import' ? 'An import is running' : 'An evidence export is running';
  const open = useCallback(() => setWanted(true), []);
  // One job runs at a time on a case: an analysis asked for while an import (or export) runs is
  // queued here and started when that job has finished; not when it failed or was cancelled (the
  // investigator decides again), nor once the case is closed.
  const run = useRunAnalysis();
  const [queued, setQueued] = useState<{ after: string; jobId: string; parameters: Partial<AnalysisParametersInput> } | null>(null);
  const queue = useCallback(
    (parameters: Partial<AnalysisParametersInput>) => {
      if (!other) return;
      setQueued({ after: other.kind === 'import' ? 'the import' : 'the evidence export', jobId: other.jobId, parameters });
      toast.show({ text: `The analysis will start when ${other.kind === 'import' ? 'the import' : 'the evidence export'} has finished.` });
    },
    [other, toast],
  );
  const unqueue = useCallback(() => setQueued(null), []);
  useEffect(() => {
    if (!caseOpen) setQueued(null);
  }, [caseOpen]);
  const queuedJob = queued?.jobId;
  useEffect(() => {
    if (!queued) return;
    let live = true;
    const ended = (state: JobEvent['state']) => {
      if (!live) return;
      live = false;
      setQueued(null);
      if (state === 'done') void run(queued.parameters);
      else toast.show({ kind: 'error', text: `The queued analysis did not start: ${queued.after} ${state === 'cancelled' ? 'was cancelled' : 'failed'}. Analyse… (Ctrl+Shift+A) to run it.` });
    };
    const off = api.onEvent((e) => {
      if (e.type === 'job' && e.jobId === queued.jobId && e.state !== 'running') ended(e.state);
    });
    // it ended before this listened (the job list no longer holds it): started now
    void api.call('job.list', {}).then((r) => {
      if (r.ok && !r.value.some((j) => j.jobId === queued.jobId)) ended('done');
    });
    return () => {
      live = false;
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one subscription per queued job
  }, [queuedJob]);
  useShortcut('mod+shift+a', open, caseOpen);
  // the desktop menu's Analyse… (File menu, same shortcut)
  useEffect(() => api.onEvent((e) => e.type === 'menu' && e.command === 'analyse' && caseOpen && open()), [api, caseOpen, open]);
  const queuedView = useMemo(() => (queued ? { after: queued.after } : null), [queued]);
  const value = useMemo(() => ({ status, regrouped, running, blockedBy, queued: queuedView, queue, unqueue, open }), [status, regrouped, running, blockedBy, queuedView, queue, unqueue, open]);
  return (
    <AnalysisContext.Provider value={value}>
      {children}
      {wanted && status !== undefined ? (
        <AnalysisDialog status={status} regrouped={regrouped} running={running} blockedBy={blockedBy} queued={queuedView} queue={queue} unqueue={unqueue} onClose={() => setWanted(false)} />
      ) : null}
    </AnalysisContext.Provider>
  );
}

export function useAnalysis(): AnalysisState {
  const ctx = useContext(AnalysisContext);
  if (!ctx) throw new Error('useAnalysis outside AnalysisProvider');
  return ctx;
}
