// Shared by every process. Channels of the graph workbench: the cluster overview, one cluster (or
// neighbourhood) at a time, search, account details, the time histogram and the tables beside the
// graph. The renderer never receives the whole graph: every view is capped by LIMITS.
import { z } from 'zod';
import { LIMITS } from '../limits';
import { channel } from './channel';
import { Id, Text } from './common';
import { PackedClusters, PackedView } from './graph-pack';

/** [from, to] in ms since epoch, inclusive; null = all time. */
export const TimeRange = z.tuple([z.number().int(), z.number().int()]).nullable();
export type TimeRange = z.infer<typeof TimeRange>;

export const SignalWeight = z.object({ signal: z.string(), weight: z.number() });
export type SignalWeight = z.infer<typeof SignalWeight>;

export const GraphNode = z.object({
  id: z.string(),
  kind: z.enum(['cluster', 'account', 'value']),
  /** the cluster id, account id or value id this node stands for (node ids are prefixed: c: a: v:) */
  ref: z.string(),
  label: z.string(),
  /** accounts in a cluster; degree for an account; accounts sharing a value */
  size: z.number(),
  score: z.number().nullable(),
  flagged: z.boolean(),
  /** the value's signal (kind 'value') */
  signal: z.string().nullable(),
  /** the cluster an account belongs to (null: none) */
  cluster: z.string().nullable(),
  /** true for an account outside the drilled cluster, added by expanding a neighbour */
  outside: z.boolean(),
  /** a value shared by too many accounts to be evidence (carrier NAT, SDK user agent) */
  hub: z.boolean(),
  x: z.number(),
  y: z.number(),
});
export type GraphNode = z.infer<typeof GraphNode>;

export const GraphEdge = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  weight: z.number(),
  /** the signal contributing most to the edge (colours it) */
  signal: z.string(),
  /** every signal's share of the weight (engine-side; views on the wire leave it out: graph-pack.ts) */
  signals: z.array(SignalWeight).optional(),
});
export type GraphEdge = z.infer<typeof GraphEdge>;

export const GraphView = z.object({
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
  /** what the view would hold without the caps */
  totalNodes: z.number().int(),
  totalEdges: z.number().int(),
  truncated: z.boolean(),
  /** how positions were computed, and how long the engine took (ms) */
  layout: z.string(),
  ms: z.number(),
});
export type GraphView = z.infer<typeof GraphView>;

export const Reason = z.object({ signal: z.string(), contribution: z.number(), detail: z.string() });

export const ClusterRow = z.object({
  id: z.string(),
  size: z.number().int(),
  score: z.number(),
  flagged: z.boolean(),
  exchanges: z.number().int(),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  reasons: z.array(Reason),
  tags: z.array(z.string()),
});
export type ClusterRow = z.infer<typeof ClusterRow>;

/** What the overview says about the whole case beside its graph and cluster list. */
const overviewCase = {
  totalClusters: z.number().int(),
  analysed: z.boolean(),
  signals: z.array(z.string()),
  accounts: z.number().int(),
  exchanges: z.number().int(),
};

export const Overview = GraphView.extend({ clusters: z.array(ClusterRow), ...overviewCase });
export type Overview = z.infer<typeof Overview>;

/** The overview as sent: its graph packed (graph-pack.ts), the ranked cluster list beside it. */
export const PackedOverview = PackedView.extend({ clusters: PackedClusters, ...overviewCase });
export type PackedOverview = z.infer<typeof PackedOverview>;

export const ViewMode = z.enum(['accounts', 'values']);
export type ViewMode = z.infer<typeof ViewMode>;

const Signals = z.array(z.string().max(64)).max(64).nullable();

export const ClusterViewRequest = z
  .object({
    id: Id,
    mode: ViewMode.default('accounts'),
    minWeight: z.number().min(0).default(0),
    /** signals to keep; null = all */
    signals: Signals.default(null),
    timeRange: TimeRange.default(null),
    /** include hub values as nodes in 'values' mode */
    hubs: z.boolean().default(false),
  })
  .strict();
export type ClusterViewRequest = z.input<typeof ClusterViewRequest>;

