// Browser host. Serves the built renderer and the contract over HTTP + WebSocket, on loopback,
// behind the request guard. The same engine as the desktop app, in this process; heavy work runs
// in the engine's job workers, so this event loop stays free for requests and progress events.
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { contract, isChannelName } from '../shared/contract';
import { fail, type Result } from '../shared/result';
import type { Engine } from '../engine/engine';
import { contentSecurityPolicy } from '../main/csp';
import { contentType, resolveInside } from '../main/safe-path';
import { allowedHostsFor, checkRequest, TOKEN_COOKIE } from './request-guard';

export interface WebServerOptions {
  engine: Engine;
  rendererDir: string;
  host: string;
  port: number;
  /** where uploaded files are staged for import (browser mode cannot hand over local paths) */
  uploadDir: string;
  token?: string;
}

export interface RunningWebServer {
  url: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 8 * 1024 * 1024;

function securityHeaders(res: ServerResponse, port: number, host: string): void {
  const wsHost = host.includes(':') ? `[${host}]` : host;
  res.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://${wsHost}:${port}`, `ws://localhost:${port}`]));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_JSON_BODY) throw new Error('Request body too large');
    chunks.push(c as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Host channels (native dialogs) have no browser equivalent: they answer null/false here. */
function hostAnswer(channel: string): Result<unknown> {
  if (channel === 'shell.openExternal') return { ok: true, value: false };
  return { ok: true, value: null };
}

export async function startWebServer(opts: WebServerOptions): Promise<RunningWebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  let port = opts.port;
  let allowedHosts = new Set<string>();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const unsubscribe = opts.engine.onEvent((e) => {
    const msg = JSON.stringify(e);
    for (const s of sockets) if (s.readyState === s.OPEN) s.send(msg);
  });

  const server = createServer((req, res) => {
    securityHeaders(res, port, opts.host);
    const verdict = checkRequest(req, { token, allowedHosts });
    if (!verdict.ok) {
      send(res, verdict.status, { ok: false, error: { code: 'BAD_REQUEST', message: verdict.reason } });
      return;
    }
    void handle(req, res, verdict.viaQuery).catch((e: unknown) => {
      if (!res.headersSent) send(res, 500, fail('INTERNAL', e instanceof Error ? e.message : String(e)));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, viaQuery: boolean): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/call') {
      if (req.method !== 'POST') return send(res, 405, fail('BAD_REQUEST', 'POST only'));
      let body: unknown;
      try {
        body = await readJson(req);
      } catch (e) {
        return send(res, 400, fail('BAD_REQUEST', e instanceof Error ? e.message : 'Bad JSON'));
      }
      const { channel, payload } = (body ?? {}) as { channel?: unknown; payload?: unknown };
      if (isChannelName(channel) && contract[channel].host) {
        const parsed = contract[channel].request.safeParse(payload ?? {});
        return send(res, 200, parsed.success ? hostAnswer(channel) : fail('BAD_REQUEST', `Invalid request for ${channel}`));
      }
      return send(res, 200, await opts.engine.invoke(channel, payload));
    }
    if (url.pathname === '/api/upload') {
      // Streams one file (raw body) into a fresh staging folder; answers with its path for import.*
      if (req.method !== 'POST') return send(res, 405, fail('BAD_REQUEST', 'POST only'));
      const name = basename(url.searchParams.get('name') ?? 'upload').replace(/[^\w.\- ]+/g, '_').slice(0, 200) || 'upload';
      const dir = join(opts.uploadDir, randomUUID());
      mkdirSync(dir, { recursive: true });
      const path = join(dir, name);
      await pipeline(req, createWriteStream(path));
      return send(res, 200, { ok: true, value: { path, bytes: statSync(path).size } });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, fail('BAD_REQUEST', 'Method not allowed'));
    const file = resolveInside(opts.rendererDir, url.pathname);
    const target = file && existsSync(file) && statSync(file).isFile() ? file : join(opts.rendererDir, 'index.html');
    if (!existsSync(target)) return send(res, 503, fail('INTERNAL', 'The renderer is not built: run `npm run build`.'));
    const headers: Record<string, string> = { 'Content-Type': contentType(target) };
    if (viaQuery) headers['Set-Cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    await pipeline(createReadStream(target), res);
  }

  server.on('upgrade', (req, socket, head) => {
    const verdict = checkRequest(req, { token, allowedHosts });
    if (!verdict.ok || new URL(req.url ?? '/', 'http://x').pathname !== '/api/events') {
      socket.write(`HTTP/1.1 ${verdict.ok ? 404 : verdict.status} Refused\r\nConnection: close\r\n\r\n`);
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', () => ws.close(1008, 'events only')); // calls go over HTTP, where they are validated
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostsFor(opts.host, port);
  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    port,
    server,
    close: async () => {
      unsubscribe();
      for (const s of sockets) s.terminate();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
