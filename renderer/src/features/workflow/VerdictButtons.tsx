// Renderer. The investigator's verdict on one or many accounts: confirmed member, false positive
// (leaves its cluster and is never pulled back in by later analysis) or needs review. Clicking
// the current verdict again clears it.
import type { Verdict } from '../../../../electron/shared/contract';
import { useCall, useQuery } from './use-workflow';
import './workflow.css';

export const VERDICTS: Array<{ value: Verdict; label: string; hint: string }> = [
  { value: 'confirmed_member', label: 'Confirmed member', hint: 'The account belongs to the campaign.' },
  { value: 'false_positive', label: 'False positive', hint: 'Not part of it: leaves the cluster and stays out after re-analysis.' },
  { value: 'needs_review', label: 'Needs review', hint: 'Undecided: flag it for a second look.' },
];
export const verdictLabel = (v: Verdict): string => VERDICTS.find((x) => x.value === v)?.label ?? v;

export function VerdictButtons({ accountIds, clusterId }: { accountIds: string[]; clusterId?: string }) {
  const call = useCall();
  const [of] = useQuery('verdicts.of', accountIds.length ? { accountIds } : null, accountIds.join('\u0000'));
  if (accountIds.length === 0) return null;
  const counts = new Map<Verdict, number>();
  for (const v of Object.values(of ?? {})) counts.set(v, (counts.get(v) ?? 0) + 1);
  const all = (v: Verdict) => (counts.get(v) ?? 0) === accountIds.length;
  const set = (v: Verdict | null) => void call('verdicts.set', { accountIds, verdict: v, ...(clusterId ? { clusterId } : {}) });
  const many = accountIds.length > 1;
  return (
    <section className="wf-section" data-testid="verdicts">
      <div className="wf-section-head">
        <span>Verdict</span>
        {many ? <span className="muted">on {accountIds.length} accounts</span> : null}
      </div>
      <div className="wf-verdicts" role="group" aria-label="Verdict">
        {VERDICTS.map((v) => (
          <button
            key={v.value}
            className={`wf-verdict ${v.value}${all(v.value) ? ' on' : ''}`}
            aria-pressed={all(v.value)}
            title={v.hint}
            onClick={() => set(all(v.value) ? null : v.value)}
          >
            {v.label}
            {many && counts.get(v.value) ? <span className="wf-chip-count">{counts.get(v.value)}</span> : null}
          </button>
        ))}
      </div>
      {counts.size > 0 && many ? (
        <button className="ghost wf-link" onClick={() => set(null)}>
          Clear verdicts
        </button>
      ) : null}
    </section>
  );
}
