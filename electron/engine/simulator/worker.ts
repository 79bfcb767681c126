// Worker thread (dist/workers/simulator.cjs). Rebuilds the world from the same Params and renders
// the hours it is sent; the main thread writes them in order.
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { buildWorld } from './build-world';
import type { Params } from './params';
import { DayRenderer } from './render';

const { params, gzipLevel } = workerData as { params: Params; gzipLevel: number };
const renderer = new DayRenderer(buildWorld(params));

parentPort!.on('message', (m: { i: number; day: number; hour: number }) => {
  const r = renderer.render(m.day, m.hour);
  const bytes = params.gzip ? new Uint8Array(gzipSync(r.bytes, { level: gzipLevel })) : r.bytes;
  parentPort!.postMessage({ i: m.i, bytes, exchanges: r.exchanges, malformed: r.malformed }, [bytes.buffer as ArrayBuffer]);
});
