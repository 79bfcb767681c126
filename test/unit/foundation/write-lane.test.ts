// The engine's write lane: changes that find the case locked wait (without blocking), in arrival
// order, jobs are asked to let them in, the UI hears how many wait, and a change gives up with a
// clear error past the wait limit or when its case was closed. A fake clock and a fake lock.
import { describe, expect, it } from 'vitest';
import { isBusy, WriteLane } from '../../../electron/engine/write-lane';
import { writesWaitingFlag } from '../../../electron/engine/jobs/job-context';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

function harness(opts: { limitMs?: number } = {}) {
  let clock = 0;
  const state = { locked: false, letIn: [] as boolean[], events: [] as string[], slept: 0 };
  const lane = new WriteLane({
    onWait: (s, pending) => state.events.push(`${s}:${pending}`),
    letIn: (on) => state.letIn.push(on),
    holder: () => 'the analysis',
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
      state.slept++;
      await Promise.resolve();
    },
    ...(opts.limitMs !== undefined ? { limitMs: opts.limitMs } : {}),
  });
  const written: string[] = [];
  const write = (what: string) => () => {
    if (state.locked) throw busy();
    written.push(what);
    return what;
  };
  const tick = async (n = 20) => {
    for (let i = 0; i < n; i++) await Promise.resolve();
  };
  return { lane, state, written, write, tick };
}

describe('write lane', () => {
  it('writes at once when the case is free, telling nobody', async () => {
    const h = harness();
    await expect(h.lane.run(h.write('tag'), () => true)).resolves.toBe('tag');
    expect(h.written).toEqual(['tag']);
    expect(h.state.events).toEqual([]);
    expect(h.state.letIn).toEqual([]);
  });

  it('waits while the case is locked, keeps arrival order, and lets the jobs go on when the lane is empty', async () => {
    const h = harness();
    h.state.locked = true;
    const a = h.lane.run(h.write('tag'), () => true);
    await h.tick();
    const b = h.lane.run(h.write('untag'), () => true);
    await h.tick();
    expect(h.written).toEqual([]);
    expect(h.state.letIn).toEqual([true]);
    expect(h.state.events).toEqual(['waiting:1', 'waiting:2']);
    expect(h.state.slept).toBeGreaterThan(0);
    h.state.locked = false;
    await expect(a).resolves.toBe('tag');
    await expect(b).resolves.toBe('untag');
    await h.tick();
    expect(h.written).toEqual(['tag', 'untag']);
    expect(h.state.events).toEqual(['waiting:1', 'waiting:2', 'saved:1', 'saved:0']);
    expect(h.state.letIn).toEqual([true, false]);
  });

  it('gives up past the wait limit with a BUSY error naming the holder, and the next change still runs', async () => {
    const h = harness({ limitMs: 60_000 });
    h.state.locked = true;
    const a = h.lane.run(h.write('tag'), () => true);
    const b = h.lane.run(h.write('note'), () => true);
    await expect(a).rejects.toMatchObject({ code: 'BUSY', message: expect.stringContaining('the analysis') as unknown });
    h.state.locked = false;
    await expect(b).resolves.toBe('note');
    expect(h.written).toEqual(['note']);
  });

  it('never writes into another case: a change whose case was closed while it waited fails', async () => {
    const h = harness();
    h.state.locked = true;
    let open = true;
    const a = h.lane.run(h.write('tag'), () => open);
    await h.tick();
    open = false;
    h.state.locked = false;
    await expect(a).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(h.written).toEqual([]);
    await h.tick();
    expect(h.state.events.at(-1)).toBe('failed:0');
    expect(h.state.letIn).toEqual([true, false]);
  });

  it('never runs a change queued behind a waiting one once their case was closed', async () => {
    const h = harness();
    h.state.locked = true;
    let open = true;
    const a = h.lane.run(h.write('tag'), () => open);
    const b = h.lane.run(h.write('note'), () => open);
    await h.tick();
    open = false;
    h.state.locked = false;
    await expect(a).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(b).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(h.written).toEqual([]);
  });

  it('does not retry other errors', async () => {
    const h = harness();
    let calls = 0;
    const boom = () => {
      calls++;
      throw new Error('constraint failed');
    };
    await expect(h.lane.run(boom, () => true)).rejects.toThrow('constraint failed');
    expect(calls).toBe(1);
    expect(isBusy(busy())).toBe(true);
    expect(isBusy(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
    expect(isBusy(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' }))).toBe(false);
  });
});

describe('writes-waiting flag (job side)', () => {
  it('returns at once when no change waits, pauses while one does, at most the bound', () => {
    const f = writesWaitingFlag();
    f.pauseWhileSet(Infinity); // would never return if it waited while unset
    f.set(true);
    expect(f.isSet()).toBe(true);
    const t = performance.now();
    f.pauseWhileSet(30);
    expect(performance.now() - t).toBeGreaterThanOrEqual(25);
    f.set(false);
    expect(f.isSet()).toBe(false);
  });
});
