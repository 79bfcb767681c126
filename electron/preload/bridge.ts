// Electron preload (sandboxed). Builds the one frozen object the renderer sees as
// `window.workbench`: a call function limited to the contract's channels, an event subscription,
// and the path of a dropped file. Never exposes ipcRenderer itself.
import { channelNames, type WorkbenchEvent } from '../shared/contract';
import { IPC_CALL, IPC_EVENT } from '../shared/ipc-names';
import { fail, type Result } from '../shared/result';


export interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void;
}

export function buildBridge(ipc: IpcLike, pathForFile: (file: File) => string) {
  const known = new Set<string>(channelNames);
  return Object.freeze({
    channels: Object.freeze([...channelNames]),
    call(channel: string, payload: unknown): Promise<Result<unknown>> {
      if (!known.has(channel)) return Promise.resolve(fail('BAD_REQUEST', 'Unknown channel.'));
      return ipc.invoke(IPC_CALL, channel, payload) as Promise<Result<unknown>>;
    },
    onEvent(listener: (e: WorkbenchEvent) => void): () => void {
      const wrapped = (_event: unknown, payload: unknown) => listener(payload as WorkbenchEvent);
      ipc.on(IPC_EVENT, wrapped);
      return () => ipc.removeListener(IPC_EVENT, wrapped);
    },
    pathForFile(file: File): string {
      return pathForFile(file);
    },
  });
}
