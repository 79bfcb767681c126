import { describe, expect, it } from 'vitest';
import { median, medianBy, repeatCount } from '../../bench/repeat';

describe('benchmark repeats', () => {
  it('reads --repeat, 1 when absent, and refuses what is not a whole number from 1', () => {
    expect(repeatCount(['node', 'bench.ts'])).toBe(1);
    expect(repeatCount(['node', 'bench.ts', '--rows', '10', '--repeat', '5'])).toBe(5);
    for (const bad of [['--repeat'], ['--repeat', '0'], ['--repeat', '2.5'], ['--repeat', 'x']]) expect(() => repeatCount(bad)).toThrow(/--repeat/);
  });

  it('takes the median run by a figure, the lower middle one of an even count', () => {
    const runs = [{ ms: 3100 }, { ms: 2900 }, { ms: 4200 }, { ms: 3000 }, { ms: 2950 }];
    expect(medianBy(runs, (r) => r.ms)).toBe(runs[3]);
    expect(medianBy(runs.slice(0, 4), (r) => r.ms)).toBe(runs[3]);
    expect(medianBy([runs[2]!], (r) => r.ms)).toBe(runs[2]);
    expect(() => medianBy([], (r: { ms: number }) => r.ms)).toThrow();
  });

  it('takes the median of numbers, the mean of the two middle ones of an even count', () => {
    expect(median([0.61, 0.72, 0.58])).toBe(0.61);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });
});
