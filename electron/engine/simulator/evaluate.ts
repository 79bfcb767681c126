// Engine, simulator (pure). Scores a case's clusters against a generator's truth.json: per campaign
// the recall of its accounts among flagged clusters, how many flagged clusters it is split into and
// its share in its largest one; overall precision of flagged accounts; trap accounts flagged;
// clusters that mix campaigns.
import type { Truth } from './truth';

export interface ClusterInput {
  id: string;
  flagged: boolean;
  accounts: readonly string[];
}

export interface CampaignScore {
  name: string;
  archetype: string;
  accounts: number;
  flaggedAccounts: number;
  /** flaggedAccounts / accounts */
  recall: number;
  /** distinct flagged clusters holding at least one of its accounts */
  flaggedClusters: number;
  /** largest share of the campaign found in one flagged cluster */
  largestShare: number;
  largestClusterId: string | null;
}

export interface GroupScore {
  name: string;
  archetype: string;
  accounts: number;
  flaggedAccounts: number;
}

export interface MixedCluster {
  id: string;
  flagged: boolean;
  size: number;
  /** campaign name -> its accounts in this cluster */
  campaigns: Record<string, number>;
}

export interface Evaluation {
  campaigns: CampaignScore[];
  traps: GroupScore[];
  benign: GroupScore[];
  flaggedClusters: number;
  flaggedAccounts: number;
  flaggedCampaignAccounts: number;
  /** campaign accounts among flagged accounts; null when nothing is flagged */
  precision: number | null;
  /** campaign accounts in flagged clusters / all campaign accounts */
  overallRecall: number | null;
  mixedClusters: MixedCluster[];
  /** accounts in clusters that the truth does not know (another data set's, or renamed) */
  unknownAccounts: number;
}

export function evaluate(truth: Pick<Truth, 'populations' | 'accounts'>, clusters: readonly ClusterInput[]): Evaluation {
  const popOf = (id: string): string | undefined => (Object.prototype.hasOwnProperty.call(truth.accounts, id) ? truth.accounts[id] : undefined);
  const flaggedBy = new Map<string, number>(); // population -> distinct flagged accounts
  const seenFlagged = new Set<string>();
  const perCampaign = new Map<string, { clusters: number; largest: number; largestId: string | null }>();
  const mixed: MixedCluster[] = [];
  const unknown = new Set<string>();
  let flaggedClusters = 0;

  for (const c of clusters) {
    const counts = new Map<string, number>();
    for (const acct of new Set(c.accounts)) {
      const pop = popOf(acct);
      if (pop === undefined) {
        unknown.add(acct);
        continue;
      }
      counts.set(pop, (counts.get(pop) ?? 0) + 1);
      if (c.flagged && !seenFlagged.has(acct)) {
        seenFlagged.add(acct);
        flaggedBy.set(pop, (flaggedBy.get(pop) ?? 0) + 1);
      }
    }
    if (c.flagged) flaggedClusters++;
    const campaignsHere: Record<string, number> = {};
    let nCampaigns = 0;
    for (const [pop, n] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
      if (truth.populations[pop]?.kind !== 'campaign') continue;
      campaignsHere[pop] = n;
      nCampaigns++;
      if (c.flagged) {
        const s = perCampaign.get(pop) ?? { clusters: 0, largest: 0, largestId: null };
        s.clusters++;
        if (n > s.largest) {
          s.largest = n;
          s.largestId = c.id;
        }
        perCampaign.set(pop, s);
      }
    }
    if (nCampaigns >= 2) mixed.push({ id: c.id, flagged: c.flagged, size: new Set(c.accounts).size, campaigns: campaignsHere });
  }

  const campaigns: CampaignScore[] = [];
  const traps: GroupScore[] = [];
  const benign: GroupScore[] = [];
  let campaignAccounts = 0;
  let flaggedCampaignAccounts = 0;
  for (const [name, p] of Object.entries(truth.populations).sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const flagged = flaggedBy.get(name) ?? 0;
    if (p.kind === 'campaign') {
      const s = perCampaign.get(name);
      campaignAccounts += p.accounts;
      flaggedCampaignAccounts += flagged;
      campaigns.push({
        name,
        archetype: p.archetype,
        accounts: p.accounts,
        flaggedAccounts: flagged,
        recall: p.accounts ? flagged / p.accounts : 0,
        flaggedClusters: s?.clusters ?? 0,
        largestShare: s && p.accounts ? s.largest / p.accounts : 0,
        largestClusterId: s?.largestId ?? null,
      });
    } else (p.kind === 'trap' ? traps : benign).push({ name, archetype: p.archetype, accounts: p.accounts, flaggedAccounts: flagged });
  }
  const flaggedAccounts = seenFlagged.size;
  return {
    campaigns,
    traps,
    benign,
    flaggedClusters,
    flaggedAccounts,
    flaggedCampaignAccounts,
    precision: flaggedAccounts ? flaggedCampaignAccounts / flaggedAccounts : null,
    overallRecall: campaignAccounts ? flaggedCampaignAccounts / campaignAccounts : null,
    mixedClusters: mixed,
    unknownAccounts: unknown.size,
  };
}
