// The desktop host's security settings, asserted on the objects it builds (no Electron binary needed).
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../electron/shared/contract';
import { route } from '../../../electron/main/ipc-router';
import { menuTemplate } from '../../../electron/main/menu';
import { resolveInside } from '../../../electron/main/safe-path';
import { hardenContents, hardenSession, isAllowedExternal, isTrustedSender, windowOptions } from '../../../electron/main/security';
import { buildBridge } from '../../../electron/preload/bridge';
import { contentSecurityPolicy } from '../../../electron/main/csp';

describe('BrowserWindow options', () => {
  const prefs = windowOptions('/x/preload.cjs').webPreferences!;
  it('isolates and sandboxes the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/x/preload.cjs');
  });
});

describe('session handlers', () => {
  type Handler = (...args: never[]) => unknown;
  const captured: Record<string, Handler> = {};
  const fakeSession = {
    setPermissionRequestHandler: (h: Handler) => (captured.request = h),
    setPermissionCheckHandler: (h: Handler) => (captured.check = h),
    setDevicePermissionHandler: (h: Handler) => (captured.device = h),
    webRequest: {
      onBeforeRequest: (h: Handler) => (captured.before = h),
      onHeadersReceived: (h: Handler) => (captured.headers = h),
    },
  };
  hardenSession(fakeSession as never);

  it('denies every permission request and check', () => {
    let answer: boolean | undefined;
    (captured.request as (wc: unknown, p: string, cb: (v: boolean) => void) => void)(null, 'media', (v) => (answer = v));
    expect(answer).toBe(false);
    expect((captured.check as () => boolean)()).toBe(false);
    expect((captured.device as () => boolean)()).toBe(false);
  });

  it('cancels every request that is not app://', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      (captured.before as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void)({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('app://linkwork/index.html')).toBe(false);
    expect(decide('https://evil.example/x.js')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });

  it('adds the strict CSP to every response', () => {
    let headers: Record<string, string[]> = {};
    (captured.headers as (d: unknown, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    const csp = headers['Content-Security-Policy']![0]!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('web contents', () => {
  const events: Record<string, (e: { preventDefault: () => void }, url?: string) => void> = {};
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const opened: string[] = [];
  hardenContents(
    { on: (name: string, h: never) => ((events[name] = h), undefined), setWindowOpenHandler: (h: never) => (openHandler = h) } as never,
    (url) => opened.push(url),
  );
  const prevented = (name: string, url?: string) => {
    let p = false;
    events[name]!({ preventDefault: () => (p = true) }, url);
    return p;
  };

  it('denies navigation away from the app and webviews', () => {
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'app://linkwork/index.html')).toBe(false);
    expect(prevented('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
  });

  it('denies new windows, opening only allow-listed links externally', () => {
    expect(openHandler!({ url: 'https://evil.example/' }).action).toBe('deny');
    expect(openHandler!({ url: 'https://github.com/gephi/gephi' }).action).toBe('deny');
    expect(opened).toEqual(['https://github.com/gephi/gephi']);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternal('https://github.com.evil.example/')).toBe(false);
  });
});

describe('IPC router', () => {
  const calls: Array<[string, unknown]> = [];
  const deps = {
    ipcMain: { handle: () => undefined },
    dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }), showSaveDialog: async () => ({ canceled: true }) },
    shell: { openExternal: async () => undefined },
    engine: { invoke: async (c: string, p: unknown) => (calls.push([c, p]), { ok: true as const, value: 'engine' }) },
    window: () => null,
  };
  it('refuses untrusted senders', async () => {
    const r = await route(deps as never, 'https://evil.example/', 'app.info', {});
    expect(r.ok).toBe(false);
    expect(calls).toHaveLength(0);
  });
  it('validates payloads before the engine sees them', async () => {
    const r = await route(deps as never, 'app://linkwork/index.html', 'case.create', { name: 42 });
    expect(r.ok).toBe(false);
    expect(calls).toHaveLength(0);
  });
  it('forwards valid calls and answers host channels itself', async () => {
    expect(await route(deps as never, 'app://linkwork/index.html', 'app.info', {})).toEqual({ ok: true, value: 'engine' });
    expect(await route(deps as never, 'app://linkwork/index.html', 'dialog.saveFile', { title: 't', defaultName: 'x', filters: [] })).toEqual({ ok: true, value: null });
    expect(calls.map((c) => c[0])).toEqual(['app.info']);
  });
  it('opens a folder dialog when asked for folders, a file dialog otherwise', async () => {
    const asked: Array<{ properties: string[]; filters: unknown[] }> = [];
    const open = { ...deps, dialog: { ...deps.dialog, showOpenDialog: async (o: { properties: string[]; filters: unknown[] }) => (asked.push(o), { canceled: false, filePaths: ['/data/AWSLogs'] }) } };
    const filters = [{ name: 'Log exports', extensions: ['jsonl'] }];
    expect(await route(open as never, 'app://linkwork/index.html', 'dialog.openFiles', { title: 't', filters, multiple: true, folders: true })).toEqual({ ok: true, value: ['/data/AWSLogs'] });
    await route(open as never, 'app://linkwork/index.html', 'dialog.openFiles', { title: 't', filters, multiple: false });
    expect(asked.map((o) => [o.properties, o.filters.length])).toEqual([
      [['openDirectory', 'multiSelections'], 0],
      [['openFile'], 1],
    ]);
  });
  it('only trusts the app origin', () => {
    expect(isTrustedSender('app://linkwork/index.html')).toBe(true);
    expect(isTrustedSender('app://other/index.html')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('preload bridge', () => {
  const bridge = buildBridge({ invoke: async () => ({ ok: true, value: 1 }), on: () => undefined, removeListener: () => undefined }, () => '/p');
  it('exposes exactly the contract, frozen', () => {
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'channels', 'onEvent', 'pathForFile']);
    expect([...bridge.channels].sort()).toEqual([...channelNames].sort());
  });
  it('refuses channels outside the contract without sending them', async () => {
    expect((await bridge.call('fs.readFile', {})).ok).toBe(false);
  });
});

describe('app:// path guard', () => {
  it('keeps every path inside the renderer folder', () => {
    expect(resolveInside('/r', '/index.html')).toBe('/r/index.html');
    expect(resolveInside('/r', '/')).toBe('/r/index.html');
    expect(resolveInside('/r', '/assets/a.js')).toBe('/r/assets/a.js');
    for (const bad of ['/../etc/passwd', '/%2e%2e/etc/passwd', '/assets/..%2f..%2fetc', '/a%00.js', '/..\\..\\x', '/%zz']) expect(resolveInside('/r', bad)).toBeNull();
  });
  it('CSP allows the event socket only when asked', () => {
    expect(contentSecurityPolicy(['ws://127.0.0.1:1'])).toContain("connect-src 'self' ws://127.0.0.1:1");
  });
});

describe('menu', () => {
  it('gives the frequent commands keyboard shortcuts', () => {
    const sent: string[] = [];
    const items = menuTemplate((c) => sent.push(c), false).flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const accel = Object.fromEntries(items.filter((i) => i.label).map((i) => [i.label, i.accelerator]));
    expect(accel['New Case…']).toBe('CmdOrCtrl+N');
    expect(accel['Open Case…']).toBe('CmdOrCtrl+O');
    expect(accel['Import Files…']).toBe('CmdOrCtrl+I');
    items.find((i) => i.label === 'Import Files…')!.click!(undefined as never, undefined as never, undefined as never);
    expect(sent).toEqual(['import']);
  });
});
