// Importing from the app in browser mode: upload through the file chooser, the mapping step with
// the first rows (in the file and as imported, following mapping edits), progress, the summary and
// the rejects view (hostile lines and values shown as text).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, launchBrowser, ROOT, screenshot, startServer, watchForScripts, type Server } from './harness';

let server: Server;
let browser: Browser;
let page: Page;
let seen: ReturnType<typeof watchForScripts>;
const dir = mkdtempSync(join(tmpdir(), 'lw-e2e-import-'));
const hostileFile = join(dir, 'exchanges-with-bad-lines.jsonl');

beforeAll(async () => {
  const good = (i: number) =>
    JSON.stringify({ request_id: `r-${i}`, timestamp: 1_780_000_000 + i * 60, user_id: `acct-${i % 7}`, client_ip: `203.0.113.${i % 50}`, ua: i === 3 ? '<img src=x onerror=alert(2)>' : 'curl/8.1', model: 'm-1', prompt_tokens: 10, completion_tokens: 200, prompt: `Think step by step about task ${i}` });
  const lines = Array.from({ length: 200 }, (_, i) => good(i));
  lines.splice(50, 0, '{"request_id": "broken", <img src=x onerror=alert(1)>');
  lines.splice(120, 0, '<script>alert("xss")</script>');
  writeFileSync(hostileFile, lines.join('\n') + '\n');
  const casePath = join(dir, 'import.lwcase.sqlite');
  cli(['import', '--case', casePath, '--quiet', join(ROOT, 'test', 'fixtures', 'formats', 'accounts.csv')]);
  server = await startServer({ home: join(dir, 'home'), casePath });
  ({ browser, page } = await launchBrowser());
  seen = watchForScripts(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  // the 600,000-line file and its case: about 300 MB per run
  rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

describe('import in the app', () => {
  it('uploads a file, shows the detected mapping and first rows', async () => {
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-panel').waitFor();
    await page.getByTestId('import-file-input').setInputFiles(hostileFile);
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor({ timeout: 30_000 });
    const text = await mapping.textContent();
    expect(text).toContain('user_id'); // detected synonym of account_id
    expect(text).toContain('client_ip');
    await screenshot(page, 'import-mapping');
  });

  it('shows the first rows as imported, and how a mapping edit changes them, before importing', async () => {
    const mapping = page.getByTestId('import-mapping');
    const summary = mapping.getByTestId('import-stored-summary');
    expect(await summary.textContent()).toContain('With this mapping, 20 of the first 20 rows are read; times 2026-05-28T20:26:40.000Z to 2026-05-28T20:45:40.000Z (UTC).');
    await mapping.getByRole('button', { name: 'As imported', exact: true }).click();
    const stored = mapping.getByTestId('import-stored-rows');
    await stored.waitFor();
    const shown = await stored.textContent();
    // epoch seconds read as UTC, addresses with their prefix, user agents with their family
    expect(shown).toContain('2026-05-28T20:26:40.000Z');
    expect(shown).toContain('203.0.113.0/24');
    expect(shown).toContain('<img src=x onerror=alert(2)>');
    expect(await stored.locator('img, script').count()).toBe(0);
    await screenshot(page, 'import-stored');
    // a wrong column for the time: every row would be rejected, and the reasons say why
    await mapping.getByLabel('Column for ts').selectOption('request_id');
    await page.waitForFunction(() => document.querySelector('[data-testid="import-stored-summary"]')?.textContent?.includes('0 of the first 20 rows are read, 20 would be rejected'));
    expect(await summary.textContent()).toContain('line 1: unreadable timestamp: r-0');
    expect(await stored.locator('tbody tr').count()).toBe(0);
    await screenshot(page, 'import-stored-wrong-time');
    // token counts taken for times: read as seconds after 1970, which the summary points out
    await mapping.getByLabel('Column for ts').selectOption('prompt_tokens');
    await page.waitForFunction(() => document.querySelector('[data-testid="import-stored-summary"]')?.textContent?.includes('times 1970-01-01T00:00:10.000Z (UTC)'));
    expect(await summary.textContent()).toContain('Some fall before 2000 or after today');
    // (the columns moved from request_id and input_tokens are mapped again: a column maps one field)
    await mapping.getByLabel('Column for ts').selectOption('timestamp');
    await mapping.getByLabel('Column for request_id').selectOption('request_id');
    await mapping.getByLabel('Column for input_tokens').selectOption('prompt_tokens');
    await page.waitForFunction(() => document.querySelector('[data-testid="import-stored-summary"]')?.textContent?.includes('20 of the first 20 rows are read;'));
    expect(await stored.locator('tbody tr').count()).toBe(20);
    await mapping.getByRole('button', { name: 'In the file', exact: true }).click();
    await mapping.getByTestId('import-file-rows').waitFor();
  });

  it('imports with progress, then shows the summary and the rejects as text', async () => {
    await page.getByTestId('import-mapping').getByRole('button', { name: /^Import/ }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/200/);
    // the times the rows cover, also in the imports table
    expect(await summary.getByTestId('import-time-span').textContent()).toBe('2026-05-28 20:26Z to 2026-05-28 23:45Z');
    expect(await page.getByTestId('import-history').getByTestId('import-time-span').first().textContent()).toBe('2026-05-28 20:26Z to 2026-05-28 23:45Z');
    await page.getByRole('button', { name: /Show all 2 rejected rows/ }).click();
    const rejects = page.getByTestId('import-rejects');
    await rejects.waitFor();
    const shown = await rejects.textContent();
    expect(shown).toContain('<script>alert("xss")</script>');
    expect(shown).toContain('onerror=alert(1)');
    expect(await rejects.locator('img, script').count()).toBe(0);
    await screenshot(page, 'import-rejects');
    // the imports table's rejected count opens the same rows
    await rejects.getByRole('button', { name: 'Close' }).click();
    await rejects.waitFor({ state: 'detached' });
    await page.getByTestId('import-history').getByTitle('Show the rejected rows of import #2').click();
    await rejects.waitFor();
    expect(await rejects.textContent()).toContain('<script>alert("xss")</script>');
    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
  });

  it('imports accounts dropped with exchanges with their own mapping, not the exchanges file\'s', async () => {
    const exchanges = join(dir, 'more-exchanges.jsonl');
    writeFileSync(exchanges, Array.from({ length: 5 }, (_, i) => JSON.stringify({ request_id: `m-${i}`, timestamp: 1_780_100_000 + i, user_id: `acct-${i}`, client_ip: '192.0.2.1', ua: 'curl/8.1' })).join('\n') + '\n');
    const accounts = join(dir, 'more-accounts.csv');
    writeFileSync(accounts, 'account_id,created_at,email\nacct-0,2026-01-05T00:00:00Z,a0@example.org\nacct-1,2026-01-06T00:00:00Z,a1@example.org\n');
    await page.getByTestId('import-summary').getByRole('button', { name: 'Import more files' }).click();
    await page.getByTestId('import-file-input').setInputFiles([exchanges, accounts]);
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor({ timeout: 30_000 });
    const others = mapping.getByTestId('import-other-files');
    await expect.poll(() => others.textContent(), { timeout: 10_000 }).toContain('more-accounts.csv accounts (csv): with its own detected mapping (account_id=account_id, created_at=created_at, email=email)');
    await screenshot(page, 'import-two-kinds');
    await mapping.getByRole('button', { name: /^Import/ }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    const text = await summary.textContent();
    expect(text).toContain('more-exchanges.jsonl 5 exchanges imported');
    expect(text).toContain('more-accounts.csv 2 accounts imported');
  });

  it("offers a trail's model column that only later records carry, and imports it", async () => {
    const trail = join(dir, 'trail.jsonl');
    const event = (i: number, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ eventVersion: '1.08', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventTime: new Date(Date.UTC(2026, 4, 1) + i * 1000).toISOString(), userIdentity: { accountId: '222233334444' }, sourceIPAddress: '203.0.113.9', eventID: `e-${i}`, ...extra });
    // about 2 MB of storage events before the first Bedrock call: the first rows hold no model
    const lines = Array.from({ length: 8000 }, (_, i) => event(i));
    lines.push(event(8000, { eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', requestParameters: { modelId: 'anthropic.claude-3-haiku' } }));
    writeFileSync(trail, lines.join('\n') + '\n');
    await page.getByTestId('import-summary').getByRole('button', { name: 'Import more files' }).click();
    await page.getByTestId('import-file-input').setInputFiles(trail);
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor({ timeout: 30_000 });
    const model = mapping.getByLabel('Column for model');
    expect(await model.inputValue()).toBe('requestParameters.modelId');
    expect(await model.locator('option:checked').textContent()).toBe('requestParameters.modelId (not in the first rows)');
    expect(await mapping.getByLabel('Column for request_id').inputValue()).toBe('eventID');
    await screenshot(page, 'import-trail-late-column');
    await mapping.getByRole('button', { name: /^Import/ }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toContain('trail.jsonl 8,001 exchanges imported (cloudtrail)');
  });

  it('imports a folder typed in: every log file below it, looking at the first files only', async () => {
    // a trail as CloudTrail delivers it: gzipped {"Records": [...]} files in dated folders
    const trail = join(dir, 'AWSLogs', '222233334444', 'CloudTrail', 'us-east-1', '2026', '05');
    // more than the imports list shows at first (50)
    const files = 60;
    for (let f = 0; f < files; f++) {
      const day = join(trail, String(1 + (f % 3)).padStart(2, '0'));
      mkdirSync(day, { recursive: true });
      const records = Array.from({ length: 5 }, (_, i) => ({
        eventVersion: '1.08',
        eventSource: 'bedrock.amazonaws.com',
        eventName: 'InvokeModel',
        eventTime: new Date(Date.UTC(2026, 4, 1) + (f * 5 + i) * 1000).toISOString(),
        userIdentity: { accountId: `2222333344${f % 4}0` },
        sourceIPAddress: '203.0.113.7',
        userAgent: 'Boto3/1.34',
        eventID: `folder-${f}-${i}`,
        requestParameters: { modelId: 'anthropic.claude-3-haiku' },
      }));
      writeFileSync(join(day, `222233334444_CloudTrail_us-east-1_${f}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
    }
    writeFileSync(join(dir, 'AWSLogs', 'README.md'), 'not a log');
    await page.getByTestId('import-summary').getByRole('button', { name: 'Import more files' }).click();
    await page.locator('#imp-path').fill(join(dir, 'AWSLogs'));
    await page.getByRole('button', { name: 'Use these paths' }).click();
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor({ timeout: 30_000 });
    expect(await mapping.locator('h2').first().textContent()).toBe(`${files} files`);
    // the size of them all, not the first's
    expect(await mapping.locator('.imp-facts').textContent()).toMatch(/\d+ KB in all/);
    const others = mapping.getByTestId('import-other-files');
    // the first file and 20 more looked at (alike: on one line), the other 39 said
    await expect.poll(() => others.getByTestId('import-fitting-files').textContent(), { timeout: 20_000 }).toBe('20 files exchanges (cloudtrail): with this mapping');
    expect(await others.getByTestId('import-not-looked-at').textContent()).toContain('and 39 more, each read with this mapping where it has these columns');
    await screenshot(page, 'import-folder');
    await mapping.getByRole('button', { name: /^Import/ }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getByTestId('import-totals').textContent()).toBe(`${files} files: ${files * 5} rows imported · 0 rejected · 0 duplicates skipped`);
    // each file an import of its own, with its mapping; the newest 50 listed, the rest on request
    const history = page.getByTestId('import-history');
    await expect.poll(() => history.locator('tbody tr').count(), { timeout: 10_000 }).toBe(50);
    expect(await history.locator('tbody tr').first().locator('.imp-mapping span').textContent()).toContain('account_id=userIdentity.accountId');
    await page.getByRole('button', { name: 'Show all imports (the newest 50 are shown)' }).click();
    // asked for now: the list is read again
    await expect.poll(() => history.locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(files);
    await history.locator('tbody tr').first().locator('.imp-mapping summary').click();
    await history.scrollIntoViewIfNeeded();
    await screenshot(page, 'import-history');
  });

  it('says a typed folder without log files has none', async () => {
    const empty = join(dir, 'nothing-here');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.md'), 'no logs');
    await page.getByTestId('import-summary').getByRole('button', { name: 'Import more files' }).click();
    await page.locator('#imp-path').fill(empty);
    await page.getByRole('button', { name: 'Use these paths' }).click();
    await expect.poll(() => page.getByText(/No log files under/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('import-drop').isVisible()).toBe(true);
  });

  it('cancels a folder import: the file being read is rolled back, the one finished before it stays, and it says so', async () => {
    const folder = join(dir, 'cancel-me');
    mkdirSync(folder);
    const line = (p: string, i: number) => JSON.stringify({ request_id: `${p}-${i}`, timestamp: 1_780_200_000 + i, user_id: `acct-${i % 9}`, client_ip: `198.51.100.${i % 200}`, ua: 'curl/8.1', model: 'm-1', prompt: `Explain item ${i % 991} step by step` });
    writeFileSync(join(folder, 'a-small.jsonl'), Array.from({ length: 5 }, (_, i) => line('small', i)).join('\n') + '\n');
    writeFileSync(join(folder, 'b-large.jsonl'), Array.from({ length: 400_000 }, (_, i) => line('large', i)).join('\n') + '\n');
    // the test before leaves the file picker
    await page.locator('#imp-path').fill(folder);
    await page.getByRole('button', { name: 'Use these paths' }).click();
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor({ timeout: 30_000 });
    await mapping.getByRole('button', { name: /^Import/ }).click();
    const progress = page.getByTestId('import-progress');
    await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toContain('b-large.jsonl (2/2)');
    expect(await progress.textContent()).toContain('Cancelling: the file being read is rolled back; the files finished before it stay imported');
    expect(await progress.getByTestId('import-overall').textContent()).toContain('1 of 2 files imported');
    await screenshot(page, 'import-cancelling');
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('toast').allTextContents(), { timeout: 30_000 }).toContainEqual(expect.stringContaining('Import: Cancelled; the file being read was rolled back; the file imported before it stays'));
    await page.getByTestId('import-drop').waitFor();
    const history = page.getByTestId('import-history');
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain('a-small.jsonl');
    expect(await history.textContent()).not.toContain('b-large.jsonl');
  });

  it('queues an analysis asked for while an import runs, and starts it when the import has finished', async () => {
    // long enough to still be loading when the dialog is opened (a few seconds)
    const big = join(dir, 'exchanges-large.jsonl');
    const line = (i: number) =>
      JSON.stringify({ request_id: `q-${i}`, timestamp: 1_780_000_000 + i, user_id: `acct-${i % 7}`, client_ip: `198.51.100.${i % 200}`, ua: 'curl/8.1', model: 'm-1', prompt_tokens: 10, completion_tokens: 200, prompt: `Summarise report ${i % 997} in detail` });
    writeFileSync(big, Array.from({ length: 600_000 }, (_, i) => line(i)).join('\n') + '\n');
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-panel').waitFor();
    await page.getByTestId('import-file-input').setInputFiles(big);
    await page.getByTestId('import-mapping').waitFor({ timeout: 30_000 });
    await page.getByTestId('import-mapping').getByRole('button', { name: /^Import/ }).click();
    await page.getByTestId('analysis-button').click();
    const dialog = page.getByTestId('analysis-dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Run when it has finished' }).click();
    await expect.poll(() => page.getByTestId('analysis-button').textContent(), { timeout: 10_000 }).toContain('Analysis queued');
    // dropped, then queued again
    await page.getByTestId('analysis-button').click();
    await dialog.getByTestId('analysis-queued').waitFor();
    await screenshot(page, 'analysis-dialog-queued');
    await dialog.getByTestId('analysis-unqueue').click();
    await expect.poll(() => page.getByTestId('analysis-button').textContent(), { timeout: 10_000 }).not.toContain('queued');
    expect(await dialog.getByTestId('analysis-queued').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Run when it has finished' }).click();
    await expect.poll(() => page.getByTestId('analysis-button').textContent(), { timeout: 10_000 }).toContain('Analysis queued');
    await screenshot(page, 'analysis-queued');
    // the import ends, the analysis starts and ends: the dialog then tells its result
    await expect.poll(() => page.getByTestId('analysis-button').textContent(), { timeout: 120_000, interval: 250 }).toMatch(/^Analys(e|ing)/);
    await expect.poll(() => page.getByTestId('analysis-button').textContent(), { timeout: 120_000, interval: 500 }).toMatch(/^Analyse/);
    await page.getByTestId('analysis-button').click();
    await expect.poll(() => dialog.textContent(), { timeout: 30_000 }).toMatch(/Last analysis .*accounts/);
    expect(await dialog.textContent()).not.toContain('since then');
    await page.keyboard.press('Escape');
    expect(seen.errors).toEqual([]);
  }, 240_000);
});
