// Engine. Measures each cluster's features from the collected values and behaviour.
import type { Collected } from './collect';
import type { LinkValues } from './project';
import type { ClusterFeatures } from './scoring';

// hosting and cloud networks, by name or by well-known AS number
const HOSTING_ASNS = new Set([16509, 14618, 8987, 15169, 396982, 19527, 8075, 8068, 14061, 16276, 24940, 213230, 63949, 20473, 45102, 37963, 132203, 45090, 31898, 9009, 60781, 28753, 36352, 51167, 12876, 46606, 26496, 13335, 54113, 19318, 40676, 55286, 62567, 202425, 200651]);
export function isHostingAsn(text: string): boolean {
  const m = /^\s*AS\s*(\d+)/i.exec(text);
  return (m !== null && HOSTING_ASNS.has(Number(m[1]))) || HOSTING.test(text);
}
const HOSTING = /amazon|aws|google|gcp|azure|microsoft|digitalocean|ovh|hetzner|linode|akamai|vultr|alibaba|tencent|oracle|cloud|hosting|datacenter|data center|vps|server|proxy|leaseweb|choopa|m247/i;
const DAY = 86_400_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : NaN;
}

/** What clusterFeatures reads a value for (one code per value, see valueRoles). */
const ROLE_NONE = 0;
const ROLE_TEMPLATE = 1;
const ROLE_CAPABILITY = 2;
const ROLE_SETTINGS = 3;
const ROLE_PAYMENT = 4;
const ROLE_BIN = 5;
const ROLE_BURST = 6;
const ROLE_PIVOT = 7;
const ROLE_HOSTING = 8;
const BY_SIGNAL = ['', 'template', 'x_capability', 'x_settings'];

/**
 * Each value's role in clusterFeatures, found once per analysis: the features visit every value of
 * every clustered account (10 million at the reported scale), and reading each value's object for
 * its signal and, for an ASN, parsing its text cost more than the features themselves.
 */
export function valueRoles(c: Collected, lv: LinkValues): Uint8Array {
  const values = c.table.values;
  const roles = new Uint8Array(values.length);
  for (let v = 0; v < values.length; v++) {
    const { signal, text } = values[v]!;
    let r = ROLE_NONE;
    if (signal === 'template') r = ROLE_TEMPLATE;
    else if (signal === 'x_capability') r = ROLE_CAPABILITY;
    else if (signal === 'x_settings') r = ROLE_SETTINGS;
    else if (signal === 'payment') r = ROLE_PAYMENT;
    else if (signal === 'card_bin' && lv.degree[v]! >= 2) r = ROLE_BIN;
    else if (signal === 'signup_burst') r = ROLE_BURST;
    else if (signal === 'model_pivot') r = ROLE_PIVOT;
    else if (signal === 'asn' && isHostingAsn(text)) r = ROLE_HOSTING;
    roles[v] = r;
  }
  return roles;
}

/** Features of one cluster. `binClusterShare`: share of a card BIN's holders that must sit in the
 * cluster for the BIN to count as shared payment there: a big bank's BIN is spread over the
 * population, a bought range is not (a campaign split into a few clusters still holds a large
 * share in each). `roles`: valueRoles, found once for all the clusters. */
