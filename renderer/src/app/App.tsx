// Renderer. The app frame: start screen when no case is open, otherwise the case header and the
// current feature. Owns the theme, the shortcut help and the reaction to engine events.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '../../../electron/shared/contract';
import { useApi } from '../api/context';
import { JobTray } from '../components/job-tray';
import { Modal } from '../components/modal';
import { useToast } from '../components/toast';
import { CaseHeader, type CaseView } from '../features/cases/case-header';
import { StartScreen } from '../features/cases/start-screen';
import { AuditView } from '../features/workflow/audit-view';
import { AnalysisProvider } from '../features/analysis';
import { EvidencePanel } from '../features/evidence';
import { GRAPH_SHORTCUTS, GraphWorkbench } from '../features/graph';
import { ImportPanel } from '../features/import';
import { SHORTCUTS, useShortcut } from '../state/shortcuts';
import { useTheme } from '../state/theme';

export function App() {
  const api = useApi();
  const toast = useToast();
  const [summary, setSummary] = useState<CaseSummary | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [view, setView] = useState<CaseView>('investigate');
  const [help, setHelp] = useState(false);
  const [theme, toggleTheme] = useTheme();

  const refresh = useCallback(async () => {
    const r = await api.call('case.current', {});
    if (r.ok) setSummary(r.value);
    setLoaded(true);
  }, [api]);

  useEffect(() => {
    void refresh();
    return api.onEvent((e) => {
      if (e.type === 'case') void refresh();
      if (e.type === 'engine' && e.state !== 'ready') toast.show({ kind: 'error', text: e.message });
      if (e.type === 'job' && e.state === 'failed') toast.show({ kind: 'error', text: `${e.kind} failed: ${e.error?.message ?? 'unknown error'}` });
      if (e.type === 'job' && e.state === 'cancelled') toast.show({ text: e.message ?? 'Cancelled.' });
      if (e.type === 'menu') void onMenuRef.current(e.command);
    });
  }, [api, refresh, toast]);

  // Desktop menu commands; undo, redo and search are handled by the features that own them.
  const onMenu = async (command: string) => {
    if (command === 'theme') toggleTheme();
    else if (command === 'shortcuts') setHelp(true);
    else if (command === 'import') setView('import');
    else if (command === 'case.close') await closeCase();
    else if (command === 'case.open') {
      const chosen = await api.call('dialog.openFiles', { title: 'Open case', filters: [{ name: 'Linkwork case', extensions: ['sqlite'] }], multiple: false });
      const path = chosen.ok ? chosen.value?.[0] : undefined;
      if (path) report(await api.call('case.open', { path }));
    } else if (command === 'case.new') {
      const chosen = await api.call('dialog.saveFile', { title: 'Create case file', defaultName: 'New case.lwcase.sqlite', filters: [{ name: 'Linkwork case', extensions: ['sqlite'] }] });
      if (chosen.ok && chosen.value) {
        const name = chosen.value.split(/[\\/]/).pop()!.replace(/\.(lwcase\.)?sqlite$/i, '') || 'Case';
        report(await api.call('case.create', { name, path: chosen.value }));
      }
    }
  };
  const report = (r: { ok: boolean; error?: { message: string } }) => {
    if (!r.ok && r.error) toast.show({ kind: 'error', text: r.error.message });
  };
  const onMenuRef = useRef(onMenu);
  onMenuRef.current = onMenu;

  useShortcut('shift+?', () => setHelp(true));
  useShortcut('mod+shift+l', toggleTheme);
  useShortcut('mod+i', () => summary && setView('import'), summary !== null);

  const openDemo = async () => {
    const r = await api.call('case.openDemo', {});
    if (!r.ok) toast.show({ kind: 'error', text: r.error.message });
  };
  const closeCase = async () => {
    const r = await api.call('case.close', {});
    if (!r.ok) toast.show({ kind: 'error', text: r.error.message });
  };

  return (
    <AnalysisProvider caseOpen={summary !== null}>
      <div className="app">
        <header className="topbar">
          <div className="brand">
            <img src="./favicon.svg" alt="" />
            Linkwork
          </div>
          {summary ? <CaseHeader summary={summary} view={view} onView={setView} onClose={() => void closeCase()} /> : <span className="spacer" />}
          <button className="ghost" onClick={toggleTheme} title="Toggle theme (Ctrl+Shift+L)" aria-label="Toggle theme">
            {theme === 'dark' ? '☀' : '☾'}
          </button>
          <button className="ghost" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
            ?
          </button>
        </header>
        <main className="main">
          {!loaded ? null : summary === null ? (
            <StartScreen onDemo={() => void openDemo()} />
          ) : view === 'investigate' ? (
            <GraphWorkbench key={summary.caseId} />
          ) : view === 'import' ? (
            <ImportPanel key={summary.caseId} />
          ) : view === 'evidence' ? (
            <EvidencePanel key={summary.caseId} />
          ) : (
            <AuditView key={summary.caseId} />
          )}
        </main>
        <JobTray />
        {help ? (
          <Modal title="Keyboard shortcuts" onClose={() => setHelp(false)}>
            {([['Everywhere', SHORTCUTS], ['Graph workbench', GRAPH_SHORTCUTS]] as const).map(([group, list]) => (
              <table key={group} className="shortcuts-table">
                <caption>{group}</caption>
                <tbody>
                  {list.map(([k, what]) => (
                    <tr key={k}>
                      <td>
                        <kbd>{k.replace(/mod/g, 'Ctrl')}</kbd>
                      </td>
                      <td>{what}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </Modal>
        ) : null}
      </div>
    </AnalysisProvider>
  );
}
