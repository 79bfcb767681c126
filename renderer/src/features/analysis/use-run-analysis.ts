// Renderer. Starting an analysis: with the given parameters or, by default, those of the last
// analysis (an investigator who tuned them keeps them), the error shown as a toast.
import { useCallback } from 'react';
import { AnalysisParameters, type AnalysisParametersInput } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';

/** The recorded parameters this version still knows (a case analysed by another version may hold others). */
export function knownParameters(recorded: Record<string, unknown>): Partial<AnalysisParametersInput> {
  const known = new Set(Object.keys(AnalysisParameters.shape));
  return Object.fromEntries(Object.entries(recorded).filter(([k]) => known.has(k))) as Partial<AnalysisParametersInput>;
}

export function useRunAnalysis(): (parameters?: Partial<AnalysisParametersInput>) => Promise<boolean> {
  const api = useApi();
  const toast = useToast();
  return useCallback(
    async (parameters?: Partial<AnalysisParametersInput>) => {
      let p = parameters;
      if (!p) {
        const last = await api.call('analysis.status', {});
        p = last.ok && last.value ? knownParameters(last.value.parameters) : {};
      }
      const r = await api.call('analysis.run', { parameters: p });
      if (r.ok) toast.show({ text: 'Analysis started: its progress is at the bottom left. Tags and notes stay on clusters whose members barely change; any left on a regrouped cluster are listed under Analyse.' });
      else toast.show({ kind: 'error', text: r.error.message });
      return r.ok;
    },
    [api, toast],
  );
}
