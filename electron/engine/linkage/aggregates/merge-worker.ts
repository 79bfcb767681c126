// Engine, aggregate merge worker thread (workers/aggregate-merge). Merges an import's spilled
// aggregate runs into one run (spill-runs.ts mergeRunsInto) while the job thread builds the
// exchanges indexes: that merge is plain JavaScript over scratch files and took the tail of a
// large import on one core. The job thread then only inserts the merged groups into agg_values.
import { parentPort, workerData } from 'node:worker_threads';
import { mergeRunsInto, type RunsOnDisk } from './spill-runs';

const { input, out } = workerData as { input: RunsOnDisk; out: string };
parentPort?.postMessage(mergeRunsInto(input, out));
