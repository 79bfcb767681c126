import { describe, expect, it } from 'vitest';
import { withoutTsLoader } from '../../../electron/engine/built-worker';

describe('withoutTsLoader', () => {
  it('drops a TypeScript loader in each of its spellings and keeps the other options', () => {
    expect(withoutTsLoader(['--import', 'tsx', '--expose-gc'])).toEqual(['--expose-gc']);
    expect(withoutTsLoader(['--import=tsx', '--cpu-prof'])).toEqual(['--cpu-prof']);
    expect(withoutTsLoader(['--require', 'tsx/cjs'])).toEqual([]);
    expect(withoutTsLoader(['--loader', 'tsx', '--enable-source-maps'])).toEqual(['--enable-source-maps']);
  });

  it('is null when there is none (workers then inherit the options as Node gives them)', () => {
    expect(withoutTsLoader([])).toBeNull();
    expect(withoutTsLoader(['--import', './other.mjs', '--expose-gc'])).toBeNull();
    expect(withoutTsLoader(['--require', 'tsxlike'])).toBeNull();
  });
});
