// Engine (CLI and job worker). report.pdf from report.html: Chromium's print-to-PDF driven by
// Playwright with the system Chromium (Debian's `chromium`). The app's Electron host may print
// with webContents.printToPDF instead; both print the same HTML. When no Chromium is found the
// packet is written without the PDF and says why.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM_HINT = 'Install Chromium to get report.pdf (Debian/Ubuntu: apt-get install -y chromium), or set LINKWORK_CHROMIUM to its path.';

export function findChromium(): string | null {
  const candidates = [process.env.LINKWORK_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}

// Chromium stamps the print time into the PDF; pinning it (same byte length, so the cross
// reference offsets stay valid) keeps the same report giving the same PDF bytes.
export function pinPdfDates(pdf: Buffer, isoDate: string): Buffer {
  const d = new Date(isoDate);
  const t = Number.isNaN(d.getTime()) ? new Date(0) : d;
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${t.getUTCFullYear()}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
  const text = pdf.toString('latin1');
  const pinned = text.replace(/\/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)/g, (_m, key: string, _d: string, tz: string) => {
    const z = "+00'00'".slice(0, tz.length).padEnd(tz.length, "'");
    return `/${key} (D:${stamp}${z})`;
  });
  return Buffer.from(pinned, 'latin1');
}

export async function htmlToPdf(html: string, dataAsOf: string): Promise<Buffer> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_HINT);
  // loaded here, not at module load: requiring Playwright costs about a second, and every CLI
  // command (generate, import ...) would pay it at start-up
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'linkwork-pdf-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    offline: true,
    javaScriptEnabled: false,
  });
  try {
    const page = await context.newPage();
    // nothing may leave the machine while printing, whatever the HTML says
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
    return pinPdfDates(Buffer.from(pdf), dataAsOf);
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}
