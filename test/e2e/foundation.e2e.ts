// The app frame in browser mode, driven in real Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, startServer, watchForScripts, type Server } from './harness';

let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startServer();
  ({ browser, page } = await launchBrowser());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('browser mode', () => {
  it('loads the start screen', async () => {
    const seen = watchForScripts(page);
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'New case' }).waitFor();
    await expect(page.getByRole('button', { name: 'Open demo case' }).isVisible()).resolves.toBe(true);
    expect(page.url()).not.toContain('token='); // the token is stripped from the address bar
    await screenshot(page, 'start-screen');
    expect(seen.errors).toEqual([]);
  });

  it('creates a case and reopens it from the recent list', async () => {
    await page.getByLabel('Case name').fill('E2E <b>case</b>');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByTestId('case-name').waitFor();
    expect(await page.getByTestId('case-name').textContent()).toBe('E2E <b>case</b>');
    await screenshot(page, 'case-open');
    await page.getByRole('button', { name: 'Close case' }).click();
    const recent = page.getByRole('list', { name: 'Recent cases' });
    await recent.waitFor();
    await recent.getByRole('button', { name: /^E2E <b>case<\/b>/ }).click();
    await page.getByTestId('case-name').waitFor();
    expect(await page.getByTestId('case-name').textContent()).toBe('E2E <b>case</b>');
  });

  it('rejects a request without the token', async () => {
    const r = await fetch(`${server.origin}/api/call`, { method: 'POST', body: JSON.stringify({ channel: 'app.info', payload: {} }) });
    expect(r.status).toBe(401);
    const page2 = await browser.newPage();
    const resp = await page2.goto(server.origin + '/');
    expect(resp?.status()).toBe(401);
    await page2.close();
  });

  it('rejects a wrong Host header', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `/?token=${server.token}`, headers: { host: `attacker.example:${server.port}` } }, (res) => resolve(res.statusCode ?? 0));
      req.end();
    });
    expect(status).toBe(421);
  });

  it('switches to the dark theme', async () => {
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toMatch(/dark|light/);
    await screenshot(page, 'case-open-theme-toggled');
  });
});
