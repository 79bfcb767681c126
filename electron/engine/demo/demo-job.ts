// Engine, job worker. The demo case: traffic from the simulator's demo preset (planted campaigns
// and benign look-alikes), imported and analysed like any other data, so a new user sees a real
// investigation. Built once in the workbench home, then reopened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeJob } from '../linkage/analyze-job';
import { importJob } from '../ingest/import-job';
import type { JobFn } from '../jobs/job-context';
import { generateDataset } from '../simulator/generate';

export interface DemoParams {
  /** the case is already built: nothing to do */
  reuse?: boolean;
}

export const DEMO_SEED = 20260422;

export const demoJob: JobFn<DemoParams | undefined, { built: boolean }> = async (ctx, params) => {
  if (params?.reuse) return { built: false };
  const dir = mkdtempSync(join(tmpdir(), 'linkwork-demo-'));
  try {
    ctx.progress({ phase: 'generating traffic', done: 0, total: null });
    const data = await generateDataset(
      { preset: 'demo', seed: DEMO_SEED, threads: 0, onProgress: (p) => ctx.progress({ phase: 'generating traffic', done: p.done, total: p.total }) },
      dir,
    );
    ctx.checkCancelled();
    await importJob(ctx, { paths: [data.files.accounts, data.files.exchanges] });
    ctx.checkCancelled();
    await analyzeJob(ctx, undefined);
    ctx.db.prepare("INSERT INTO meta (key, value) VALUES ('demo_ready', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    return { built: true };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
