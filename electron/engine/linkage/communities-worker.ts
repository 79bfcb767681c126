// Engine, worker thread (workers/linkage-louvain). Runs the community-detection tries of the
// given seeds (communities.ts) over the graph the analysis thread shares and answers with their
// results (community arrays transferred); see sync-worker.ts.
import { runTries, type TryInput } from './communities';
import { answerSync } from './sync-worker';

answerSync((d: { input: TryInput; seeds: number[] }) => {
  const r = runTries(d.input, d.seeds);
  return { answer: r, transfer: r.map((x) => x.community.buffer as ArrayBuffer) };
});
