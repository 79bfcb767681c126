// Renderer. Browser-mode transport: calls over HTTP POST, events over a WebSocket, both carrying
// the per-run token that `linkwork serve` printed in the URL.
import { WorkbenchEvent } from '../../../electron/shared/contract';
import type { Result } from '../../../electron/shared/result';
import type { WorkbenchApi } from './workbench-api';

const TOKEN_KEY = 'linkwork.token';

function takeToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString()); // keep the token out of screenshots and history
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function webTransport(): WorkbenchApi {
  const token = takeToken();
  const listeners = new Set<(e: WorkbenchEvent) => void>();
  let socket: WebSocket | null = null;
  let retry = 500;

  const connect = () => {
    const proto = window.location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${proto}://${window.location.host}/api/events?token=${encodeURIComponent(token)}`);
    socket.onopen = () => (retry = 500);
    socket.onmessage = (m) => {
      const parsed = WorkbenchEvent.safeParse(JSON.parse(String(m.data)));
      if (parsed.success) for (const l of listeners) l(parsed.data);
    };
    socket.onclose = () => {
      socket = null;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 8000);
    };
  };
  connect();

  return {
    transport: 'web',
    async call(channel, request) {
      try {
        const res = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Linkwork-Token': token },
          body: JSON.stringify({ channel, payload: request }),
        });
        return (await res.json()) as never;
      } catch (e) {
        return { ok: false, error: { code: 'ENGINE_DOWN', message: `The workbench server did not answer (${String(e)}). Is \`linkwork serve\` still running?` } } as never;
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fileToPath(file, onProgress) {
      // XMLHttpRequest, not fetch: it reports upload progress for big exports.
      return new Promise<Result<string>>((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
        xhr.setRequestHeader('X-Linkwork-Token', token);
        xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
        xhr.onload = () => {
          try {
            const r = JSON.parse(xhr.responseText) as Result<{ path: string }>;
            resolve(r.ok ? { ok: true, value: r.value.path } : r);
          } catch {
            resolve({ ok: false, error: { code: 'INTERNAL', message: `Upload failed (${xhr.status}).` } });
          }
        };
        xhr.onerror = () => resolve({ ok: false, error: { code: 'ENGINE_DOWN', message: 'Upload failed: the server did not answer.' } });
        xhr.send(file);
      });
    },
  };
}
