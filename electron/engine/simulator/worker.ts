// Worker thread (dist/workers/simulator.cjs). Rebuilds the world from the same Params and renders
// the hours it is sent into its own reused buffers; once the main thread knows where an hour goes
// in the file (the lengths of all earlier hours), this worker writes it there itself (pwrite on
// the shared fd). Output bytes never cross threads: no copies, no transfers, no garbage on main.
import { writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { buildWorld } from './build-world';
import { ByteSink } from './bytes';
import type { Params } from './params';
import { DayRenderer } from './render';

export type ToWorker = { kind: 'render'; i: number; day: number; hour: number } | { kind: 'write'; i: number; offset: number };
export type FromWorker = { kind: 'rendered'; i: number; length: number; exchanges: number; malformed: number } | { kind: 'written'; i: number };

const { params, gzipLevel, fd } = workerData as { params: Params; gzipLevel: number; fd: number };
const renderer = new DayRenderer(buildWorld(params));
const free: ByteSink[] = [];
const held = new Map<number, { sink: ByteSink; bytes: Uint8Array }>();

parentPort!.on('message', (m: ToWorker) => {
  if (m.kind === 'render') {
    const sink = free.pop() ?? new ByteSink();
    const r = renderer.renderInto(sink, m.day, m.hour);
    const plain = sink.buf.subarray(0, sink.pos);
    const bytes = params.gzip ? gzipSync(plain, { level: gzipLevel }) : plain;
    held.set(m.i, { sink, bytes });
    const msg: FromWorker = { kind: 'rendered', i: m.i, length: bytes.length, exchanges: r.exchanges, malformed: r.malformed };
    parentPort!.postMessage(msg);
    return;
  }
  const h = held.get(m.i)!;
  held.delete(m.i);
  let off = 0;
  while (off < h.bytes.length) off += writeSync(fd, h.bytes, off, h.bytes.length - off, m.offset + off);
  free.push(h.sink);
  const msg: FromWorker = { kind: 'written', i: m.i };
  parentPort!.postMessage(msg);
});
