// evaluate(): hand-made truth and clusters with known answers.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../electron/engine/simulator/evaluate';

const truth = {
  populations: {
    'campaign:hydra-1': { kind: 'campaign' as const, archetype: 'hydra', accounts: 4 },
    'campaign:crew-1': { kind: 'campaign' as const, archetype: 'crew', accounts: 2 },
    'trap:university-nat': { kind: 'trap' as const, archetype: 'university-nat', accounts: 3 },
    'benign:individuals': { kind: 'benign' as const, archetype: 'individual', accounts: 3 },
  },
  accounts: { h1: 'campaign:hydra-1', h2: 'campaign:hydra-1', h3: 'campaign:hydra-1', h4: 'campaign:hydra-1', c1: 'campaign:crew-1', c2: 'campaign:crew-1', u1: 'trap:university-nat', u2: 'trap:university-nat', u3: 'trap:university-nat', b1: 'benign:individuals', b2: 'benign:individuals', b3: 'benign:individuals' },
};

describe('evaluate', () => {
  it('scores recall, splits, largest share, precision, traps and mixed clusters', () => {
    const e = evaluate(truth, [
      { id: 'A', flagged: true, accounts: ['h1', 'h2', 'b1'] },
      { id: 'B', flagged: true, accounts: ['h3', 'c1', 'c2'] },
      { id: 'C', flagged: false, accounts: ['h4', 'u1'] },
      { id: 'D', flagged: true, accounts: ['u2', 'u3'] },
      { id: 'E', flagged: false, accounts: ['b2', 'b3', 'zz'] },
    ]);
    const hydra = e.campaigns.find((c) => c.name === 'campaign:hydra-1')!;
    expect(hydra.flaggedAccounts).toBe(3);
    expect(hydra.recall).toBe(0.75);
    expect(hydra.flaggedClusters).toBe(2);
    expect(hydra.largestShare).toBe(0.5);
    expect(hydra.largestClusterId).toBe('A');
    const crew = e.campaigns.find((c) => c.name === 'campaign:crew-1')!;
    expect(crew).toMatchObject({ recall: 1, flaggedClusters: 1, largestShare: 1, largestClusterId: 'B' });
    // flagged: h1 h2 b1 h3 c1 c2 u2 u3 = 8, campaign ones: 5
    expect(e.flaggedAccounts).toBe(8);
    expect(e.flaggedCampaignAccounts).toBe(5);
    expect(e.precision).toBeCloseTo(5 / 8);
    expect(e.overallRecall).toBeCloseTo(5 / 6);
    expect(e.flaggedClusters).toBe(3);
    expect(e.traps).toEqual([{ name: 'trap:university-nat', archetype: 'university-nat', accounts: 3, flaggedAccounts: 2 }]);
    expect(e.benign[0]!.flaggedAccounts).toBe(1);
    expect(e.mixedClusters).toEqual([{ id: 'B', flagged: true, size: 3, campaigns: { 'campaign:crew-1': 2, 'campaign:hydra-1': 1 } }]);
    expect(e.unknownAccounts).toBe(1);
  });

  it('handles nothing flagged, duplicate members and an account in two flagged clusters', () => {
    expect(evaluate(truth, []).precision).toBeNull();
    const e = evaluate(truth, [
      { id: 'A', flagged: true, accounts: ['h1', 'h1', 'h2'] },
      { id: 'B', flagged: true, accounts: ['h2', 'h3'] },
    ]);
    const hydra = e.campaigns.find((c) => c.name === 'campaign:hydra-1')!;
    expect(hydra.flaggedAccounts).toBe(3);
    expect(hydra.flaggedClusters).toBe(2);
    expect(e.flaggedAccounts).toBe(3);
    expect(e.precision).toBe(1);
    expect(e.mixedClusters).toEqual([]);
  });

  it('does not treat prototype keys as accounts', () => {
    const e = evaluate(truth, [{ id: 'A', flagged: true, accounts: ['constructor', '__proto__', 'toString'] }]);
    expect(e.unknownAccounts).toBe(3);
    expect(e.flaggedAccounts).toBe(0);
  });
});
