// Renderer. What a new user sees before there is anything to explore, and what to do next.
import { useState } from 'react';
import type { Overview } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';
import { useAnalysis } from '../analysis';
import { fmtInt } from './format';

export function EmptyState({ overview }: { overview: Overview }) {
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const analysis = useAnalysis();
  const analyse = async () => {
    setBusy(true);
    const r = await api.call('analysis.run', {});
    if (!r.ok) {
      setBusy(false);
      toast.show({ kind: 'error', text: r.error.message });
    }
  };
  return (
    <div className="gw-empty" data-testid="graph-empty">
      <div className="gw-empty-card panel">
        {overview.accounts === 0 ? (
          <>
            <h2>Nothing to investigate yet</h2>
            <ol>
              <li>
                <b>Import</b> your log exports (exchanges and, if you have them, accounts): use <b>Import</b> in the header, or press <kbd>Ctrl</kbd>+<kbd>I</kbd>. JSON Lines, CSV/TSV (gzip too), Bedrock and CloudTrail logs are read natively.
              </li>
              <li>
                <b>Analyse</b>: the workbench links accounts through shared values (cards, devices, IPs, prompt templates …) and ranks the clusters by how campaign-like they are.
              </li>
              <li>
                <b>Explore</b> here: the cluster overview first, then drill into a cluster, ask why two accounts are linked, follow paths.
              </li>
            </ol>
            <p className="muted">No data at hand? The demo case (start screen) has a generated campaign to practise on.</p>
          </>
        ) : !overview.analysed ? (
          <>
            <h2>Ready to analyse</h2>
            <p>
              {fmtInt(overview.accounts)} accounts and {fmtInt(overview.exchanges)} exchanges are imported. Run the analysis to link accounts and propose clusters.
            </p>
            <div className="row">
              <button className="primary" onClick={() => void analyse()} disabled={busy || analysis.running}>
                {busy || analysis.running ? 'Analysis running…' : 'Run the analysis'}
              </button>
              <button className="ghost" onClick={analysis.open}>
                Parameters…
              </button>
            </div>
          </>
        ) : (
          <>
            <h2>No linked accounts</h2>
            <p>The analysis found no accounts sharing values strongly enough to form a cluster. Import more data (accounts exports add payment and device signals) and analyse again, or with other parameters.</p>
            <button className="primary" onClick={analysis.open} disabled={analysis.running}>
              {analysis.running ? 'Analysis running…' : 'Analyse again…'}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
