#!/usr/bin/env node
// The `linkwork` command. Runs the bundled CLI, building it first when the sources are newer
// (so a checkout works right after `npm install`, and after every edit).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.cjs');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function stale() {
  if (!fs.existsSync(cli)) return true;
  const src = path.join(root, 'electron');
  if (!fs.existsSync(src)) return false; // packaged: no sources
  return newestMtime(src) > fs.statSync(cli).mtimeMs;
}

if (stale()) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--node-only'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write('linkwork: could not build the CLI (see above).\n');
    process.exit(1);
  }
}
require(cli);
