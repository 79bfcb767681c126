// Daily schedule detection behind the `bin_schedule` value: a fleet on one 8-hour window is
// found (window start, wrapping midnight), a person spread over the day is not.
import { expect, it } from 'vitest';
import { scheduleStart } from '../../../electron/engine/linkage/derived-values';

const hist = (f: (h: number) => number) => Uint32Array.from({ length: 24 }, (_, h) => f(h));

it('finds the busiest 8-hour window when it holds nearly all traffic', () => {
  const h = hist((x) => (x >= 10 && x < 18 ? 10 : 0));
  expect(scheduleStart(h, 0, 80)).toBe(10);
  const wrap = hist((x) => (x >= 22 || x < 6 ? 5 : 0));
  expect(scheduleStart(wrap, 0, 40)).toBe(22);
});

it('rejects traffic spread over the day', () => {
  const h = hist((x) => (x >= 8 && x < 23 ? 4 : 0));
  expect(scheduleStart(h, 0, 60)).toBe(-1);
  expect(scheduleStart(hist(() => 0), 0, 0)).toBe(-1);
});
