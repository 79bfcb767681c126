// `npm run dist`: packages the desktop app with electron-builder (AppImage, deb, dmg, nsis). Needs
// Electron's binary and network access for electron-builder's tools; native modules
// (better-sqlite3) are rebuilt for Electron's ABI here, never for the Node used by tests.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let electron = null;
try {
  electron = require('electron');
} catch {
  /* not installed */
}
if (typeof electron !== 'string' || !existsSync(electron)) {
  console.error("npm run dist needs Electron's binary, which is missing (offline install?). On a machine with internet access run: node node_modules/electron/install.js, then npm run dist.");
  process.exit(1);
}
const step = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step([join(root, 'scripts', 'build.mjs')]);
step([join(root, 'node_modules', 'electron-builder', 'cli.js'), '--publish', 'never', ...process.argv.slice(2)]);
// electron-builder rebuilt better-sqlite3 for Electron inside node_modules: rebuild it for Node so
// `npm test` and the CLI keep working in this checkout.
spawnSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