export function clusterFeatures(
  c: Collected,
  lv: LinkValues,
  byAccount: { start: Int32Array; order: Int32Array },
  members: number[],
  binClusterShare: number,
  roles: Uint8Array,
): ClusterFeatures & { firstTs: number | null; lastTs: number | null } {
  const b = c.behaviour;
  const t = c.table;
  let ex = 0;
  let cot = 0;
  let inTok = 0;
  let outTok = 0;
  let first = Infinity;
  let last = -Infinity;
  const bySignal = new Map<string, Map<number, number>>();
  const payments = new Map<number, number>();
  const paymentOf = new Map<number, number[]>();
  const bins = new Map<number, number>();
  const binOf = new Map<number, number[]>();
  let bursts = 0;
  let pivots = 0;
  let hosting = 0;
  const firsts: number[] = [];
  const lasts: number[] = [];
  const volumes: number[] = [];
  for (const a of members) {
    ex += b.exchanges[a]!;
    cot += b.cot[a]!;
    inTok += b.inTokens[a]!;
    outTok += b.outTokens[a]!;
    volumes.push(b.exchanges[a]!);
    if (!Number.isNaN(b.firstTs[a]!)) {
      first = Math.min(first, b.firstTs[a]!);
      last = Math.max(last, b.lastTs[a]!);
      firsts.push(b.firstTs[a]!);
      lasts.push(b.lastTs[a]!);
    }
    let burst = false;
    let pivot = false;
    for (let k = byAccount.start[a]!; k < byAccount.start[a + 1]!; k++) {
      const q = byAccount.order[k]!;
      const v = t.pv[q]!;
      const role = roles[v]!;
      if (role === ROLE_NONE) continue;
      if (role <= ROLE_SETTINGS) {
        const sig = BY_SIGNAL[role]!;
        let m = bySignal.get(sig);
        if (!m) bySignal.set(sig, (m = new Map()));
        m.set(v, (m.get(v) ?? 0) + t.count[q]!);
      } else if (role === ROLE_PAYMENT) {
        payments.set(v, (payments.get(v) ?? 0) + 1);
        const l = paymentOf.get(a);
        if (l) l.push(v);
        else paymentOf.set(a, [v]);
      } else if (role === ROLE_BIN) {
        // a BIN with a large share of its holders inside this cluster (one issuer range, not a big bank's
        // spread over the population): distinct cards bought from one range; counted below at
        // 3/4 of a shared fingerprint
        bins.set(v, (bins.get(v) ?? 0) + 1);
        const l = binOf.get(a);
        if (l) l.push(v);
        else binOf.set(a, [v]);
      } else if (role === ROLE_BURST) burst = true;
      else if (role === ROLE_PIVOT) pivot = true;
      else if (role === ROLE_HOSTING) hosting += t.count[q]!;
    }
    if (burst) bursts++;
    if (pivot) pivots++;
  }
  const topShare = (sig: string, k: number, denom: number) => {
    const m = bySignal.get(sig);
    if (!m || denom <= 0) return 0;
    const counts = [...m.values()].sort((x, y) => y - x).slice(0, k);
    return counts.reduce((s, x) => s + x, 0) / denom;
  };
  const capTotal = [...(bySignal.get('x_capability')?.values() ?? [])].reduce((s, x) => s + x, 0);
  let payShared = 0;
  for (const a of members) {
    if ((paymentOf.get(a) ?? []).some((v) => (payments.get(v) ?? 0) >= 2)) payShared++;
    else if ((binOf.get(a) ?? []).some((v) => (bins.get(v) ?? 0) >= 2 && (bins.get(v) ?? 0) >= binClusterShare * lv.degree[v]!)) payShared += 0.75;
  }
  const mf = median(firsts);
  const ml = median(lasts);
  let sync = 0;
  for (let i = 0; i < firsts.length; i++) if (Math.abs(firsts[i]! - mf) <= DAY && Math.abs(lasts[i]! - ml) <= DAY) sync++;
  const mean = volumes.reduce((s, x) => s + x, 0) / Math.max(1, volumes.length);
  const sd = Math.sqrt(volumes.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, volumes.length));
  const n = members.length;
  const lat = members.map((a) => b.pivotHours[a]!).map((x) => (Number.isNaN(x) ? Infinity : x));
  return {
    pivotMedianHours: median(lat),
    size: n,
    exchanges: ex,
    cotShare: ex ? cot / ex : 0,
    tokenRatio: inTok > 0 ? outTok / inTok : 0,
    templateTop3Share: topShare('template', 3, ex),
    topCapabilityShare: topShare('x_capability', 1, capTotal),
    settingsTopShare: topShare('x_settings', 1, ex),
    burstShare: bursts / n,
    synchronyShare: firsts.length ? sync / n : 0,
    cadenceCv: mean > 0 ? sd / mean : 1,
    pivotShare: pivots / n,
    paymentShare: payShared / n,
    hostingShare: ex ? hosting / ex : 0,
    firstTs: Number.isFinite(first) ? first : null,
    lastTs: Number.isFinite(last) ? last : null,
  };
}
