// Electron main. THE ONLY FILE THAT REGISTERS IPC HANDLERS. One channel carries every contract
// call: the sender is checked, the payload validated against the contract, then host channels
// are answered here (native dialogs) and everything else goes to the engine process.
import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent, Shell } from 'electron';
import { contract, isChannelName, type Req } from '../shared/contract';
import { IPC_CALL } from '../shared/ipc-names';
import { fail, ok, type Result } from '../shared/result';
import type { EngineClient } from './engine-client';
import { isAllowedExternal, isTrustedSender } from './security';


export interface RouterDeps {
  ipcMain: Pick<IpcMain, 'handle'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shell: Pick<Shell, 'openExternal'>;
  engine: Pick<EngineClient, 'invoke'>;
  window: () => BrowserWindow | null;
}

export async function route(deps: RouterDeps, frameUrl: string | undefined, channel: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isTrustedSender(frameUrl)) return fail('BAD_REQUEST', 'Untrusted sender.');
  if (!isChannelName(channel)) return fail('BAD_REQUEST', 'Unknown channel.');
  const parsed = contract[channel].request.safeParse(payload ?? {});
  if (!parsed.success) return fail('BAD_REQUEST', `Invalid request for ${channel}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const win = deps.window();
  switch (channel) {
    case 'dialog.openFiles': {
      const req = parsed.data as Req<'dialog.openFiles'>;
      const pick = req.folders ? 'openDirectory' : 'openFile';
      const opts = { title: req.title, filters: req.folders ? [] : req.filters, properties: req.multiple ? ([pick, 'multiSelections'] as const) : ([pick] as const) };
      const r = win ? await deps.dialog.showOpenDialog(win, { ...opts, properties: [...opts.properties] }) : await deps.dialog.showOpenDialog({ ...opts, properties: [...opts.properties] });
      return ok(r.canceled ? null : r.filePaths);
    }
    case 'dialog.saveFile': {
      const req = parsed.data as Req<'dialog.saveFile'>;
      const opts = { title: req.title, defaultPath: req.defaultName, filters: req.filters };
      const r = win ? await deps.dialog.showSaveDialog(win, opts) : await deps.dialog.showSaveDialog(opts);
      return ok(r.canceled || !r.filePath ? null : r.filePath);
    }
    case 'shell.openExternal': {
      const { url } = parsed.data as Req<'shell.openExternal'>;
      if (!isAllowedExternal(url)) return ok(false);
      await deps.shell.openExternal(url);
      return ok(true);
    }
    default:
      return deps.engine.invoke(channel, parsed.data);
  }
}

export function registerIpc(deps: RouterDeps): void {
  deps.ipcMain.handle(IPC_CALL, (event: IpcMainInvokeEvent, channel: unknown, payload: unknown) => route(deps, event.senderFrame?.url, channel, payload));
}
