// Renderer. Details of a shared value clicked in the "shared values" view: the value itself (shown
// as text, never markup: campaign operators wrote it), its signal and how many accounts hold it.
import { fmtInt } from '../format';

export function ValuePanel({ label, signal, size }: { label: string; signal: string; size: number }) {
  return (
    <div className="gw-detail" data-testid="value-panel">
      <div className="gw-detail-kind">Shared value</div>
      <h3 className="gw-detail-title mono gw-break">{label}</h3>
      <p>
        {signal.replace(/_/g, ' ')} · held by {fmtInt(size)} accounts in the case.
      </p>
    </div>
  );
}
