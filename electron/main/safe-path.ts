// Desktop and browser hosts. Maps a URL path onto a file inside one folder, refusing anything that
// would escape it (.., encoded separators, absolute paths, NUL). Used by the app:// protocol and
// by browser mode's static server. Pure apart from node:path.
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';

export function resolveInside(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const clean = decoded.replace(/^\/+/, '') || 'index.html';
  if (isAbsolute(clean)) return null;
  const full = normalize(join(rootDir, clean));
  const rel = relative(rootDir, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return full;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export const contentType = (file: string): string => TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
