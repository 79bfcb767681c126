// Renderer. The analysis of the open case as every part of the app sees it: its last run (re-read
// after every case change), whether imports came after it, and the dialog that runs it again,
// opened from the header, the empty graph, an import's summary or Ctrl+Shift+A.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AnalysisStatus } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useJobs } from '../../state/jobs';
import { useShortcut } from '../../state/shortcuts';
import { useCaseRevision } from '../workflow/use-workflow';
import { AnalysisDialog } from './AnalysisDialog';

interface AnalysisState {
  /** the last analysis; undefined until read, null when there is none */
  status: AnalysisStatus | null | undefined;
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
  const [status, setStatus] = useState<AnalysisStatus | null | undefined>(undefined);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (!caseOpen) {
      setStatus(undefined);
      setWanted(false);
      return;
    }
    let live = true;
    void api.call('analysis.status', {}).then((r) => live && setStatus(r.ok ? r.value : null));
    return () => {
      live = false;
    };
  }, [api, caseOpen, rev]);
  const running = jobs.some((j) => j.kind === 'analyze' || j.kind === 'demo');
  const other = jobs.find((j) => j.kind === 'import' || j.kind === 'export');
  const blockedBy = running || !other ? null : other.kind === 'import' ? 'An import is running' : 'An evidence export is running';
  const open = useCallback(() => setWanted(true), []);
  useShortcut('mod+shift+a', open, caseOpen);
  // the desktop menu's Analyse… (File menu, same shortcut)
  useEffect(() => api.onEvent((e) => e.type === 'menu' && e.command === 'analyse' && caseOpen && open()), [api, caseOpen, open]);
  const value = useMemo(() => ({ status, running, blockedBy, open }), [status, running, blockedBy, open]);
  return (
    <AnalysisContext.Provider value={value}>
      {children}
      {wanted && status !== undefined ? <AnalysisDialog status={status} running={running} blockedBy={blockedBy} onClose={() => setWanted(false)} /> : null}
    </AnalysisContext.Provider>
  );
}

export function useAnalysis(): AnalysisState {
  const ctx = useContext(AnalysisContext);
  if (!ctx) throw new Error('useAnalysis outside AnalysisProvider');
  return ctx;
}
