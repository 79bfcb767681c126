// Engine. Handlers that create, open and close cases.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError } from '../../shared/result';
import type { HandlerMap } from './types';

/** A file name from a case name: safe on every platform, never a path. */
export function caseFileName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\- ]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 80);
  return `${slug || 'case'}.lwcase.sqlite`;
}

function uniquePath(dir: string, file: string): string {
  let p = join(dir, file);
  for (let i = 2; existsSync(p); i++) p = join(dir, file.replace(/\.lwcase\.sqlite$/, `-${i}.lwcase.sqlite`));
  return p;
}

export const caseHandlers: HandlerMap<
  'case.create' | 'case.open' | 'case.close' | 'case.current' | 'case.recent' | 'case.forgetRecent' | 'case.openDemo'
> = {
  'case.create': (req, ctx) => {
    const path = req.path ?? uniquePath(ctx.casesDir, caseFileName(req.name));
    if (req.path && existsSync(req.path)) throw new EngineError('CONFLICT', `A file already exists at ${req.path}.`);
    return ctx.openCase(path, { create: true, name: req.name });
  },
  'case.open': (req, ctx) => {
    if (!existsSync(req.path)) throw new EngineError('NOT_FOUND', `No case file at ${req.path}.`);
    return ctx.openCase(req.path, {});
  },
  'case.close': async (_req, ctx) => {
    await ctx.closeCase();
    return null;
  },
  'case.current': (_req, ctx) => ctx.maybeSession()?.summary() ?? null,
  'case.recent': (_req, ctx) => ctx.settings.recent(),
  'case.forgetRecent': (req, ctx) => {
    ctx.settings.forgetRecent(req.path);
    return null;
  },
  'case.openDemo': (_req, ctx) => ctx.startDemo(),
};
