// Electron utility process. Hosts the engine off the main process: requests arrive from main
// (already validated there), answers and events go back. The engine never imports 'electron';
// this file only uses the utility process's parentPort, which Node-style code sees on `process`.
import { Engine } from '../engine/engine';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) throw new Error('engine-host must run in an Electron utility process');

const engine = new Engine({ host: 'desktop', ...(process.env.LINKWORK_HOME ? { home: process.env.LINKWORK_HOME } : {}) });
engine.onEvent((event) => port.postMessage({ event }));

port.on('message', ({ data }) => {
  const { id, channel, payload } = data as { id: number; channel: string; payload: unknown };
  void engine.invoke(channel, payload).then((result) => port.postMessage({ id, result }));
});
port.postMessage({ event: { type: 'engine', state: 'ready', message: 'Engine ready.' } });
