// The overview prefetched at start-up (renderer/src/api/boot-calls.ts): handed once to the first
// identical call, never when it failed, and dropped when a case event makes it possibly stale.
import { describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../../../electron/shared/contract';
import { withBootCalls } from '../../../renderer/src/api/boot-calls';
import type { WorkbenchApi } from '../../../renderer/src/api/workbench-api';

function fakeApi(answer: (n: number) => unknown) {
  const calls: string[] = [];
  const listeners = new Set<(e: WorkbenchEvent) => void>();
  const api: WorkbenchApi = {
    transport: 'web',
    call: (channel) => {
      calls.push(channel);
      return Promise.resolve(answer(calls.length) as never);
    },
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    fileToPath: () => Promise.resolve({ ok: true, value: '' }),
  };
  return { api, calls, emit: (e: WorkbenchEvent) => listeners.forEach((l) => l(e)) };
}

describe('withBootCalls', () => {
  it('sends the calls in the order given', () => {
    const f = fakeApi((n) => ({ ok: true, value: n }));
    withBootCalls(f.api, [
      ['case.current', {}],
      ['graph.overview', {}],
    ]);
    expect(f.calls).toEqual(['case.current', 'graph.overview']);
  });

  it('sends the call at once and hands its answer to the first identical call only', async () => {
    const f = fakeApi((n) => ({ ok: true, value: n }));
    const api = withBootCalls(f.api, [['graph.overview', {}]]);
    expect(f.calls).toEqual(['graph.overview']);
    expect(await api.call('graph.overview', {})).toEqual({ ok: true, value: 1 });
    expect(f.calls).toHaveLength(1);
    expect(await api.call('graph.overview', {})).toEqual({ ok: true, value: 2 });
    expect(await api.call('graph.overview', { maxNodes: 10 })).toEqual({ ok: true, value: 3 });
  });

  it('asks again when the early answer failed (no case open yet)', async () => {
    const f = fakeApi((n) => (n === 1 ? { ok: false, error: { code: 'NO_CASE', message: 'no case' } } : { ok: true, value: n }));
    const api = withBootCalls(f.api, [['graph.overview', {}]]);
    expect(await api.call('graph.overview', {})).toEqual({ ok: true, value: 2 });
  });

  it('drops the early answer when a case event arrives first', async () => {
    const f = fakeApi((n) => ({ ok: true, value: n }));
    const api = withBootCalls(f.api, [['graph.overview', {}]]);
    f.emit({ type: 'case', change: 'analysis' } as WorkbenchEvent);
    expect(await api.call('graph.overview', {})).toEqual({ ok: true, value: 2 });
  });
});
