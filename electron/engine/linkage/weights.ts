// Engine. Pure weighting of shared values: strength x rarity (normalised IDF) and the hub rule.
import type { AnalysisParameters } from '../../shared/contract/analysis';
import { signalDef } from './signals';

/** ln(N/d)/ln(N): 1 for a value two accounts share among very many, 0 for a value everyone has. */
export function rarity(degree: number, accounts: number): number {
  if (accounts <= 2 || degree <= 1) return 1;
  const r = Math.log(accounts / degree) / Math.log(accounts / 2);
  return Math.max(0, Math.min(1, r));
}

export function valueWeight(signal: string, degree: number, accounts: number): number {
  return factorWeight(signalDef(signal).factor, degree, accounts);
}

/** valueWeight for a signal's factor already looked up (linkValues: once per run of a signal's values). */
export function factorWeight(factor: number, degree: number, accounts: number): number {
  return factor * rarity(degree, accounts);
}

/** The degree above which a value of this signal is infrastructure (not projected into edges). */
export function hubDegree(signal: string, accounts: number, p: AnalysisParameters): number {
  // a card or device shared by many accounts is the evidence itself, not infrastructure: hard
  // values are capped only by an absolute degree (which also bounds their projection)
  if (signalDef(signal).strength === 'hard') return p.hubMaxDegreeHard;
  return Math.max(p.hubMinDegree, Math.min(p.hubMaxDegreeSoft, Math.floor(p.hubMaxShare * accounts)));
}

/** 1 when two accounts used a value at overlapping times, halving every half-life of gap
 * (projectClaimedRows computes it inline, once per holder visit). */
export function timeCloseness(aFirst: number | null, aLast: number | null, bFirst: number | null, bLast: number | null, halfLifeHours: number): number {
  if (halfLifeHours <= 0 || aFirst === null || aLast === null || bFirst === null || bLast === null) return 1;
  const gap = Math.max(0, Math.max(aFirst, bFirst) - Math.min(aLast, bLast));
  return Math.pow(0.5, gap / (halfLifeHours * 3_600_000));
}
