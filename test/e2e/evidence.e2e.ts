// Evidence packets from the app, in browser mode against the real engine: a case generated,
// imported and analysed with the CLI; pick clusters in the Evidence tab, preview the report in
// its sandboxed frame, export (default .zip in the workbench's exports folder, then to a typed
// folder), verify from the app and from the CLI, and open the exported report.html itself.
// Screenshots (evidence-panel.png, evidence-report.png) go to test-results/screenshots/.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, launchBrowser, screenshot, startServer, watchForScripts, type Server } from './harness';

let dir: string;
let server: Server;
let browser: Browser;
let page: Page;
let seen: { dialogs: string[]; errors: string[] };
let top: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lw-evidence-e2e-'));
  const data = join(dir, 'data');
  const casePath = join(dir, 'evidence.lwcase.sqlite');
  cli(['generate', '--out', data, '--accounts', '600', '--exchanges', '20000', '--hostile-rate', '0.02', '--quiet']);
  cli(['import', '--case', casePath, join(data, 'accounts.jsonl'), join(data, 'exchanges.jsonl')]);
  cli(['analyze', '--case', casePath]);
  top = cli(['clusters', '--case', casePath])
    .split('\n')
    .map((l) => /^(C-[0-9A-F]+)\s/.exec(l)?.[1])
    .filter((x): x is string => !!x)
    .slice(0, 2);
  server = await startServer({ home: join(dir, 'home'), casePath });
  ({ browser, page } = await launchBrowser());
  seen = watchForScripts(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The text of the report shown in the preview frame, and whether its stylesheet took effect. */
async function previewState(p: Page): Promise<{ text: string; styled: boolean; scripts: number }> {
  const handle = await p.getByTestId('report-preview').elementHandle();
  const frame = await handle!.contentFrame();
  return frame!.evaluate(() => ({
    text: document.body.innerText,
    // the report's CSS sets a serif or sans font and table borders; unstyled tables have none
    styled: document.adoptedStyleSheets.length > 0 && getComputedStyle(document.querySelector('table')!).borderCollapse === 'collapse',
    scripts: document.querySelectorAll('script').length,
  }));
}

describe('evidence packets from the app', () => {
  it('previews the report of the selected clusters in a sandboxed frame', async () => {
    expect(top.length).toBe(2);
    await page.goto(server.url);
    await page.getByTestId('case-name').waitFor();
    await page.getByRole('navigation', { name: 'Case' }).getByRole('button', { name: 'Evidence' }).click();
    await page.getByTestId('evidence-clusters').waitFor();
    for (const id of top) await page.getByRole('checkbox', { name: `Select cluster ${id}` }).check();
    await page.getByTestId('report-preview').waitFor();
    await expect.poll(async () => (await previewState(page)).text, { timeout: 20_000 }).toContain(top[1]);
    const state = await previewState(page);
    expect(state.text).toContain(top[0]);
    expect(state.styled).toBe(true);
    expect(state.scripts).toBe(0);
    expect(await page.getByTestId('report-preview').getAttribute('sandbox')).toBe('allow-same-origin');
    expect(await page.getByTestId('preview-summary').textContent()).toContain('manifest.json');
    await screenshot(page, 'evidence-panel');
  });

  it('exports a packet to the exports folder as a job, and verifies it', async () => {
    await page.getByTestId('export-packet').click();
    const card = page.getByTestId('export-result');
    await card.waitFor({ timeout: 120_000 });
    const out = (await page.getByTestId('export-path').textContent())!;
    const sha = (await page.getByTestId('manifest-sha').textContent())!;
    expect(out.startsWith(join(server.home, 'exports'))).toBe(true);
    expect(out.endsWith('.zip')).toBe(true);
    expect(existsSync(out)).toBe(true);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await page.getByTestId('verify-packet').click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toContain('Verified');
    // the same packet checks out from the command line too
    const verdict = JSON.parse(cli(['verify', out, '--json'])) as { ok: boolean; manifestSha256: string };
    expect(verdict.ok).toBe(true);
    expect(verdict.manifestSha256).toBe(sha);
  });

  it('exports to a typed folder, notices a tampered file, and the report reads as a document', async () => {
    const folder = join(dir, 'packet-folder');
    await page.getByLabel('Export path').fill(folder);
    await page.getByRole('checkbox', { name: /Include report.pdf/ }).uncheck();
    await page.getByTestId('export-packet').click();
    await expect.poll(() => page.getByTestId('export-path').textContent(), { timeout: 120_000 }).toBe(folder);
    expect(existsSync(join(folder, 'report.html'))).toBe(true);
    expect(existsSync(join(folder, 'report.pdf'))).toBe(false);
    // the preview listed exactly the files the export wrote
    const listed = /files: (.*)$/.exec((await page.getByTestId('preview-summary').locator('summary').textContent())!)![1]!.split(', ');
    expect(listed.sort()).toEqual(readdirSync(folder).sort());

    // one changed byte: verify names the file
    const csv = join(folder, 'accounts.csv');
    const original = readFileSync(csv);
    const changed = Buffer.from(original);
    changed[changed.length - 2] = changed[changed.length - 2] === 0x41 ? 0x42 : 0x41;
    writeFileSync(csv, changed);
    await page.getByTestId('verify-packet').click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toMatch(/problem/);
    expect(await page.getByTestId('export-result').textContent()).toContain('accounts.csv');
    writeFileSync(csv, original);
    await page.getByTestId('verify-packet').click();
    await expect.poll(() => page.getByTestId('verify-result').textContent()).toContain('Verified');

    // the exported report itself, opened as a file: no scripts, the cluster ids, a graph picture
    const report = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const reportSeen = watchForScripts(report);
    await report.goto(pathToFileURL(join(folder, 'report.html')).href);
    const body = await report.evaluate(() => document.body.innerText);
    for (const id of top) expect(body).toContain(id);
    expect(await report.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
    expect(await report.evaluate(() => document.querySelectorAll('svg').length)).toBeGreaterThan(0);
    await screenshot(report, 'evidence-report');
    await report.screenshot({ path: join(dir, 'full.png'), fullPage: true });
    expect(reportSeen.dialogs).toEqual([]);
    expect(reportSeen.errors).toEqual([]);
    await report.close();
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});
