// Electron main process: lifecycle, the window, security hooks, app:// protocol, menu, and the
// engine in a utility process. Thin on purpose: behaviour lives in the engine and the renderer.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, utilityProcess } from 'electron';
import { join } from 'node:path';
import type { WorkbenchEvent } from '../shared/contract';
import ENGINE_PROCESS_ENV from '../shared/engine-process-env.json';
import { IPC_EVENT } from '../shared/ipc-names';
import { appSchemePrivileges, registerAppProtocol } from './app-protocol';
import { EngineClient } from './engine-client';
import { registerIpc } from './ipc-router';
import { menuTemplate } from './menu';
import { APP_ORIGIN, hardenContents, hardenSession, windowOptions } from './security';

// dist/electron/main.cjs -> dist/
const distDir = join(__dirname, '..');
let win: BrowserWindow | null = null;

protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
if (!app.requestSingleInstanceLock()) app.quit();

const emit = (e: WorkbenchEvent) => win?.webContents.send(IPC_EVENT, e);

function createWindow(): void {
  win = new BrowserWindow(windowOptions(join(distDir, 'electron', 'preload.cjs')));
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_e, contents) => hardenContents(contents, (url) => void shell.openExternal(url)));
app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  registerAppProtocol(protocol, join(distDir, 'renderer'));
  const engine = new EngineClient({
    fork: () =>
      utilityProcess.fork(join(distDir, 'electron', 'engine-host.cjs'), [], {
        serviceName: 'Linkwork engine',
        // the engine's allocator settings (see README, "Memory"), unless the user set their own
        env: { ...ENGINE_PROCESS_ENV, ...process.env, LINKWORK_HOME: process.env.LINKWORK_HOME ?? join(app.getPath('userData'), 'workbench') },
      }),
    emit,
  });
  registerIpc({ ipcMain, dialog, shell, engine, window: () => win });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate((command) => emit({ type: 'menu', command }), process.platform === 'darwin')));
  createWindow();
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && createWindow());
  app.on('before-quit', () => engine.stop());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
