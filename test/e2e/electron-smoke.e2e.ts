// The desktop shell itself, where Electron's binary exists (it cannot be downloaded on offline
// machines; there this test is skipped and browser mode carries the end-to-end tests).
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness';

function electronBinary(): string | null {
  try {
    const p = createRequire(join(ROOT, 'package.json'))('electron') as unknown;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}
const binary = electronBinary();
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY);

describe.skipIf(!binary || !display)('desktop app (Electron)', () => {
  it('opens a sandboxed window on the start screen with the bridge and no Node', async () => {
    const app = await electron.launch({ executablePath: binary!, args: [ROOT], env: { ...process.env, LINKWORK_HOME: mkdtempSync(join(tmpdir(), 'lw-electron-')) } });
    try {
      const win = await app.firstWindow();
      await win.getByRole('heading', { name: 'New case' }).waitFor();
      expect(win.url()).toMatch(/^app:\/\/linkwork\//);
      expect(await win.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      expect(await win.evaluate(() => Object.isFrozen((window as unknown as { workbench: object }).workbench))).toBe(true);
      const info = await win.evaluate(() => (window as unknown as { workbench: { call: (c: string, p: unknown) => Promise<unknown> } }).workbench.call('app.info', {}));
      expect(info).toMatchObject({ ok: true, value: { host: 'desktop' } });
    } finally {
      await app.close();
    }
  });
});
