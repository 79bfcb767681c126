// Renderer. The analysis parameters an investigator tunes most, as the dialog shows them. Every
// other parameter keeps the value of the last analysis (all are recorded with each result); the
// contract's schema (AnalysisParameters) is the one judge of what is valid.
import type { AnalysisParameters } from '../../../../electron/shared/contract';

export interface ParameterField {
  key: keyof AnalysisParameters;
  label: string;
  help: string;
  step: number;
}

export const MAIN_PARAMETERS: ParameterField[] = [
  { key: 'flagScore', label: 'Flag a cluster at score ≥', help: 'Clusters scoring at least this are flagged as campaign-like (0–1).', step: 0.05 },
  { key: 'strongEdgeWeight', label: 'A link joins clusters at weight ≥', help: 'Weaker links are kept for explanations and paths but do not join clusters.', step: 0.1 },
  { key: 'softMinFamilies', label: 'Soft-only links need signal families ≥', help: 'A link made only of soft values (IPs, user agents, templates …) needs this many independent families.', step: 1 },
  { key: 'hubMaxDegreeSoft', label: 'Soft value is a hub above (accounts)', help: 'IPs, user agents or templates shared by more accounts are infrastructure: capped, marked, never deleted.', step: 10 },
  { key: 'hubMaxDegreeHard', label: 'Hard value is a hub above (accounts)', help: 'The same for payment, device, API key, email, phone and org values.', step: 50 },
  { key: 'templateHammingMax', label: 'Prompt template family: SimHash distance ≤', help: 'Templates whose signatures differ in at most this many bits are one family (0–16).', step: 1 },
  { key: 'burstWindowMinutes', label: 'Sign-up burst window (minutes)', help: 'Accounts created this close together from one network form a burst.', step: 5 },
  { key: 'burstMinAccounts', label: 'Sign-up burst: accounts ≥', help: 'The fewest accounts that make a burst.', step: 1 },
  { key: 'louvainResolution', label: 'Community resolution', help: 'Above 1 splits large components into smaller communities; below 1 keeps them together.', step: 0.1 },
  { key: 'louvainSeed', label: 'Community detection seed', help: 'The same seed gives the same clusters (results are reproducible).', step: 1 },
];
