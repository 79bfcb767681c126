// Shared by every process. Channels of the analysis domain: run the linkage analysis, read its
// clusters, and ask why two accounts are linked. Every threshold of the analysis is a parameter
// with a default below; the parameters used are recorded with every result.
import { z } from 'zod';
import { channel } from './channel';
import { Empty, Id, JobStarted } from './common';

export const AnalysisParameters = z
  .object({
    /** values shared by more accounts than this are hubs (infrastructure), per strength class */
    hubMaxDegreeHard: z.number().int().min(2).default(1000),
    hubMaxDegreeSoft: z.number().int().min(2).default(200),
    /** ... or by more than this share of all accounts (never below hubMinDegree) */
    hubMaxShare: z.number().min(0).max(1).default(0.05),
    hubMinDegree: z.number().int().min(2).default(20),
    /** most candidate pairs projected; above it the soft hub cap is lowered (recorded in stats) */
    maxCandidatePairs: z.number().int().min(1000).default(6_000_000),
    /** each hub value pairs every holder with this many next holders (fixed pseudo-random order) as candidates */
    hubSampleNeighbours: z.number().int().min(0).max(16).default(2),
    /** shared hubs count as a corroborating family once their weight in that family reaches this */
    hubFamilyMinWeight: z.number().min(0).default(0.5),
    /** an edge joins clusters when its weight reaches this */
    strongEdgeWeight: z.number().min(0).default(1),
    /** an edge made only of soft values needs at least this weight ... */
    softMinWeight: z.number().min(0).default(1.75),
    /** soft evidence counts at most this much per signal family (network, client, content, timing ...) */
    softFamilyCap: z.number().min(0).default(1),
    /** ... and this many independent signal families (weak signals such as ASN or BIN count for none) */
    softMinFamilies: z.number().int().min(1).default(2),
    /** ... each of which counts only when its own evidence reaches this weight (a rare shared IP,
     * a template family, a BIN on one schedule; not a shared /24, a common client or an
     * email-pattern match on their own) */
    softFamilyMinWeight: z.number().min(0).default(0.6),
    /** time closeness: network values seen by two accounts this many hours apart count half */
    timeHalfLifeHours: z.number().min(0).default(168),
    /** sign-up burst: accounts created within this many minutes from one network */
    burstWindowMinutes: z.number().min(1).default(30),
    burstMinAccounts: z.number().int().min(2).default(4),
    /** card BIN on one schedule: accounts of one BIN whose traffic falls at least this share inside
     * the same 8-hour daily window, judged from at least scheduleMinExchanges exchanges */
    scheduleMinShare: z.number().min(0.5).max(1).default(0.9),
    scheduleMinExchanges: z.number().int().min(1).default(10),
    /** a shared card BIN counts as shared payment in scoring when at least this share of its holders are in the cluster */
    binClusterShare: z.number().min(0).max(1).default(0.2),
    /** template families: SimHash signatures within this Hamming distance are one family */
    templateHammingMax: z.number().int().min(0).max(16).default(3),
    /** a shared template family counts fully once it carries this share of both accounts' exchanges */
    templateMinShare: z.number().min(0.0001).max(1).default(0.05),
    /** community detection inside components of at least this many accounts */
    louvainMinComponent: z.number().int().min(3).default(8),
    louvainSeed: z.number().int().default(42),
    louvainResolution: z.number().min(0.01).default(1),
    /** community detection again inside each community (modularity's resolution limit hides a small group hanging off a large one) */
    louvainRefine: z.boolean().default(true),
    /** two communities stay apart only when the link between them is weaker than this share of the smaller one's volume */
    splitMaxConductance: z.number().min(0).max(1).default(0.1),
    /** ... and a community that sends at least this share of its link weight outside itself
     * (its conductance) joins the neighbour it is most linked to: it is not a group of its own */
    splitMaxGroupConductance: z.number().min(0).max(1).default(0.5),
    /** ... or when at least this share of its accounts have a strong link into another community
     * (a campaign cut along its card or proxy groups is bridged by most of its members; a fringe
     * or a neighbouring group by a few) */
    splitMaxBridgeShare: z.number().min(0).max(1).default(0.5),
    /** ... and then joins only a neighbour that this many of its accounts (or all, if fewer) link to: one stray link never carries a group across */
    splitMinBridgeAccounts: z.number().int().min(1).default(3),
    /** links stored per account (its heaviest, plus a spanning forest of strong links) */
    edgesPerAccount: z.number().int().min(1).default(30),
    /** a cluster is flagged when its score reaches this */
    flagScore: z.number().min(0).max(1).default(0.4),
    /** new clusters keep an old id when their member sets overlap at least this much (Jaccard) */
    stableIdJaccard: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type AnalysisParameters = z.output<typeof AnalysisParameters>;
export type AnalysisParametersInput = z.input<typeof AnalysisParameters>;

export const ClusterReason = z.object({ signal: z.string(), contribution: z.number(), detail: z.string() });
export type ClusterReason = z.infer<typeof ClusterReason>;

export const ClusterSummary = z.object({
  id: z.string(),
  size: z.number().int(),
  score: z.number(),
  flagged: z.boolean(),
  reasons: z.array(ClusterReason),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  exchanges: z.number().int(),
});
export type ClusterSummary = z.infer<typeof ClusterSummary>;

export const ClusterDetail = ClusterSummary.extend({
  accounts: z.array(z.string()),
  features: z.record(z.string(), z.number()),
});
export type ClusterDetail = z.infer<typeof ClusterDetail>;

export const AnalysisStatus = z.object({
  id: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.string(),
  appVersion: z.string(),
  parameters: z.record(z.string(), z.unknown()),
  stats: z.record(z.string(), z.unknown()),
  /** imports completed after this analysis began, and their rows: its clusters do not see them */
  importsSince: z.number().int(),
  rowsSince: z.number().int(),
});
export type AnalysisStatus = z.infer<typeof AnalysisStatus>;

export const ExampleRow = z.object({
  side: z.enum(['a', 'b']),
  file: z.string(),
  line: z.number().int(),
  importId: z.number().int(),
  ts: z.number().nullable(),
});

export const SharedValue = z.object({
  signal: z.string(),
  value: z.string(),
  degree: z.number().int(),
  weight: z.number(),
  hub: z.boolean(),
  examples: z.array(ExampleRow),
});
export type SharedValue = z.infer<typeof SharedValue>;

export const PathStep = z.object({ from: z.string(), to: z.string(), weight: z.number(), signals: z.array(z.string()) });
export type PathStep = z.infer<typeof PathStep>;

export const LinkPath = z.object({ accounts: z.array(z.string()), steps: z.array(PathStep) });
export type LinkPath = z.infer<typeof LinkPath>;

export const PairExplanation = z.object({
  a: z.string(),
  b: z.string(),
  weight: z.number(),
  shared: z.array(SharedValue),
  path: z.array(PathStep).optional(),
});
export type PairExplanation = z.infer<typeof PairExplanation>;

const AccountId = Id;

export const analysisChannels = {
  'analysis.run': channel(
    'Run the linkage analysis (values, edges, clusters, scores) as a job; parameters default to the recorded defaults.',
    z.object({ parameters: AnalysisParameters.partial().optional() }).strict(),
    JobStarted,
  ),
  'analysis.status': channel('The last analysis of the open case (parameters, statistics), or null.', Empty, AnalysisStatus.nullable()),
  'clusters.list': channel(
    'Clusters of the last analysis, highest score first (or by size / time).',
    z
      .object({
        minSize: z.number().int().min(1).optional(),
        flaggedOnly: z.boolean().optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(200),
        sort: z.enum(['score', 'size', 'recent']).optional(),
      })
      .strict(),
    z.object({ total: z.number().int(), clusters: z.array(ClusterSummary) }),
  ),
  'clusters.get': channel('One cluster with its members and features.', z.object({ id: Id }).strict(), ClusterDetail),
  'link.explain': channel(
    'Why two accounts are linked: shared values with degree, weight and example log rows; the strongest path when they share nothing.',
    z.object({ a: AccountId, b: AccountId }).strict(),
    PairExplanation,
  ),
  'link.path': channel('The strongest chain of links between two accounts, or null.', z.object({ a: AccountId, b: AccountId }).strict(), LinkPath.nullable()),
};
