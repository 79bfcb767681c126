// The graph workbench in browser mode, driven in real Chromium against the real engine, on a
// generated linked case: overview, drill-down, why linked, path, time filter, search by IP,
// hostile strings, themes. Screenshots go to test-results/screenshots/.
import type { Core as CyCore } from 'cytoscape';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseSession } from '../../electron/engine/session';
import { buildGraphFixture, HOSTILE_ACCOUNT, HOSTILE_PROMPT, HOSTILE_UA, type FixtureResult } from '../integration/graph/graph-fixture';
import { brushTime, findPath, readyAt, viewReady } from './graph-view';
import { launchBrowser, screenshot, startServer, watchForScripts, type Server } from './harness';

let dir: string;
let server: Server;
let browser: Browser;
let page: Page;
let fx: FixtureResult;
let seen: { dialogs: string[]; errors: string[] };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lw-graph-e2e-'));
  const casePath = join(dir, 'graph.lwcase.sqlite');
  const s = CaseSession.open(casePath, { create: true, name: 'Graph workbench e2e' });
  fx = buildGraphFixture(s.db, {
    clusters: [
      { size: 260, score: 0.93, cardGroup: 4, ipGroup: 6, ipRounds: 2 },
      { size: 120, score: 0.71, cardGroup: 5, ipGroup: 5 },
      { size: 60, score: 0.44, cardGroup: 3, ipGroup: 4 },
      ...Array.from({ length: 24 }, (_, i) => ({ size: 4 + (i % 9) * 3, score: Math.round((0.03 + ((i * 37) % 38) / 100) * 100) / 100, cardGroup: 2, ipGroup: 3 })),
    ],
    loners: 40,
    exchangesPerAccount: 6,
    hostile: true,
  });
  s.close();
  server = await startServer({ home: join(dir, 'home'), casePath });
  ({ browser, page } = await launchBrowser());
  seen = watchForScripts(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('graph workbench', () => {
  it('opens the case on the cluster overview with the ranked list', async () => {
    await page.goto(server.url);
    await page.getByTestId('graph-workbench').waitFor();
    const v = await viewReady(page);
    expect(v.nodes).toBe(27);
    const first = page.getByTestId('cluster-row').first();
    expect(await first.getAttribute('data-cluster')).toBe('C001');
    await page.waitForTimeout(300);
    await screenshot(page, 'graph-overview');
  });

  it('finds the top cluster and drills in', async () => {
    await page.getByTestId('cluster-row').first().click();
    await page.getByTestId('cluster-panel').waitFor();
    expect(await page.getByTestId('cluster-panel').textContent()).toContain('#C001');
    const t = await readyAt(page);
    await page.getByTestId('drill-in').click();
    const v = await viewReady(page, t);
    expect(v.nodes).toBe(260);
    expect(await page.getByTestId('crumb-cluster').textContent()).toContain('C001');
    await page.waitForTimeout(300);
    await screenshot(page, 'graph-cluster');
  });

  it('opens "why linked" for an edge', async () => {
    // a real click on an account first (the account panel), then the edge through cytoscape's tap
    const pos = await page.evaluate(() => {
      const cy = (window as unknown as { __lwCy: CyCore }).__lwCy;
      const n = cy.$('node[label = "acct-1-1"]');
      cy.zoom(1.5);
      cy.center(n);
      const p = n.renderedPosition();
      const box = cy.container()!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(pos.x, pos.y);
    await page.getByTestId('account-panel').waitFor();
    expect(await page.locator('[data-testid="account-panel"] h3').textContent()).toBe('acct-1-1');
    await page.evaluate(() => {
      const cy = (window as unknown as { __lwCy: CyCore }).__lwCy;
      cy.$('node[label = "acct-1-1"]').connectedEdges().first().emit('tap');
    });
    const panel = page.getByTestId('why-linked');
    await panel.waitFor();
    await panel.getByTestId('shared-value').first().waitFor();
    const text = await panel.textContent();
    expect(text).toMatch(/exchanges\.jsonl:\d+/);
    expect(text).toMatch(/payment|ip/);
    await screenshot(page, 'graph-why-linked');
  });

  it('finds and highlights the strongest path between two accounts', async () => {
    const steps = await findPath(page, 'acct-1-1', 'acct-1-250');
    expect(steps).toBeGreaterThanOrEqual(2);
    const hl = await page.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.$('node.hl').length);
    expect(hl).toBe(steps);
    await page.waitForTimeout(400);
    await screenshot(page, 'graph-path');
    await page.keyboard.press('Escape');
  });

  it('filters the graph and the tables by brushing the time histogram', async () => {
    const t = await readyAt(page);
    await brushTime(page, 0.05, 0.15);
    const v = await viewReady(page, t);
    expect(v.nodes).toBeGreaterThan(0);
    expect(v.nodes).toBeLessThan(260);
    await page.getByTestId('clear-time').waitFor();
    await expect.poll(() => page.getByTestId('tables').textContent()).toContain('time filtered');
    await screenshot(page, 'graph-time-filter');
    const t2 = await readyAt(page);
    await page.getByTestId('clear-time').click();
    expect((await viewReady(page, t2)).nodes).toBe(260);
  });

  it('shows shared values as nodes', async () => {
    const t = await readyAt(page);
    await page.getByTestId('mode-values').click();
    const v = await viewReady(page, t);
    expect(v.nodes).toBeGreaterThan(260);
    await page.waitForTimeout(300);
    await screenshot(page, 'graph-values-mode');
    const t2 = await readyAt(page);
    await page.getByTestId('mode-accounts').click();
    await viewReady(page, t2);
  });

  it('searches by IP and jumps to the account', async () => {
    const ip = fx.ips[fx.ips.length - 1]!; // an IP shared inside a small cluster
    await page.getByTestId('search').fill(ip);
    const hit = page.getByTestId('search-hit').first();
    await hit.waitFor();
    expect(await hit.textContent()).toContain(ip);
    const acc = (await hit.locator('.gw-hit-acc').textContent())!;
    const t = await readyAt(page);
    await hit.click();
    await viewReady(page, t);
    await page.getByTestId('account-panel').waitFor();
    expect(await page.locator('[data-testid="account-panel"] h3').textContent()).toBe(acc);
    const found = await page.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.$('node.found').map((n) => n.data('label') as string));
    expect(found).toEqual([acc]);
    await screenshot(page, 'graph-search-ip');
  });

  it('renders hostile prompts, user agents and account ids as text and runs nothing', async () => {
    await page.getByTestId('search').fill('onerror');
    const hit = page.getByTestId('search-hit').first();
    await hit.waitFor();
    const t = await readyAt(page);
    await hit.click();
    await viewReady(page, t).catch(() => undefined);
    const panel = page.getByTestId('account-panel');
    await panel.waitFor();
    expect(await panel.locator('h3').textContent()).toBe(HOSTILE_ACCOUNT);
    await panel.getByTestId('sample-prompt').first().waitFor();
    expect(await panel.getByTestId('sample-prompt').first().locator('pre').textContent()).toBe(HOSTILE_PROMPT);
    // the exchanges table shows the hostile user agent literally
    await page.getByTestId('tab-exchanges').click();
    await expect.poll(() => page.getByTestId('tables').textContent()).toContain(HOSTILE_UA);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('[data-testid="graph-workbench"] script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(seen.dialogs).toEqual([]);
    await screenshot(page, 'graph-hostile-strings');
  });

  it('draws a big view\'s edges on the edge layer: clicks on an edge and the path still work', async () => {
    // ?edgeLayer=0 puts every drill-down on the layer (normally views over 3,000 edges)
    const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await p.goto(`${server.url}&edgeLayer=0`);
      await viewReady(p);
      await p.getByTestId('cluster-row').first().click();
      const t = await readyAt(p);
      await p.getByTestId('drill-in').click();
      const v = await viewReady(p, t);
      expect(v.nodes).toBe(260);
      const counts = await p.evaluate(() => {
        const w = window as unknown as { __lwCy: CyCore; __lwLayerElements: () => unknown[] };
        return { elements: w.__lwCy.edges().length, layer: w.__lwLayerElements().length };
      });
      expect(counts.elements).toBe(0);
      expect(counts.layer).toBe(v.edges);
      // a real click on the middle of a drawn edge, away from every node: the edge panel opens
      const at = await p.evaluate(() => {
        const w = window as unknown as { __lwCy: CyCore; __lwLayerElements: () => Array<{ data: { source: string; target: string } }> };
        const cy = w.__lwCy;
        cy.zoom(2);
        cy.center(cy.$('node[label = "acct-1-1"]'));
        const box = cy.container()!.getBoundingClientRect();
        const boxes = cy.nodes().map((n) => n.renderedBoundingBox({}));
        for (const e of w.__lwLayerElements()) {
          const a = cy.getElementById(e.data.source).renderedPosition();
          const b = cy.getElementById(e.data.target).renderedPosition();
          const x = (a.x + b.x) / 2;
          const y = (a.y + b.y) / 2;
          if (x < 20 || y < 20 || x > box.width - 20 || y > box.height - 20) continue;
          if (boxes.some((r) => x > r.x1 - 6 && x < r.x2 + 6 && y > r.y1 - 6 && y < r.y2 + 6)) continue;
          return { x: box.left + x, y: box.top + y };
        }
        return null;
      });
      expect(at).not.toBeNull();
      await p.waitForTimeout(300); // the layer is redrawn once the view settles
      await p.mouse.click(at!.x, at!.y);
      await p.getByTestId('why-linked').waitFor();
      expect(await p.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.$('edge.picked').length)).toBe(1);
      // the path's edges become elements so they can be highlighted
      const steps = await findPath(p, 'acct-1-1', 'acct-1-250');
      const hl = await p.evaluate(() => {
        const cy = (window as unknown as { __lwCy: CyCore }).__lwCy;
        return { nodes: cy.$('node.hl').length, edges: cy.$('edge.hl').length };
      });
      expect(hl.nodes).toBe(steps);
      expect(hl.edges).toBe(steps - 1);
      await screenshot(p, 'graph-edge-layer-path');
    } finally {
      await p.close();
    }
  });

  it('draws a big overview\'s nodes on the node layer: click picks a cluster, double-click opens it', async () => {
    // ?edgeLayer=0 puts the overview's nodes on the layer (normally overviews over 2,500 elements)
    const p = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await p.goto(`${server.url}&edgeLayer=0`);
      const v = await viewReady(p);
      expect(v.nodes).toBe(27);
      expect(await p.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.nodes().length)).toBe(0);
      const nodeAt = async (id: string) => {
        const box = (await p.getByTestId('graph-canvas').boundingBox())!;
        const n = await p.evaluate((want) => (window as unknown as { __lwLayerNodes: () => Array<{ id: string; x: number; y: number; r: number }> }).__lwLayerNodes().find((x) => x.id === want), id);
        expect(n).toBeDefined();
        return { x: box.x + n!.x, y: box.y + n!.y, r: n!.r };
      };
      // a real click on the top cluster's disc opens its panel; empty space clears nothing else
      const top = await nodeAt('c:C001');
      expect(top.r).toBeGreaterThan(3);
      await p.mouse.click(top.x, top.y);
      await p.getByTestId('cluster-panel').waitFor();
      expect(await p.getByTestId('cluster-panel').textContent()).toContain('#C001');
      // picking another cluster in the list centres the view on its node
      await p.getByTestId('cluster-row').nth(1).click();
      await expect.poll(() => p.getByTestId('cluster-panel').textContent()).toContain('#C002');
      await p.waitForTimeout(400); // the focus animation
      const second = await nodeAt('c:C002');
      const box = (await p.getByTestId('graph-canvas').boundingBox())!;
      expect(Math.abs(second.x - (box.x + box.width / 2))).toBeLessThan(2);
      await screenshot(p, 'graph-node-layer-overview');
      // a double-click on a disc drills into that cluster
      const t = await readyAt(p);
      const again = await nodeAt('c:C001');
      await p.mouse.dblclick(again.x, again.y);
      const d = await viewReady(p, t);
      expect(d.nodes).toBe(260);
      expect(await p.getByTestId('crumb-cluster').textContent()).toContain('C001');
      // the drill-down holds its nodes in cytoscape again
      expect(await p.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.nodes().length)).toBe(260);
      // back on the overview, a layout moves the nodes into cytoscape and still shows them all
      const t2 = await readyAt(p);
      await p.getByTestId('crumb-overview').click();
      await viewReady(p, t2);
      await p.locator('select[aria-label="Layout"]').selectOption('grid');
      await expect.poll(() => p.evaluate(() => (window as unknown as { __lwCy: CyCore }).__lwCy.nodes().length)).toBe(27);
    } finally {
      await p.close();
    }
  });

  it('has a dark theme', async () => {
    await page.keyboard.press('Control+Shift+L');
    await page.waitForTimeout(400);
    await screenshot(page, 'graph-cluster-dark');
    await page.keyboard.press('Control+Shift+L');
    expect(seen.errors).toEqual([]);
  });
});
