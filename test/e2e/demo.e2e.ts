// A new user's first minute: "Open demo case" generates traffic with planted campaigns, imports
// and analyses it, and lands on the cluster overview with flagged clusters ranked first.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('demo case', () => {
  it('opens a real, analysed investigation from the start screen', async () => {
    const seen = watchForScripts(page);
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Open demo case' }).click();
    await page.getByTestId('job').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'demo-progress');
    await page.getByTestId('case-name').waitFor({ timeout: 240_000 });
    expect(await page.getByTestId('case-name').textContent()).toBe('Demo case');
    await expect.poll(async () => (await page.getByTestId('case-name').locator('..').textContent()) ?? '', { timeout: 30_000 }).toMatch(/2,000 accounts/);
    // the ranked cluster list shows at least one flagged cluster at the top
    await page.waitForSelector('text=/flagged/i', { timeout: 60_000 });
    await page.waitForTimeout(1500); // let the overview settle before the picture
    await screenshot(page, 'demo-overview');
    expect(seen.dialogs).toEqual([]);
  });

  it('reopens the demo case instantly the second time', async () => {
    await page.getByRole('button', { name: 'Close case' }).click();
    await page.getByRole('button', { name: 'Open demo case' }).click();
    await page.getByTestId('case-name').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('case-name').textContent()).toBe('Demo case');
  });
});
