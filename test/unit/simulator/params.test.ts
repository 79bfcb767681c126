// Campaign specs, presets and option validation; CSV quoting; the PRNG is seeded, not global.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseCampaignSpec, PRESETS, resolveParams } from '../../../electron/engine/simulator/params';
import { Rng } from '../../../electron/engine/simulator/prng';
import { csvField, isoTs } from '../../../electron/engine/simulator/serialize';
import { HOSTILE } from '../../../electron/engine/simulator/vocab';

describe('campaign spec', () => {
  it('parses archetype:size[:stealth] with per-archetype default stealth', () => {
    expect(parseCampaignSpec('hydra:400,stealth:120:0.8,crew:6')).toEqual([
      { archetype: 'hydra', accounts: 400, stealth: 0 },
      { archetype: 'stealth', accounts: 120, stealth: 0.8 },
      { archetype: 'crew', accounts: 6, stealth: 0.2 },
    ]);
  });
  it('rejects unknown archetypes, bad sizes and stealth out of range', () => {
    expect(() => parseCampaignSpec('botnet:3')).toThrow(/Unknown campaign/);
    expect(() => parseCampaignSpec('hydra:0')).toThrow(/positive/);
    expect(() => parseCampaignSpec('hydra:10:2')).toThrow(/stealth/);
    expect(() => parseCampaignSpec('crew:40')).toThrow(/crew/);
  });
});

describe('presets', () => {
  it('reported-scale is 100k accounts with ~25k campaign accounts and 28.8M exchanges over 6 weeks', () => {
    const p = resolveParams({ preset: 'reported-scale' });
    expect(p.accounts).toBe(100_000);
    expect(p.exchanges).toBe(28_800_000);
    expect(p.days).toBe(42);
    expect(p.campaigns.reduce((s, c) => s + c.accounts, 0)).toBe(25_000);
    expect(PRESETS.demo.accounts).toBe(2000);
  });
  it('rejects campaigns bigger than the population and a bad start', () => {
    expect(() => resolveParams({ accounts: 100, campaigns: 'hydra:90' })).toThrow(/60%/);
    expect(() => resolveParams({ preset: 'test', start: 'yesterday' })).toThrow(/start/);
  });
});

describe('csvField', () => {
  it('quotes commas, quotes, line breaks and edge spaces, and round-trips every hostile string', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' lead')).toBe('" lead"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.5)).toBe('0.5');
    const row = HOSTILE.map(csvField).join(',') + '\n';
    expect(parse(row)).toEqual([HOSTILE]);
  });
});

describe('isoTs', () => {
  it('matches Date#toISOString', () => {
    const rng = new Rng(4);
    for (let i = 0; i < 1000; i++) {
      const ms = 1_700_000_000_000 + rng.int(200 * 86_400_000);
      expect(isoTs(ms)).toBe(new Date(ms).toISOString());
    }
  });
});

describe('Rng', () => {
  it('is reproducible per seed and roughly uniform', () => {
    const a = new Rng(1, 2);
    const b = new Rng(1, 2);
    const c = new Rng(1, 3);
    const xs = Array.from({ length: 10_000 }, () => a.float());
    expect(Array.from({ length: 10_000 }, () => b.float())).toEqual(xs);
    expect(c.float()).not.toBe(xs[0]);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    const p = Array.from({ length: 5000 }, () => a.poisson(3));
    expect(p.reduce((s, x) => s + x, 0) / p.length).toBeCloseTo(3, 0);
  });
});
