// Browser mode's server: token, Host and Origin checks, CSP, the contract over HTTP, events over WS.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Engine } from '../../../electron/engine/engine';
import { startWebServer, type RunningWebServer } from '../../../electron/web/web-server';

let home: string;
let engine: Engine;
let web: RunningWebServer;

function http(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: web.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const call = (channel: string, payload: unknown, headers: Record<string, string> = {}) =>
  http('/api/call', { method: 'POST', headers: { 'x-linkwork-token': web.token, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ channel, payload }) });

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'lw-web-'));
  const rendererDir = join(home, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Linkwork</title>');
  writeFileSync(join(home, 'secret.txt'), 'secret');
  engine = new Engine({ host: 'browser', home });
  web = await startWebServer({ engine, rendererDir, host: '127.0.0.1', port: 0, uploadDir: join(home, 'uploads') });
});
afterAll(async () => {
  await web.close();
  await engine.dispose();
  rmSync(home, { recursive: true, force: true });
});

describe('browser host', () => {
  it('prints a loopback URL with the token', () => {
    expect(web.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${web.port}/\\?token=`));
  });

  it('rejects requests without the token', async () => {
    expect((await http('/')).status).toBe(401);
    expect((await http('/api/call', { method: 'POST', body: '{"channel":"app.info","payload":{}}' })).status).toBe(401);
    expect((await http('/?token=wrong')).status).toBe(401);
  });

  it('rejects a wrong Host header (DNS rebinding)', async () => {
    expect((await http(`/?token=${web.token}`, { headers: { host: `evil.example:${web.port}` } })).status).toBe(421);
  });

  it('rejects a foreign Origin', async () => {
    expect((await call('app.info', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await call('app.info', {}, { origin: `http://127.0.0.1:${web.port}` })).status).toBe(200);
  });

  it('serves the renderer with the CSP and sets the token cookie on the first load', async () => {
    const r = await http(`/?token=${web.token}`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(r.headers['set-cookie'])).toContain('HttpOnly');
    const cookie = String(r.headers['set-cookie']).split(';')[0]!;
    expect((await http('/index.html', { headers: { cookie } })).status).toBe(200);
  });

  it('never serves files outside the renderer', async () => {
    const r = await http('/..%2fsecret.txt', { headers: { 'x-linkwork-token': web.token } });
    expect(r.body).not.toContain('secret');
  });

  it('answers the contract, validating payloads', async () => {
    const info = JSON.parse((await call('app.info', {})).body);
    expect(info).toMatchObject({ ok: true, value: { host: 'browser' } });
    const bad = JSON.parse((await call('case.create', { name: 7 })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const dialog = JSON.parse((await call('dialog.openFiles', { title: 'x', filters: [], multiple: true })).body);
    expect(dialog).toEqual({ ok: true, value: null });
  });

  it('pushes events over the WebSocket only with the token', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${web.port}/api/events`);
    await new Promise<void>((resolve) => refused.on('error', () => resolve()));
    const ws = new WebSocket(`ws://127.0.0.1:${web.port}/api/events?token=${web.token}`);
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<string>((r) => ws.on('message', (m) => r(String(m))));
    await call('case.create', { name: 'Events' });
    expect(JSON.parse(await got)).toEqual({ type: 'case', change: 'opened' });
    ws.close();
  });

  it('stages uploads for import', async () => {
    const r = JSON.parse((await http('/api/upload?name=../../evil.jsonl', { method: 'POST', headers: { 'x-linkwork-token': web.token }, body: '{"a":1}\n' })).body);
    expect(r.ok).toBe(true);
    expect(r.value.path.startsWith(join(home, 'uploads'))).toBe(true);
    expect(r.value.path.endsWith('evil.jsonl')).toBe(true);
    expect(r.value.bytes).toBe(8);
  });
});
