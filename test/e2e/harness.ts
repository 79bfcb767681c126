// End-to-end harness: starts `linkwork serve` (the real CLI, real engine, built renderer) on a temp
// home, and Debian's Chromium through playwright-core (never a downloaded browser).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(__dirname, '..', '..');
export const CLI = join(ROOT, 'bin', 'linkwork.cjs');
export const CHROMIUM = process.env.LINKWORK_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

export interface Server {
  url: string;
  origin: string;
  token: string;
  port: number;
  home: string;
  stop(): Promise<void>;
}

/** Runs the CLI synchronously (generate, import, analyze ...) and returns stdout; throws on failure. */
export function cli(args: string[], opts: { home?: string } = {}): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...(opts.home ? { LINKWORK_HOME: opts.home } : {}) }, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`linkwork ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export async function startServer(opts: { home?: string; casePath?: string } = {}): Promise<Server> {
  const home = opts.home ?? mkdtempSync(join(tmpdir(), 'lw-e2e-'));
  const args = [CLI, 'serve', '--home', home, '--port', '0', ...(opts.casePath ? ['--case', opts.casePath] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => (err += String(c)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 30_000);
    child.stdout!.on('data', (c) => {
      out += String(c);
      const m = /Open: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get('token')!,
    port: Number(u.port),
    home,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (!opts.home) rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Playwright's launch() gives every run a fresh, temporary user-data dir of its own. */
export async function launchBrowser(): Promise<{ browser: Browser; page: Page }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  return { browser, page };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** Collects page errors and dialogs: hostile strings must never run (alert) or throw. */
export function watchForScripts(page: Page): { dialogs: string[]; errors: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  return seen;
}
