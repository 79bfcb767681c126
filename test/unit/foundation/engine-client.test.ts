// The desktop host's engine client: requests answered by id, and a dead engine process restarted
// with a visible message, the open case reopened, and pending calls answered with an error.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../../electron/main/engine-client';
import type { WorkbenchEvent } from '../../../electron/shared/contract';

class FakeUtilityProcess extends EventEmitter {
  sent: Array<{ id: number; channel: string; payload: unknown }> = [];
  postMessage(m: { id: number; channel: string; payload: unknown }) {
    this.sent.push(m);
  }
  kill() {
    this.emit('exit', 0);
    return true;
  }
  answer(id: number, value: unknown) {
    this.emit('message', { id, result: { ok: true, value } });
  }
}

describe('EngineClient', () => {
  it('routes answers by id and restarts a crashed engine, reopening the case', async () => {
    const children: FakeUtilityProcess[] = [];
    const events: WorkbenchEvent[] = [];
    const client = new EngineClient({
      fork: () => {
        const c = new FakeUtilityProcess();
        children.push(c);
        return c as never;
      },
      emit: (e) => events.push(e),
    });
    const opened = client.invoke('case.open', { path: '/cases/a.sqlite' });
    children[0]!.answer(children[0]!.sent[0]!.id, { path: '/cases/a.sqlite' });
    expect(await opened).toEqual({ ok: true, value: { path: '/cases/a.sqlite' } });

    const pending = client.invoke('clusters.list', {});
    children[0]!.emit('exit', 139); // the engine crashed mid-request
    expect(await pending).toMatchObject({ ok: false, error: { code: 'ENGINE_DOWN' } });
    expect(children).toHaveLength(2);
    expect(events.some((e) => e.type === 'engine' && e.state === 'restarted' && /restarted/.test(e.message))).toBe(true);
    expect(children[1]!.sent[0]).toMatchObject({ channel: 'case.open', payload: { path: '/cases/a.sqlite' } });

    client.stop();
    expect(children).toHaveLength(2); // a deliberate stop is not restarted
  });
});
