// Renderer. The top bar of an open case: its name and size, the feature navigation, the analysis,
// close.
import type { CaseSummary } from '../../../../electron/shared/contract';
import { fmtInt } from '../../state/format';
import { AnalysisButton } from '../analysis';

export type CaseView = 'investigate' | 'import' | 'evidence' | 'audit';
export const CASE_VIEWS: Array<[CaseView, string]> = [
  ['investigate', 'Investigate'],
  ['import', 'Import'],
  ['evidence', 'Evidence'],
  ['audit', 'Audit log'],
];

export function CaseHeader(props: { summary: CaseSummary; view: CaseView; onView: (v: CaseView) => void; onClose: () => void }) {
  const { summary } = props;
  return (
    <>
      <span className="case-name" title={summary.path} data-testid="case-name">
        {summary.name}
      </span>
      <span className="case-stats">
        {fmtInt(summary.accounts)} accounts · {fmtInt(summary.exchanges)} exchanges · {summary.imports} imports
      </span>
      <nav className="nav" aria-label="Case">
        {CASE_VIEWS.map(([v, label]) => (
          <button key={v} aria-current={props.view === v ? 'page' : undefined} onClick={() => props.onView(v)}>
            {label}
          </button>
        ))}
      </nav>
      <span className="spacer" />
      <AnalysisButton />
      <button onClick={props.onClose} title="Close this case">
        Close case
      </button>
    </>
  );
}
