// Renderer. The start screen: new case, open case, recent cases, open the demo case.
import { useEffect, useState, type FormEvent } from 'react';
import type { RecentCase } from '../../../../electron/shared/contract';
import { useApi } from '../../api/context';
import { useToast } from '../../components/toast';

export function StartScreen({ onDemo }: { onDemo: () => void }) {
  const api = useApi();
  const toast = useToast();
  const [name, setName] = useState('');
  const [openPath, setOpenPath] = useState('');
  const [recent, setRecent] = useState<RecentCase[]>([]);
  const [busy, setBusy] = useState(false);

  const loadRecent = () => void api.call('case.recent', {}).then((r) => r.ok && setRecent(r.value));
  useEffect(loadRecent, [api]);

  const report = (r: { ok: boolean; error?: { message: string } }) => {
    if (!r.ok && r.error) toast.show({ kind: 'error', text: r.error.message });
  };

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    let path: string | undefined;
    if (api.transport === 'ipc') {
      const chosen = await api.call('dialog.saveFile', {
        title: 'Create case file',
        defaultName: `${name.trim()}.lwcase.sqlite`,
        filters: [{ name: 'Linkwork case', extensions: ['sqlite'] }],
      });
      if (!chosen.ok || chosen.value === null) return setBusy(false);
      path = chosen.value;
    }
    report(await api.call('case.create', { name: name.trim(), ...(path ? { path } : {}) }));
    setBusy(false);
  };

  const open = async (path?: string) => {
    let target = path ?? openPath.trim();
    if (!target && api.transport === 'ipc') {
      const chosen = await api.call('dialog.openFiles', { title: 'Open case', filters: [{ name: 'Linkwork case', extensions: ['sqlite'] }], multiple: false });
      if (!chosen.ok || !chosen.value?.[0]) return;
      target = chosen.value[0];
    }
    if (!target) return;
    report(await api.call('case.open', { path: target }));
  };

  return (
    <div className="start">
      <div className="start-inner">
        <h1>Linkwork</h1>
        <p className="lede">
          Find distillation campaigns in API logs: import exports, let the workbench link accounts through what they share,
          explore the clusters it proposes, tag them, and export evidence that proves nothing was altered. Everything stays on
          this machine.
        </p>
        <section className="card panel">
          <h2>New case</h2>
          <form onSubmit={(e) => void create(e)}>
            <label htmlFor="case-name" className="muted">
              Case name
            </label>
            <input id="case-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Hydra cluster, May 2026" autoFocus maxLength={200} />
            <button className="primary" type="submit" disabled={busy || !name.trim()}>
              Create case
            </button>
          </form>
        </section>
        <section className="card panel">
          <h2>Open case</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void open();
            }}
          >
            {api.transport === 'web' ? (
              <>
                <label htmlFor="case-path" className="muted">
                  Path of a case file on this machine
                </label>
                <input id="case-path" className="mono" value={openPath} onChange={(e) => setOpenPath(e.target.value)} placeholder="/path/to/case.lwcase.sqlite" />
              </>
            ) : null}
            <button type="submit" disabled={api.transport === 'web' && !openPath.trim()}>
              {api.transport === 'ipc' ? 'Choose a case file…' : 'Open'}
            </button>
          </form>
          <h2 style={{ marginTop: 18 }}>Recent cases</h2>
          {recent.length === 0 ? (
            <p className="muted">No recent cases yet.</p>
          ) : (
            <ul className="recent-list" aria-label="Recent cases">
              {recent.map((r) => (
                <li key={r.path}>
                  <button className="open" disabled={!r.exists} onClick={() => void open(r.path)} title={r.exists ? r.path : 'File not found'}>
                    <div>{r.name}</div>
                    <div className="path">{r.exists ? r.path : `missing: ${r.path}`}</div>
                  </button>
                  <button
                    className="ghost"
                    aria-label={`Forget ${r.name}`}
                    title="Remove from this list (the file stays)"
                    onClick={() => void api.call('case.forgetRecent', { path: r.path }).then(loadRecent)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card panel demo-card">
          <div className="spacer">
            <h2>Demo case</h2>
            <div className="muted">
              Generated API traffic with planted campaigns and benign look-alikes (a university NAT, a corporate card, carrier
              CGNAT), imported and analysed: a real investigation in seconds.
            </div>
          </div>
          <button className="primary" onClick={onDemo}>
            Open demo case
          </button>
        </section>
      </div>
    </div>
  );
}
