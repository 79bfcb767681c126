// Engine. The plain data an evidence packet is written from. `collect.ts` reads it from the case;
// every writer (report, CSV, graph, STIX) is a pure function of it, so one pseudonymisation pass
// over this object keeps every file of the packet consistent.
import type { AuditEntry } from '../audit/audit-log';

export interface PacketReason {
  signal: string;
  contribution: number;
  detail: string;
}

export interface PacketCluster {
  id: string;
  size: number;
  score: number;
  flagged: boolean;
  reasons: PacketReason[];
  firstTs: number | null;
  lastTs: number | null;
  exchanges: number;
  accounts: string[];
  tags: string[];
  /** exchanges per time bucket (start ms, count), for the timeline chart */
  timeline: Array<{ t: number; n: number }>;
}

export interface PacketAccount {
  accountId: string;
  clusterId: string;
  createdAt: number | null;
  email: string | null;
  emailDomain: string | null;
  paymentFingerprint: string | null;
  cardBin: string | null;
  signupIp: string | null;
  deviceId: string | null;
  signupChannel: string | null;
  exchanges: number;
  firstTs: number | null;
  lastTs: number | null;
  verdict: string | null;
  tags: string[];
}

export interface SourceRow {
  file: string;
  line: number;
}

export interface PacketSharedValue {
  signal: string;
  value: string;
  /** how many accounts (case-wide) share this value */
  degree: number;
  weight: number;
  examples: SourceRow[];
}

export interface PacketLink {
  a: string;
  b: string;
  weight: number;
  signals: string[];
  shared: PacketSharedValue[];
}

/** One account's value of one signal (values.csv). */
export interface PacketValue {
  accountId: string;
  signal: string;
  value: string;
  degree: number;
}

export interface PacketExchange {
  requestId: string | null;
  ts: number;
  accountId: string;
  ip: string | null;
  userAgent: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  template: string | null;
  prompt: string | null;
  file: string;
  line: number;
}

export interface PacketTag {
  name: string;
  color: string;
  description: string;
}

export interface PacketNote {
  targetKind: 'case' | 'cluster' | 'account';
  targetId: string;
  format: 'text' | 'markdown';
  body: string;
  updatedAt: string;
}

export interface PacketSource {
  importId: number;
  fileName: string;
  sha256: string;
  sizeBytes: number;
  kind: string;
  format: string;
  rows: number;
  finishedAt: string | null;
  /** the earliest and latest time of the import's rows, ISO UTC (null: unknown) */
  firstTs: string | null;
  lastTs: string | null;
}

/** Audit entries travel into the packet exactly as the case stores them. */
export type PacketAudit = AuditEntry;

export interface PacketData {
  caseId: string;
  caseName: string;
  appVersion: string;
  /** when the data behind the packet was last changed (analysis or import); fixed for the same input */
  dataAsOf: string;
  pseudonymised: boolean;
  selection: { clusterIds: string[]; tag: string | null };
  clusters: PacketCluster[];
  accounts: PacketAccount[];
  links: PacketLink[];
  values: PacketValue[];
  exchanges: { rows: PacketExchange[]; total: number; sampled: boolean; limit: number };
  tags: PacketTag[];
  notes: PacketNote[];
  analysis: { id: string; at: string; params: Record<string, unknown> } | null;
  sources: PacketSource[];
  audit: PacketAudit[];
  auditHead: { seq: number; hash: string } | null;
}
