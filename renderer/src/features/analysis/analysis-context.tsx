// Renderer. The analysis of the open case as every part of the app sees it: its last run (re-read
// after every case change), whether imports came after it, and the dialog that runs it again,
// opened from the header, the empty graph, an import's summary or Ctrl+Shift+A; and the tags and
// notes left on clusters an analysis regrouped, announced when the analysis that did it finishes.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AnalysisStatus, RegroupedWork } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';
import { useJobs } from '../../state/jobs';
import { useShortcut } from '../../state/shortcuts';
import { useCaseRevision } from '../workflow/use-workflow';
import { AnalysisDialog } from './AnalysisDialog';

interface AnalysisState {
  /** the last analysis; undefined until read, null when there is none */
  status: AnalysisStatus | null | undefined;
  /** tags and notes on clusters a later analysis regrouped */
  regrouped: RegroupedWork[];
  running: boolean;
  /** another job runs on the case (one at a time): the analysis waits for it */
  blockedBy: string | null;
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
  useShortcut('mod+shift+a', open, caseOpen);
  // the desktop menu's Analyse… (File menu, same shortcut)
  useEffect(() => api.onEvent((e) => e.type === 'menu' && e.command === 'analyse' && caseOpen && open()), [api, caseOpen, open]);
  const value = useMemo(() => ({ status, regrouped, running, blockedBy, open }), [status, regrouped, running, blockedBy, open]);
  return (
    <AnalysisContext.Provider value={value}>
      {children}
      {wanted && status !== undefined ? <AnalysisDialog status={status} regrouped={regrouped} running={running} blockedBy={blockedBy} onClose={() => setWanted(false)} /> : null}
    </AnalysisContext.Provider>
  );
}

export function useAnalysis(): AnalysisState {
  const ctx = useContext(AnalysisContext);
  if (!ctx) throw new Error('useAnalysis outside AnalysisProvider');
  return ctx;
}
