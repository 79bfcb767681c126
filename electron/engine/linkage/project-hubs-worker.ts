// Engine, worker thread (workers/linkage-hubs). Builds a projection's hub structures
// (project-hubs.ts hubStructures) from a source on shared memory, answering them on shared memory
// (posted without a copy). See project-hubs-async.ts and sync-worker.ts.
import { hubStructures, type HubSource } from './project-hubs';
import { answerSync } from './sync-worker';

answerSync((d: { src: HubSource; accounts: number; sampleNeighbours: number; excluded: Uint8Array; sigOf: Int32Array; famOf: Int32Array }) => ({
  answer: hubStructures(d.src, d.accounts, d.sampleNeighbours, d.excluded, d.sigOf, d.famOf, true),
}));
