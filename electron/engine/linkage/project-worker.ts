// Engine, worker thread (workers/linkage-project). Projects rows of a projection (project.ts)
// over the input the analysis thread shares: with shared edge columns, the row ranges it claims
// from the front (project-async.ts RowClaims), written forwards from their start (answering where
// its edges end); else rows [from, to) into its own buffer (answered, buffers transferred, not
// copied). See sync-worker.ts.
import { EdgeBuffer, ForwardWriter } from './edge-sinks';
import { projectClaimedRows, projectRows } from './project';
import type { ProjectionInput } from './project-input';
import { bufferResult, RowClaims, type WorkerResult, type WorkerTask } from './project-async';
import { answerSync } from './sync-worker';

answerSync((d: { input: ProjectionInput; task: WorkerTask }) => {
  const { from, to, cols, claims, chunk } = d.task;
  if (cols && claims) {
    const w = new ForwardWriter(cols, 0, 0);
    const projected = projectClaimedRows(d.input, new RowClaims(claims, chunk).front, w);
    const answer: WorkerResult = { n: w.e, m: w.s, projected, arrays: false };
    return { answer };
  }
  const buf = new EdgeBuffer(d.input.nsig);
  const r = bufferResult(buf, projectRows(d.input, from, to, buf));
  const answer: WorkerResult = { ...r, arrays: true };
  return { answer, transfer: [r.a, r.b, r.w, r.h, r.st, r.sigStart, r.sigK, r.sigW].map((x) => x.buffer as ArrayBuffer) };
});