export const SearchHit = z.object({
  accountId: z.string(),
  /** which field matched: account, email, ip, card, user_agent, device, prompt, template ... */
  field: z.string(),
  /** the matched text, clipped around the match */
  text: z.string(),
  cluster: z.string().nullable(),
  score: z.number().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const AccountValue = z.object({ signal: z.string(), value: z.string(), degree: z.number().int(), hub: z.boolean() });
export type AccountValue = z.infer<typeof AccountValue>;

export const Histogram = z.object({
  from: z.number(),
  bucketMs: z.number(),
  counts: z.array(z.number().int()),
});
export type Histogram = z.infer<typeof Histogram>;

export const AccountDetail = z.object({
  accountId: z.string(),
  cluster: ClusterRow.nullable(),
  /** profile fields from the accounts export, in display order */
  profile: z.array(z.object({ field: z.string(), value: z.string() })),
  stats: z.object({
    exchanges: z.number().int(),
    firstTs: z.number().nullable(),
    lastTs: z.number().nullable(),
    inputTokens: z.number(),
    outputTokens: z.number(),
    models: z.array(z.object({ model: z.string(), n: z.number().int() })),
  }),
  values: z.array(AccountValue),
  histogram: Histogram,
  samples: z.array(z.object({ ts: z.number(), model: z.string().nullable(), prompt: z.string() })),
  /** prompts are kept only for a bounded sample per account */
  samplesNote: z.string(),
});
export type AccountDetail = z.infer<typeof AccountDetail>;

/** The selection a table or histogram is about: explicit accounts, or a whole cluster. */
export const Selection = z
  .object({
    accountIds: z.array(Id).max(LIMITS.maxList).nullable().default(null),
    clusterId: Id.nullable().default(null),
  })
  .strict();
export type Selection = z.input<typeof Selection>;

export const TableKind = z.enum(['accounts', 'values', 'exchanges']);
export type TableKind = z.infer<typeof TableKind>;

export const TableColumn = z.object({ key: z.string(), label: z.string(), type: z.enum(['text', 'number', 'time']) });
export type TableColumn = z.infer<typeof TableColumn>;
export const Cell = z.union([z.string(), z.number(), z.null()]);
export type Cell = z.infer<typeof Cell>;

export const TablePage = z.object({
  columns: z.array(TableColumn),
  rows: z.array(z.array(Cell)),
  total: z.number().int(),
  offset: z.number().int(),
});
export type TablePage = z.infer<typeof TablePage>;

export const graphChannels = {
  'graph.overview': channel(
    'The cluster overview: one node per cluster (capped), edges between clusters that share values, and the ranked cluster list.',
    z.object({ maxNodes: z.number().int().min(1).max(LIMITS.maxViewNodes).default(LIMITS.overviewNodes) }).strict(),
    PackedOverview,
  ),
  'graph.cluster': channel(
    "One cluster's accounts (or accounts and their shared values as nodes), filtered, capped and laid out by the engine.",
    ClusterViewRequest,
    PackedView,
  ),
  'graph.neighbours': channel(
    "An account's strongest neighbours (inside or outside its cluster), to add to the current view.",
    z.object({ accountId: Id, limit: z.number().int().min(1).max(500).default(50) }).strict(),
    PackedView,
  ),
  'graph.search': channel(
    'Find accounts by account id, email, IP, card fingerprint, device, user agent, prompt text or template.',
    z.object({ text: Text.min(1), limit: z.number().int().min(1).max(500).default(50) }).strict(),
    z.object({ hits: z.array(SearchHit), truncated: z.boolean() }),
  ),
  'account.detail': channel(
    'One account: profile, all its values with their degree, activity histogram and sample prompts.',
    z.object({ accountId: Id }).strict(),
    AccountDetail,
  ),
  'graph.timeHistogram': channel(
    'Exchanges over time for a selection (or the whole case when the selection is empty).',
    z.object({ selection: Selection, buckets: z.number().int().min(4).max(2000).default(120) }).strict(),
    Histogram,
  ),
  'graph.table': channel(
    'One page of the accounts, values or exchanges of a selection, sorted.',
    z
      .object({
        kind: TableKind,
        selection: Selection,
        timeRange: TimeRange.default(null),
        sort: z.object({ key: z.string().max(64), dir: z.enum(['asc', 'desc']) }).nullable().default(null),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict(),
    TablePage,
  ),
  'graph.accounts': channel(
    'A view of the given accounts and the links among them (a path, search results, a hand-picked set), laid out.',
    z.object({ accountIds: z.array(Id).min(1).max(LIMITS.maxViewNodes) }).strict(),
    PackedView,
  ),
};
