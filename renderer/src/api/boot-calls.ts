// Renderer. Calls the first screen makes, sent at start-up while the bundle is still rendering
// instead of from the components that need them. Why: the graph workbench mounts only once the
// app's case.current has answered and the app has rendered, so its overview request would wait a
// round trip and a render (about a fifth of the overview's time to first frame). A prefetched answer goes once to the first
// identical call; it is dropped when a case event arrives first (it could be stale) or when nobody
// asked for it within BOOT_WINDOW_MS, and a failed one (no case open yet) is never handed out.
import type { ChannelName, Req } from '../../../electron/shared/contract';
import type { Result } from '../../../electron/shared/result';
import type { WorkbenchApi } from './workbench-api';

const BOOT_WINDOW_MS = 15_000;

export type BootCall = { [C in ChannelName]: readonly [C, Req<C>] }[ChannelName];

export function withBootCalls(api: WorkbenchApi, calls: readonly BootCall[]): WorkbenchApi {
  const key = (channel: string, request: unknown) => JSON.stringify([channel, request]);
  const pending = new Map<string, Promise<Result<unknown>>>();
  for (const [channel, request] of calls) pending.set(key(channel, request), api.call(channel, request as never) as Promise<Result<unknown>>);
  const drop = () => pending.clear();
  const off = api.onEvent((e) => {
    if (e.type === 'case') drop();
  });
  setTimeout(() => {
    drop();
    off();
  }, BOOT_WINDOW_MS);
  return {
    transport: api.transport,
    async call(channel, request) {
      const k = key(channel, request);
      const early = pending.get(k);
      if (early) {
        pending.delete(k);
        const r = await early;
        if (r.ok) return r as never;
      }
      return api.call(channel, request);
    },
    onEvent: (listener) => api.onEvent(listener),
    fileToPath: (file, onProgress) => api.fileToPath(file, onProgress),
  };
}
