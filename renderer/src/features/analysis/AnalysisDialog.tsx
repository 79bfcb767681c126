// Renderer. The analysis dialog: what the last analysis was (when, how long, what it found), the
// imports it has not seen, the main parameters (prefilled with the last analysis's, defaults
// beside them, checked by the contract's schema before anything is sent) and Run; above them, the
// tags and notes left on clusters an analysis regrouped.
import { useMemo, useState } from 'react';
import { AnalysisParameters, type AnalysisParametersInput, type AnalysisStatus, type RegroupedWork as Work } from '../../../../electron/shared/contract';
import { Modal } from '../../components/modal';
import { fmtDuration, fmtInt, fmtTime } from '../../state/format';
import { MAIN_PARAMETERS } from './parameters';
import { RegroupedWork } from './RegroupedWork';
import './analysis.css';
import { knownParameters, useRunAnalysis } from './use-run-analysis';

const DEFAULTS = AnalysisParameters.parse({});

const stat = (s: AnalysisStatus, key: string): number => (typeof s.stats[key] === 'number' ? (s.stats[key] as number) : 0);

function took(s: AnalysisStatus): string | null {
  if (!s.finishedAt) return null;
  const ms = Date.parse(s.finishedAt) - Date.parse(s.startedAt);
  return Number.isFinite(ms) ? fmtDuration(Math.max(1, Math.round(ms / 1000))) : null;
}

export function AnalysisDialog({
  status,
  regrouped,
  running,
  blockedBy,
  queued,
  queue,
  unqueue,
  onClose,
}: {
  status: AnalysisStatus | null;
  regrouped: readonly Work[];
  running: boolean;
  blockedBy: string | null;
  /** an analysis already queued behind the running job */
  queued: { after: string } | null;
  queue: (parameters: Partial<AnalysisParametersInput>) => void;
  unqueue: () => void;
  onClose: () => void;
}) {
  const run = useRunAnalysis();
  const start = useMemo(() => ({ ...DEFAULTS, ...(status ? knownParameters(status.parameters) : {}) }) as Record<string, unknown>, [status]);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(MAIN_PARAMETERS.map((f) => [f.key, String(start[f.key])])));
  const [busy, setBusy] = useState(false);

  const parsed = useMemo(() => {
    const input: Record<string, unknown> = { ...start };
    for (const f of MAIN_PARAMETERS) input[f.key] = values[f.key]?.trim() === '' ? NaN : Number(values[f.key]);
    return AnalysisParameters.safeParse(input);
  }, [start, values]);
  const problems = new Map(parsed.success ? [] : parsed.error.issues.map((i) => [String(i.path[0]), i.message]));

  const submit = async () => {
    if (!parsed.success) return;
    if (blockedBy) {
      // another job runs: started when it has finished
      queue(parsed.data as Partial<AnalysisParametersInput>);
      onClose();
      return;
    }
    setBusy(true);
    if (await run(parsed.data as Partial<AnalysisParametersInput>)) onClose();
    else setBusy(false);
  };

  return (
    <Modal title="Analysis" onClose={onClose}>
      <div className="an-dialog" data-testid="analysis-dialog">
        {status ? (
          <p className="an-last">
            Last analysis {fmtTime(Date.parse(status.startedAt))}
            {took(status) ? ` (took ${took(status)})` : ''}: {fmtInt(stat(status, 'accounts'))} accounts, {fmtInt(stat(status, 'clusters'))} clusters, {fmtInt(stat(status, 'flagged'))} flagged ({fmtInt(stat(status, 'flaggedAccounts'))} accounts). Linkwork {status.appVersion}.
          </p>
        ) : (
          <p className="an-last">This case has not been analysed yet.</p>
        )}
        {status && status.importsSince > 0 ? (
          <p className="an-stale" data-testid="analysis-stale">
            {status.importsSince === 1 ? 'One import' : `${fmtInt(status.importsSince)} imports`} ({fmtInt(status.rowsSince)} rows) since then: the clusters do not include {status.importsSince === 1 ? 'it' : 'them'} yet.
          </p>
        ) : null}
        <RegroupedWork work={regrouped} />
        <form
          className="an-params"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {MAIN_PARAMETERS.map((f) => {
            const def = String(DEFAULTS[f.key]);
            const problem = problems.get(f.key);
            return (
              <label key={f.key} className="an-field" title={f.help}>
                <span className="an-label">{f.label}</span>
                <input
                  type="number"
                  step={f.step}
                  value={values[f.key] ?? ''}
                  aria-label={f.label}
                  aria-invalid={problem ? true : undefined}
                  onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                />
                <span className={`an-default muted${values[f.key] !== def ? ' changed' : ''}`}>default {def}</span>
                {problem ? <span className="an-problem">{problem}</span> : null}
              </label>
            );
          })}
          <p className="muted an-note">
            Other parameters keep their recorded values; every parameter is stored with the result. Tags, notes, verdicts, merges and splits stay attached: a cluster keeps its id when its members barely change; tags and notes on a cluster whose members changed more are listed here, to carry over.
          </p>
          {queued ? (
            <p className="muted an-note" data-testid="analysis-queued">
              An analysis starts when {queued.after} has finished.{' '}
              <button type="button" className="ghost" onClick={unqueue} data-testid="analysis-unqueue">
                Do not start it
              </button>
            </p>
          ) : blockedBy ? (
            <p className="muted an-note">{blockedBy} (bottom left): the analysis can start when it has finished.</p>
          ) : null}
          <div className="row">
            <button type="button" className="ghost" onClick={() => setValues(Object.fromEntries(MAIN_PARAMETERS.map((f) => [f.key, String(DEFAULTS[f.key])])))}>
              Reset to defaults
            </button>
            <span className="spacer" />
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className="primary"
              disabled={!parsed.success || busy || running}
              title={running ? 'An analysis is running: wait for it to finish.' : blockedBy ? `${blockedBy}: the analysis is queued and starts when it has finished.` : undefined}
            >
              {running ? 'Analysis running…' : busy ? 'Starting…' : blockedBy ? (queued ? 'Queue with these parameters' : 'Run when it has finished') : status ? 'Run the analysis again' : 'Run the analysis'}
            </button>
          </div>
        </form>
      </div>
    </Modal>
  );
}
