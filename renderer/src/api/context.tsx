// Renderer. Makes the WorkbenchApi available to every component (`useApi()`), choosing the
// transport once: the preload bridge when present (desktop), HTTP + WebSocket otherwise.
import { createContext, useContext, type ReactNode } from 'react';
import { withBootCalls } from './boot-calls';
import { ipcTransport } from './ipc-transport';
import { webTransport } from './web-transport';
import type { WorkbenchApi } from './workbench-api';

export function createApi(): WorkbenchApi {
  const api = window.workbench ? ipcTransport(window.workbench) : webTransport();
  // the app's first question (which case is open) and the graph workbench's overview (the first
  // screen of an open case) leave at once, in that order: the app renders while the engine
  // works on the overview
  return withBootCalls(api, [
    ['case.current', {}],
    ['graph.overview', {}],
  ]);
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
