// Engine, job worker. A projection's hub structures (project-hubs.ts: the hubs each account holds,
// and the pairs sampled from each hub's holders) built on a worker thread while this thread does
// other work: at the reported scale analyze() writes each account's packed values (about 4 s) while
// the worker builds them (about 3.7 s), where both ran one after the other on this thread. The
// source is on shared memory (ValueTable keeps pv and byAccount there), so nothing large is
// copied. analyze() stays synchronous (sync-worker.ts). A missing build or a failed worker: they
// are built here when asked for, the same (tested).
import { builtWorker } from '../paths';
import { hubSource, hubStructures, type HubStructures } from './project-hubs';
import type { LinkValues } from './project';
import { startSyncWorker } from './sync-worker';
import type { ValueTable } from './value-table';

/** Starts building the hub structures; `result()` waits for them (or builds them here). */
export function startHubStructures(
  table: ValueTable,
  lv: LinkValues,
  accounts: number,
  sampleNeighbours: number,
  excluded: Uint8Array,
  sigOf: Int32Array,
  famOf: Int32Array,
): { result(): HubStructures } {
  const local = () => hubStructures(hubSource(table, lv), accounts, sampleNeighbours, excluded, sigOf, famOf, true);
  const file = builtWorker('linkage-hubs');
  const worker = file ? startSyncWorker(file, { src: hubSource(table, lv, true), accounts, sampleNeighbours, excluded, sigOf, famOf }) : null;
  if (!worker) return { result: local };
  const t0 = Date.now();
  return {
    // generous: seconds at the reported scale, on a loaded machine
    result: () => worker.answer<HubStructures>(Math.max(120_000, 4 * (Date.now() - t0))) ?? local(),
  };
}
