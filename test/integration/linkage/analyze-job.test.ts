// The analysis job (what the app and the CLI run) stores the overview the app opens on, for the
// case's new state: opening the case afterwards reads it instead of computing it.
import { describe, expect, it } from 'vitest';
import { buildPackedOverview } from '../../../electron/engine/graph/overview';
import { analyzeJob } from '../../../electron/engine/linkage/analyze-job';
import type { JobContext } from '../../../electron/engine/jobs/job-context';
import { LIMITS } from '../../../electron/shared/limits';
import { buildWorld } from './world';

describe('analysis job', () => {
  it('leaves the default overview stored for the analysed state', async () => {
    const cb = buildWorld(3);
    const db = cb.db;
    const stored = () => db.prepare('SELECT stamp, json FROM graph_overview_cache WHERE max_nodes = ?').get(LIMITS.overviewNodes) as { stamp: string; json: string } | undefined;
    expect(stored()).toBeUndefined();
    const phases: string[] = [];
    const ctx = { db, casePath: '', progress: (p: { phase: string }) => phases.push(p.phase), isCancelled: () => false, checkCancelled: () => {} } as unknown as JobContext;
    const result = await analyzeJob(ctx, undefined);
    expect(result.stats.clusters).toBeGreaterThan(0);
    expect(phases.at(-1)).toBe('overview');
    const row = stored();
    expect(row).toBeDefined();
    // what the app's first graph.overview call returns is that row, unchanged
    const first = buildPackedOverview(db, LIMITS.overviewNodes);
    expect(stored()).toEqual(row);
    expect(first.clusters).toEqual((JSON.parse(row!.json) as typeof first).clusters);
    await cb.close();
  });
});
