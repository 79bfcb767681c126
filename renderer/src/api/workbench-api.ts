// Renderer. The one API the UI talks to, whatever the host: the desktop app's preload bridge or
// browser mode's HTTP + WebSocket. Features call `api.call('channel', request)` and get a Result.
import type { ChannelName, Req, Res, WorkbenchEvent } from '../../../electron/shared/contract';
import type { Result } from '../../../electron/shared/result';

export interface WorkbenchApi {
  readonly transport: 'ipc' | 'web';
  call<C extends ChannelName>(channel: C, request: Req<C>): Promise<Result<Res<C>>>;
  onEvent(listener: (e: WorkbenchEvent) => void): () => void;
  /** Turns a dropped or picked File into a path the engine can read (desktop: its path; browser: an upload). */
  fileToPath(file: File, onProgress?: (sent: number, total: number) => void): Promise<Result<string>>;
}

/** Unwraps a Result or throws its error message (for code paths that show errors as toasts). */
export async function must<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
