// Renderer. Desktop transport: the frozen `window.workbench` bridge exposed by the preload.
import type { WorkbenchEvent } from '../../../electron/shared/contract';
import type { Result } from '../../../electron/shared/result';
import type { WorkbenchApi } from './workbench-api';

export interface PreloadBridge {
  call(channel: string, payload: unknown): Promise<Result<unknown>>;
  onEvent(listener: (e: WorkbenchEvent) => void): () => void;
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    workbench?: PreloadBridge;
  }
}

export function ipcTransport(bridge: PreloadBridge): WorkbenchApi {
  return {
    transport: 'ipc',
    call: (channel, request) => bridge.call(channel, request) as never,
    onEvent: (listener) => bridge.onEvent(listener),
    fileToPath: (file) => {
      const path = bridge.pathForFile(file);
      return Promise.resolve(path ? { ok: true, value: path } : { ok: false, error: { code: 'BAD_INPUT', message: 'This file has no path on disk.' } });
    },
  };
}
