// Renderer. Makes the WorkbenchApi available to every component (`useApi()`), choosing the
// transport once: the preload bridge when present (desktop), HTTP + WebSocket otherwise.
import { createContext, useContext, type ReactNode } from 'react';
import { ipcTransport } from './ipc-transport';
import { webTransport } from './web-transport';
import type { WorkbenchApi } from './workbench-api';

export function createApi(): WorkbenchApi {
  return window.workbench ? ipcTransport(window.workbench) : webTransport();
}

const ApiContext = createContext<WorkbenchApi | null>(null);

export function ApiProvider({ api, children }: { api: WorkbenchApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): WorkbenchApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}
