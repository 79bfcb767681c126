// `npm start`: builds when needed, then launches the desktop app where Electron's binary exists and
// a display is available; otherwise starts browser mode and prints (and tries to open) its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = join(root, 'dist', 'renderer', 'index.html');
const mainJs = join(root, 'dist', 'electron', 'main.cjs');
const stale = !existsSync(built) || !existsSync(mainJs) || Math.max(newest(join(root, 'renderer')), newest(join(root, 'electron'))) > Math.min(statSync(built).mtimeMs, statSync(mainJs).mtimeMs);
if (stale) {
  console.log('Building Linkwork…');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function electronBinary() {
  try {
    const p = require('electron'); // the path of the binary, or throws when it was never downloaded
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = electronBinary();
if (electron && hasDisplay && !process.argv.includes('--browser')) {
  const child = spawn(electron, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    electron
      ? 'No display found: starting Linkwork in browser mode.'
      : "Electron's binary is not installed (it is downloaded from the internet at install time): starting Linkwork in browser mode.",
  );
  const args = [join(root, 'bin', 'linkwork.cjs'), 'serve', '--open', ...process.argv.slice(2).filter((a) => a !== '--browser')];
  // the engine runs in this process: it gets the allocator settings the desktop app gives its engine
  const env = { ...require('../electron/shared/engine-process-env.json'), ...process.env };
  const child = spawn(process.execPath, args, { stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
}
