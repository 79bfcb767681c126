// Browser host. Decides whether a request may reach the workbench: the Host header must name the
// address we listen on (defeats DNS rebinding), a cross-site Origin is refused, and the per-run
// token must come with every request (header, cookie, or the ?token= of the first page load).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface GuardConfig {
  token: string;
  /** host:port values accepted in the Host header */
  allowedHosts: Set<string>;
}

export type GuardVerdict = { ok: true; viaQuery: boolean } | { ok: false; status: number; reason: string };

export const TOKEN_COOKIE = 'lw_token';
export const TOKEN_HEADER = 'x-linkwork-token';

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(header: string | undefined): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
  }
  return null;
}

export function allowedHostsFor(host: string, port: number): Set<string> {
  const names = new Set([host, host.includes(':') ? `[${host}]` : host]);
  if (host === '127.0.0.1' || host === 'localhost' || host === '::1') {
    names.add('127.0.0.1');
    names.add('localhost');
    names.add('[::1]');
  }
  return new Set([...names].map((n) => `${n}:${port}`));
}

export function checkRequest(req: IncomingMessage, cfg: GuardConfig): GuardVerdict {
  const host = req.headers.host?.toLowerCase();
  if (!host || !cfg.allowedHosts.has(host)) return { ok: false, status: 421, reason: 'Host header not accepted' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost: string;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      return { ok: false, status: 403, reason: 'Origin not accepted' };
    }
    if (!cfg.allowedHosts.has(originHost)) return { ok: false, status: 403, reason: 'Origin not accepted' };
  } else if (origin === 'null') {
    return { ok: false, status: 403, reason: 'Origin not accepted' };
  }
  const url = new URL(req.url ?? '/', 'http://x');
  const header = req.headers[TOKEN_HEADER];
  const fromHeader = typeof header === 'string' ? header : null;
  const fromQuery = url.searchParams.get('token');
  const fromCookie = cookieToken(req.headers.cookie);
  for (const t of [fromHeader, fromCookie]) if (t && sameToken(t, cfg.token)) return { ok: true, viaQuery: false };
  if (fromQuery && sameToken(fromQuery, cfg.token)) return { ok: true, viaQuery: true };
  return { ok: false, status: 401, reason: 'Missing or wrong token: open the URL printed by `linkwork serve`.' };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i;
export const isLoopback = (host: string): boolean => LOOPBACK.test(host);
