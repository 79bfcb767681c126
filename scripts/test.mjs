// `npm test`: builds, runs unit + integration tests (vitest), then end-to-end tests in Debian's
// Chromium against browser mode. In CI (CI=true) a missing Chromium is a failure, not a skip.
// Ends with one plain line: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.LINKWORK_CHROMIUM ?? '/usr/bin/chromium';
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
mkdirSync(join(root, 'test-results'), { recursive: true });

const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

function counts(file) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: r.numPassedTests ?? 0, failed: r.numFailedTests ?? 0, skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0), suitesFailed: r.numFailedTestSuites ?? 0 };
  } catch {
    return { passed: 0, failed: 1, skipped: 0, suitesFailed: 1 };
  }
}

if (run([join(root, 'scripts', 'build.mjs')]) !== 0) {
  console.error('tests: 0 passed, 1 failed (the build failed)');
  process.exit(1);
}

const unitJson = join(root, 'test-results', 'unit.json');
const unitStatus = run([vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile=${unitJson}`]);
const total = counts(unitJson);

let e2eStatus = 0;
if (!existsSync(chromium)) {
  if (ci) {
    console.error(`\nE2E CANNOT RUN: no Chromium at ${chromium}. Install it (apt-get install -y chromium) — CI must run the end-to-end tests.`);
    e2eStatus = 1;
    total.failed += 1;
  } else {
    console.warn(`\nSkipping end-to-end tests: no Chromium at ${chromium} (sudo apt-get install -y chromium, or set LINKWORK_CHROMIUM).`);
  }
} else {
  const e2eJson = join(root, 'test-results', 'e2e.json');
  e2eStatus = run([vitest, 'run', '-c', 'vitest.e2e.config.mts', '--reporter=default', '--reporter=json', `--outputFile=${e2eJson}`]);
  const e = counts(e2eJson);
  total.passed += e.passed;
  total.failed += e.failed;
  total.skipped += e.skipped;
  if (e2eStatus !== 0 && e.failed === 0) total.failed += 1; // a suite that crashed before its tests
}
if (unitStatus !== 0 && total.failed === 0) total.failed += 1;

console.log(`\ntests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(unitStatus !== 0 || e2eStatus !== 0 ? 1 : 0);
