// The graph workbench on a case made by the real pipeline, not a fixture: the simulator's small
// preset (600 accounts, planted campaigns, hostile prompts) -> `linkwork import` -> `linkwork
// analyze`, then browser mode in real Chromium: open the case, find the top cluster, drill in,
// "why linked" for an edge, a path between two accounts, a time filter, search by IP, hostile
// strings shown as text. Expected values come from the CLI's own answers on the same case.
// Screenshots go to test-results/screenshots/graph-pipeline-*.png.
import type { Core as CyCore } from 'cytoscape';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brushTime, findPath, readyAt, viewReady } from './graph-view';
import { cli, launchBrowser, screenshot, startServer, watchForScripts, type Server } from './harness';

interface CliCluster {
  id: string;
  size: number;
  score: number;
  flagged: boolean;
  accounts: string[];
}

let dir: string;
let server: Server;
let browser: Browser;
let page: Page;
let seen: { dialogs: string[]; errors: string[] };
let top: CliCluster;
let sharedIp: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lw-graph-pipe-'));
  const gen = join(dir, 'gen');
  const casePath = join(dir, 'pipeline.lwcase.sqlite');
  cli(['generate', '--out', gen, '--preset', 'test', '--seed', '7', '--hostile-rate', '0.02', '--quiet']);
  cli(['import', '--case', casePath, join(gen, 'accounts.jsonl'), join(gen, 'exchanges.jsonl'), '--json']);
  cli(['analyze', '--case', casePath, '--json']);
  const clusters = (JSON.parse(cli(['clusters', '--case', casePath, '--json'])) as { clusters: CliCluster[] }).clusters;
  top = clusters[0]!;
  // the IP most used by the top cluster's accounts, read from the generated log itself
  const members = new Set(top.accounts);
  const ipCount = new Map<string, number>();
  for (const line of readFileSync(join(gen, 'exchanges.jsonl'), 'utf8').split('\n')) {
    if (!line) continue;
    const x = JSON.parse(line) as { account_id: string; ip?: string | null };
    if (x.ip && members.has(x.account_id)) ipCount.set(x.ip, (ipCount.get(x.ip) ?? 0) + 1);
  }
  sharedIp = [...ipCount].sort((a, b) => b[1] - a[1])[0]![0];
  server = await startServer({ home: join(dir, 'home'), casePath });
  ({ browser, page } = await launchBrowser());
  seen = watchForScripts(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('graph workbench on a simulated, imported and analysed case', () => {
  it('opens the case on the overview with the top cluster ranked first', async () => {
    await page.goto(server.url);
    await page.getByTestId('graph-workbench').waitFor({ timeout: 30_000 });
    await viewReady(page);
    const first = page.getByTestId('cluster-row').first();
    expect(await first.getAttribute('data-cluster')).toBe(top.id);
    expect(top.flagged).toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'graph-pipeline-overview');
  });

  it('drills into the top cluster', async () => {
    await page.getByTestId('cluster-row').first().click();
    await page.getByTestId('cluster-panel').waitFor();
    const t = await readyAt(page);
    await page.getByTestId('drill-in').click();
    const v = await viewReady(page, t);
    expect(v.nodes).toBe(top.size);
    expect(v.edges).toBeGreaterThan(0);
    expect(await page.getByTestId('crumb-cluster').textContent()).toContain(top.id);
    await page.waitForTimeout(300);
    await screenshot(page, 'graph-pipeline-cluster');
  });

  it('explains why two accounts are linked, with the log lines behind it', async () => {
    // the strongest edge of the view, opened through cytoscape's own tap
    const pair = await page.evaluate(() => {
      const cy = (window as unknown as { __lwCy: CyCore }).__lwCy;
      const e = cy.edges().max((x) => Number(x.data('weight'))).ele;
      e.emit('tap');
      return [String(e.source().data('label')), String(e.target().data('label'))];
    });
    const panel = page.getByTestId('why-linked');
    await panel.waitFor();
    await panel.getByTestId('shared-value').first().waitFor();
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain(pair[0]);
    expect(text).toMatch(/\.jsonl:\d+/);
    await screenshot(page, 'graph-pipeline-why-linked');
  });

  it('finds a path between two accounts of the cluster and highlights it', async () => {
    const steps = await findPath(page, top.accounts[0]!, top.accounts[top.accounts.length - 1]!);
    expect(steps).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.$('node.hl').length)).toBe(steps);
    await page.waitForTimeout(300);
    await screenshot(page, 'graph-pipeline-path');
    await page.keyboard.press('Escape');
  });

  it('filters by time with the histogram brush', async () => {
    const t = await readyAt(page);
    // about an hour and a half of the seven days: part of the campaign is quiet then
    await brushTime(page, 0.4, 0.41);
    const v = await viewReady(page, t);
    expect(v.nodes).toBeGreaterThan(0);
    expect(v.nodes).toBeLessThan(top.size);
    // still the same cluster: every account shown is one of its members
    const shown = await page.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.nodes().map((n) => String(n.data('label'))));
    expect(shown.filter((a) => !top.accounts.includes(a))).toEqual([]);
    await page.getByTestId('clear-time').waitFor();
    await expect.poll(() => page.getByTestId('tables').textContent()).toContain('time filtered');
    await screenshot(page, 'graph-pipeline-time-filter');
    const t2 = await readyAt(page);
    await page.getByTestId('clear-time').click();
    expect((await viewReady(page, t2)).nodes).toBe(top.size);
  });

  it('searches by an IP the campaign shares and jumps to an account using it', async () => {
    await page.getByTestId('search').fill(sharedIp);
    const hit = page.getByTestId('search-hit').first();
    await hit.waitFor();
    expect(await hit.textContent()).toContain(sharedIp);
    const acc = (await hit.locator('.gw-hit-acc').textContent())!;
    await hit.click();
    await page.getByTestId('account-panel').waitFor();
    expect(await page.locator('[data-testid="account-panel"] h3').textContent()).toBe(acc);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.$('node.found').map((n) => String(n.data('label'))))).toEqual([acc]);
    await screenshot(page, 'graph-pipeline-search-ip');
  });

  it('shows the simulator\'s hostile prompts as text and runs nothing', async () => {
    await page.getByTestId('search').fill('onerror');
    const hit = page.getByTestId('search-hit').filter({ has: page.locator('.gw-hit-field', { hasText: /^prompt$/ }) }).first();
    await hit.waitFor();
    // the matched prompt is listed literally, markup and all
    expect(await hit.textContent()).toContain('<img src=x onerror=alert(1)>');
    await screenshot(page, 'graph-pipeline-hostile-search');
    await hit.click();
    const panel = page.getByTestId('account-panel');
    await panel.waitFor();
    await panel.getByTestId('sample-prompt').first().waitFor();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    await screenshot(page, 'graph-pipeline-hostile');
  });
});
