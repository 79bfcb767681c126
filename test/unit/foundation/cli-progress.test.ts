// The CLI's progress line on a terminal: a step's phases each get a line of their own, but the
// files of a folder's import share one, led by the whole's progress (thousands of files and
// phases scrolled by).
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { progressPrinter } from '../../../electron/cli/progress-bar';

let written: string[] = [];
let tty: boolean | undefined;

beforeEach(() => {
  written = [];
  tty = process.stderr.isTTY;
  Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (written.push(String(s)), true));
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
});

/** Feeds `events` a second apart; what reached the terminal. */
function run(events: Parameters<ReturnType<typeof progressPrinter>['progress']>[0][]): string {
  const bar = progressPrinter();
  for (const e of events) {
    vi.advanceTimersByTime(1000);
    bar.progress(e);
  }
  bar.end();
  return written.join('');
}

it('a line per phase of a single file', () => {
  const out = run([
    { phase: 'a.jsonl: importing', done: 10, total: 100 },
    { phase: 'a.jsonl: indexing', done: 0, total: null },
  ]);
  expect(out.split('\n').filter(Boolean)).toHaveLength(2);
});

it("one line for a folder's files, led by the files done, the share and the time left", () => {
  const out = run([
    { phase: 'a.jsonl (1/3): importing', done: 10, total: 100, steps: { done: 0, total: 3, share: 0.05 } },
    { phase: 'a.jsonl (1/3): indexing', done: 0, total: null, steps: { done: 0, total: 3, share: 0.1 } },
    { phase: 'b.jsonl (2/3): importing', done: 50, total: 100, steps: { done: 1, total: 3, share: 0.5 } },
  ]);
  expect(out.split('\n').filter(Boolean)).toHaveLength(1);
  const last = out.split('\r').at(-1)!;
  // two seconds in, half done: about two seconds left
  expect(last).toContain('1/3 files 50% ETA 2s | b.jsonl (2/3): importing: [');
});
