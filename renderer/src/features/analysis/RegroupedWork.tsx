// Renderer. The investigator's tags and notes left on clusters a re-analysis regrouped (their ids
// are gone, so no view shows them): each with where its accounts went, its notes on request, and
// "Carry over to" the current clusters that hold its accounts (undoable, Ctrl+Z).
import { useState } from 'react';
import type { RegroupedWork as Work } from '../../../../electron/shared/contract';
import { useToast } from '../../components/toast';
import { fmtInt } from '../../state/format';
import { NoteBody } from '../workflow/NotesEditor';
import { useCall, useQuery } from '../workflow/use-workflow';

function Notes({ clusterId }: { clusterId: string }) {
  const [notes] = useQuery('notes.list', { kind: 'cluster', id: clusterId }, clusterId);
  if (!notes) return <p className="muted">Reading the notes…</p>;
  return (
    <div className="an-rg-notes">
      {notes.map((n) => (
        <article key={n.id} className="wf-note">
          <NoteBody note={n} />
        </article>
      ))}
    </div>
  );
}

function where(w: Work): string {
  if (w.analysisId === null) return 'Where its accounts went was not recorded (regrouped by an earlier version).';
  const one = w.accounts === 1;
  const parts = [`${one ? 'Its account' : `Its ${fmtInt(w.accounts)} accounts`}`];
  const are = one ? 'is' : 'are';
  if (w.now.length === 0) parts.push(w.unclustered === w.accounts ? `${are} in no cluster now` : `${are} in clusters since regrouped again`);
  else parts.push(`${are} now in ${w.now.map((d) => `${d.clusterId} (${fmtInt(d.accounts)})`).join(', ')}${w.unclustered ? `, ${fmtInt(w.unclustered)} in no cluster` : ''}`);
  return `${parts.join(' ')} (analysis ${w.analysisId}).`;
}

function Item({ work }: { work: Work }) {
  const call = useCall();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const carry = async (to: string) => {
    const r = await call('clusters.carryOver', { from: work.clusterId, to });
    if (r) toast.show({ kind: 'success', text: `The tags and notes of ${work.clusterId} are now on ${to} (Ctrl+Z undoes).` });
  };
  return (
    <li className="an-rg-item" data-testid="regrouped-item">
      <div>
        <strong>{work.clusterId}</strong>
        {work.tags.length ? <span> · tags {work.tags.join(', ')}</span> : null}
        {work.notes ? (
          <span>
            {' '}
            · {work.notes === 1 ? 'a note' : `${fmtInt(work.notes)} notes`}{' '}
            <button className="ghost wf-link" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
              {open ? 'hide' : 'read'}
            </button>
          </span>
        ) : null}
      </div>
      <div className="muted">{where(work)}</div>
      {open ? <Notes clusterId={work.clusterId} /> : null}
      {work.now.length ? (
        <div className="row an-rg-actions">
          {work.now.map((d) => (
            <button key={d.clusterId} onClick={() => void carry(d.clusterId)} title={`Move the tags and notes of ${work.clusterId} onto ${d.clusterId}, which holds ${fmtInt(d.accounts)} of its accounts`}>
              Carry over to {d.clusterId}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
}

/** Nothing when no work is left on a regrouped cluster. */
export function RegroupedWork({ work }: { work: readonly Work[] }) {
  if (work.length === 0) return null;
  return (
    <section className="an-rg" data-testid="regrouped-work">
      <p className="an-rg-head">
        {work.length === 1 ? 'A cluster' : `${fmtInt(work.length)} clusters`} carrying your tags or notes {work.length === 1 ? 'was' : 'were'} regrouped by a later analysis: {work.length === 1 ? 'its id is' : 'their ids are'} gone, so the graph no longer shows that work. It is kept here until you carry it over.
      </p>
      <ul className="an-rg-list">
        {work.map((w) => (
          <Item key={w.clusterId} work={w} />
        ))}
      </ul>
    </section>
  );
}
