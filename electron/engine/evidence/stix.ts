// Engine. indicators.stix.json: a STIX 2.1 bundle of shareable indicators (IP addresses and
// networks, user agents, prompt-template fingerprints, payment fingerprints) found shared by
// accounts of the selection, grouped per cluster. Object ids are derived from their content and
// timestamps from the data, so the same data gives the same bundle. Pseudonymised packets leave
// out IPs and payment fingerprints: a keyed hash is of no use to a partner without the key.
import { createHash } from 'node:crypto';
import type { PacketData } from './packet-types';

/** A name-based (v5-style) UUID from SHA-256: stable ids for the same content. */
export function stableUuid(name: string): string {
  const h = createHash('sha256').update(`linkwork-stix\u0000${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** STIX pattern string literal: backslash and quote escaped. */
const lit = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

type IndicatorKind = 'ip' | 'user-agent' | 'template' | 'payment';

function kindOf(signal: string): IndicatorKind | null {
  const s = signal.toLowerCase();
  if (s.includes('template')) return 'template';
  if (s.includes('agent') || s === 'ua') return 'user-agent';
  if (s.includes('payment') || s.includes('card_fp') || s === 'card') return 'payment';
  if (s === 'ip' || s.includes('ip') || s.includes('subnet') || s.includes('prefix')) return 'ip';
  return null;
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/;
const IPV6 = /^[0-9a-fA-F:]+(\/\d{1,3})?$/;

function pattern(kind: IndicatorKind, value: string): string | null {
  switch (kind) {
    case 'ip':
      if (IPV4.test(value)) return `[ipv4-addr:value = ${lit(value)}]`;
      if (value.includes(':') && IPV6.test(value)) return `[ipv6-addr:value = ${lit(value)}]`;
      return null;
    case 'user-agent':
      return `[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = ${lit(value)}]`;
    case 'template':
      return `[x-linkwork-prompt-template:fingerprint = ${lit(value)}]`;
    case 'payment':
      return `[x-linkwork-payment-card:fingerprint = ${lit(value)}]`;
  }
}

function stixTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '1970-01-01T00:00:00.000Z' : d.toISOString();
}

export function stixBundle(data: PacketData): string {
  const at = stixTime(data.dataAsOf);
  const identityId = `identity--${stableUuid(`identity|${data.caseId}`)}`;
  const clusterOf = new Map(data.accounts.map((a) => [a.accountId, a.clusterId]));
  // (kind, value) -> cluster -> accounts sharing it
  const found = new Map<string, { kind: IndicatorKind; value: string; byCluster: Map<string, Set<string>> }>();
  const add = (kind: IndicatorKind | null, value: string | null, accountId: string) => {
    if (!kind || !value) return;
    if (data.pseudonymised && (kind === 'ip' || kind === 'payment')) return;
    const cluster = clusterOf.get(accountId);
    if (cluster === undefined) return;
    const key = `${kind}\u0000${value}`;
    let f = found.get(key);
    if (!f) found.set(key, (f = { kind, value, byCluster: new Map() }));
    let s = f.byCluster.get(cluster);
    if (!s) f.byCluster.set(cluster, (s = new Set()));
    s.add(accountId);
  };
  for (const v of data.values) add(kindOf(v.signal), v.value, v.accountId);
  for (const a of data.accounts) {
    add('payment', a.paymentFingerprint, a.accountId);
    add('ip', a.signupIp, a.accountId);
  }
  const indicators: Array<Record<string, unknown>> = [];
  const byCluster = new Map<string, string[]>();
  const keys = [...found.keys()].sort();
  for (const key of keys) {
    const f = found.get(key)!;
    // an indicator is worth sharing when at least two accounts of one cluster share it
    const clusters = [...f.byCluster].filter(([, s]) => s.size >= 2).map(([c]) => c).sort();
    if (clusters.length === 0) continue;
    const p = pattern(f.kind, f.value);
    if (!p) continue;
    const id = `indicator--${stableUuid(`indicator|${key}`)}`;
    const accounts = clusters.reduce((n, c) => n + f.byCluster.get(c)!.size, 0);
    indicators.push({
      type: 'indicator',
      spec_version: '2.1',
      id,
      created_by_ref: identityId,
      created: at,
      modified: at,
      name: `${f.kind} shared by ${accounts} linked accounts`,
      description: `Shared by accounts of Linkwork cluster(s) ${clusters.join(', ')} in case ${data.caseName}.`,
      indicator_types: ['anomalous-activity'],
      pattern: p,
      pattern_type: 'stix',
      valid_from: at,
      labels: [`linkwork-${f.kind}`],
    });
    for (const c of clusters) {
      let list = byCluster.get(c);
      if (!list) byCluster.set(c, (list = []));
      list.push(id);
    }
  }
  const groupings = data.clusters
    .filter((c) => (byCluster.get(c.id)?.length ?? 0) > 0)
    .map((c) => ({
      type: 'grouping',
      spec_version: '2.1',
      id: `grouping--${stableUuid(`grouping|${data.caseId}|${c.id}`)}`,
      created_by_ref: identityId,
      created: at,
      modified: at,
      name: `Linkwork cluster ${c.id}`,
      description: `${c.size} accounts, campaign score ${c.score}. Tags: ${c.tags.join(', ') || 'none'}.`,
      context: 'suspicious-activity',
      object_refs: byCluster.get(c.id)!,
    }));
  const bundle = {
    type: 'bundle',
    id: `bundle--${stableUuid(`bundle|${data.caseId}|${data.selection.clusterIds.join('|')}|${data.pseudonymised}`)}`,
    objects: [
      {
        type: 'identity',
        spec_version: '2.1',
        id: identityId,
        created: at,
        modified: at,
        name: `Linkwork case ${data.caseName}`,
        identity_class: 'organization',
      },
      ...indicators,
      ...groupings,
    ],
  };
  return `${JSON.stringify(bundle, null, 1)}\n`;
}
