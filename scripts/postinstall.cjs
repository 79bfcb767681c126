// Runs after `npm install` in a checkout. Two jobs, both tolerant:
// 1. try to fetch Electron's binary (npm 11's allowScripts keeps electron's own install script
//    from running, because it fails hard offline); a failure only warns, since `npm start` falls
//    back to browser mode where no binary exists;
// 2. build the Node side (CLI, engine workers, Electron main/preload) so `npx linkwork` works.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function tryElectronDownload() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return;
  const r = spawnSync(process.execPath, [installer], { cwd: path.dirname(installer), stdio: 'pipe', timeout: 120000 });
  if (r.status !== 0) {
    console.warn('linkwork: Electron binary could not be downloaded (offline?); `npm start` will use browser mode.');
  }
}

function buildNodeSide() {
  const build = path.join(root, 'scripts', 'build.mjs');
  if (!fs.existsSync(build) || !fs.existsSync(path.join(root, 'node_modules', 'esbuild'))) return;
  const r = spawnSync(process.execPath, [build, '--node-only'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.warn('linkwork: build of the CLI failed; run `npm run build` to see why.');
}

tryElectronDownload();
buildNodeSide();
