// Engine. The campaign score: explainable features, each a strength in 0..1 times a weight; the
// score is their sum (weights sum to 1), and every contribution is reported with a sentence. A
// cluster is flagged only with a high score AND content evidence (templates, chain-of-thought
// elicitation or harvesting token ratios): shared infrastructure alone (NAT, corporate card,
// carrier pools) is linkage, not a campaign.
export interface ClusterFeatures {
  size: number;
  exchanges: number;
  cotShare: number;
  tokenRatio: number;
  templateTop3Share: number;
  topCapabilityShare: number;
  settingsTopShare: number;
  burstShare: number;
  synchronyShare: number;
  cadenceCv: number;
  pivotShare: number;
  /** median hours from a new model's appearance to members' first use (Infinity when most never used it) */
  pivotMedianHours: number;
  paymentShare: number;
  hostingShare: number;
}

export interface Reason {
  signal: string;
  contribution: number;
  detail: string;
}

const clamp = (x: number) => (Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0);
const pct = (x: number) => `${Math.round(x * 100)}%`;

export const FEATURE_WEIGHTS = {
  cot_elicitation: 0.16,
  token_ratio: 0.14,
  setting_uniformity: 0.12,
  template_concentration: 0.1,
  model_pivot: 0.1,
  synchrony: 0.1,
  signup_burst: 0.08,
  load_balanced_cadence: 0.06,
  shared_payment: 0.04,
  capability_targeting: 0.04,
  hosting_network: 0.04,
  size: 0.02,
} as const;

export function scoreCluster(f: ClusterFeatures, flagScore: number): { score: number; flagged: boolean; reasons: Reason[]; strengths: Record<string, number> } {
  const s: Record<keyof typeof FEATURE_WEIGHTS, [number, string]> = {
    template_concentration: [clamp((f.templateTop3Share - 0.3) / 0.6), `${pct(f.templateTop3Share)} of exchanges use the 3 most common prompt template families`],
    cot_elicitation: [clamp(f.cotShare / 0.5), `${pct(f.cotShare)} of prompts ask for step-by-step reasoning`],
    token_ratio: [clamp((f.tokenRatio - 1.5) / 4.5), `output/input token ratio ${f.tokenRatio.toFixed(1)}`],
    setting_uniformity: [clamp((f.settingsTopShare - 0.5) / 0.5), `${pct(f.settingsTopShare)} of exchanges use one generation setting`],
    signup_burst: [clamp(f.burstShare), `${pct(f.burstShare)} of accounts created in sign-up bursts`],
    synchrony: [f.size >= 3 ? clamp(f.synchronyShare) : 0, `${pct(f.synchronyShare)} of accounts start and stop within a day of each other`],
    load_balanced_cadence: [f.size >= 3 ? clamp(1 - f.cadenceCv) : 0, `exchanges per account vary by ${pct(f.cadenceCv)} (coefficient of variation)`],
    model_pivot: [clamp((72 - f.pivotMedianHours) / 48), Number.isFinite(f.pivotMedianHours) ? `half the accounts moved to the newest model within ${Math.round(f.pivotMedianHours)} h of its appearance` : 'most accounts never moved to the newest model'],
    shared_payment: [clamp(f.paymentShare), `${pct(f.paymentShare)} of accounts share a payment fingerprint with another member (a card BIN concentrated in the cluster counts 3/4)`],
    capability_targeting: [clamp((f.topCapabilityShare - 0.5) / 0.5), `${pct(f.topCapabilityShare)} of prompts target one capability`],
    hosting_network: [clamp(f.hostingShare), `${pct(f.hostingShare)} of exchanges from hosting or proxy networks`],
    size: [clamp(Math.log10(Math.max(1, f.size)) / 3), `${f.size} accounts`],
  };
  const reasons: Reason[] = [];
  const strengths: Record<string, number> = {};
  let score = 0;
  for (const [name, w] of Object.entries(FEATURE_WEIGHTS) as [keyof typeof FEATURE_WEIGHTS, number][]) {
    const [strength, detail] = s[name];
    strengths[name] = strength;
    const contribution = w * strength;
    score += contribution;
    if (contribution > 0) reasons.push({ signal: name, contribution: Math.round(contribution * 1e4) / 1e4, detail });
  }
  reasons.sort((x, y) => y.contribution - x.contribution || x.signal.localeCompare(y.signal));
  const content = Math.max(strengths.template_concentration!, strengths.cot_elicitation!, strengths.token_ratio!);
  const flagged = f.size >= 2 && score >= flagScore && content >= 0.5;
  return { score: Math.round(score * 1e4) / 1e4, flagged, reasons, strengths };
}
