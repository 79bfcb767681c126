// Pure pieces of linkage: rarity and hubs, template families, bursts, soft-edge rule, scoring,
// stable ids, the community merge rule, email patterns.
import { describe, expect, it } from 'vitest';
import { AnalysisParameters } from '../../../electron/shared/contract/analysis';
import { assignClusterIds } from '../../../electron/engine/linkage/stable-ids';
import { emailPattern } from '../../../electron/engine/linkage/collect';
import { mergeStronglyJoined } from '../../../electron/engine/linkage/clustering';
import { signupBursts } from '../../../electron/engine/linkage/derived-values';
import { isStrong } from '../../../electron/engine/linkage/project';
import { scoreCluster, type ClusterFeatures } from '../../../electron/engine/linkage/scoring';
import { corroboratingFamilies, FAMILIES, familyBit, SIGNAL_NAMES } from '../../../electron/engine/linkage/signals';
import { hamming64, mergeFamilies, templateFamilies, templateFamilyPart } from '../../../electron/engine/linkage/template-families';
import { hubDegree, rarity, timeCloseness, valueWeight } from '../../../electron/engine/linkage/weights';

const P = AnalysisParameters.parse({});

describe('weights', () => {
  it('rarity falls with degree and hard values outweigh soft ones', () => {
    expect(rarity(2, 10_000)).toBe(1);
    expect(rarity(100, 10_000)).toBeLessThan(rarity(10, 10_000));
    expect(rarity(10_000, 10_000)).toBe(0);
    expect(valueWeight('payment', 2, 1000)).toBeGreaterThan(valueWeight('ip', 2, 1000));
  });
  it('hub caps: soft by degree and share, hard only by absolute degree', () => {
    expect(hubDegree('ip', 100_000, P)).toBe(200);
    expect(hubDegree('ip', 1000, P)).toBe(50);
    expect(hubDegree('ip', 100, P)).toBe(20);
    expect(hubDegree('payment', 600, P)).toBe(1000);
  });
  it('time closeness halves every half-life of gap', () => {
    const h = 3_600_000;
    expect(timeCloseness(0, 10 * h, 5 * h, 20 * h, 168)).toBe(1);
    expect(timeCloseness(0, 0, 168 * h, 168 * h, 168)).toBeCloseTo(0.5, 6);
  });
});

describe('soft-edge rule', () => {
  it('needs weight and two corroborating families unless a hard value is shared', () => {
    const net = familyBit('ip');
    const content = familyBit('template');
    expect(familyBit('asn')).toBe(0);
    expect(isStrong(2, false, net, P)).toBe(false);
    expect(isStrong(2, false, net | content, P)).toBe(true);
    expect(isStrong(1.2, false, net | content, P)).toBe(false);
    expect(isStrong(1.2, true, 0, P)).toBe(true);
    expect(isStrong(0.5, true, 0, P)).toBe(false);
  });
});

describe('corroborating families', () => {
  const vec = (w: Record<string, number>) => Float64Array.from(SIGNAL_NAMES, (s) => w[s] ?? 0);
  const names = (bits: number) => FAMILIES.filter((_, f) => bits & (1 << f));
  const scratch = new Float64Array(FAMILIES.length);
  const fams = (w: Record<string, number>) => names(corroboratingFamilies(vec(w), 0, P.softFamilyCap, P.softFamilyMinWeight, scratch));
  it('counts a family only when its own evidence is substantial', () => {
    // popular template + common client + email look-alike: one family of substance
    expect(fams({ template: 1.5, tls: 0.28, user_agent: 0.23, email_pattern: 0.3, email_domain: 0.05 })).toEqual(['content']);
    // template + BIN on one schedule: two
    expect(fams({ template: 2, bin_schedule: 0.9, card_bin: 0.11 })).toEqual(['payment', 'content']);
  });
  it('counts one address seen at sign-up and in use once, and never weak signals', () => {
    expect(fams({ template: 1, ip_prefix: 0.42, signup_prefix: 0.42, asn: 0.12, country: 0.03 })).toEqual(['content']);
    expect(fams({ template: 1, ip: 0.7, signup_ip: 0.7 })).toEqual(['network', 'content']);
    expect(fams({ template: 1, card_bin: 0.9 })).toEqual(['content']);
  });
  it('the client family (capped at half) never corroborates on its own', () => {
    expect(fams({ template: 1, tls: 0.6, user_agent: 0.5 })).toEqual(['content']);
  });
});

describe('template families (SimHash LSH)', () => {
  it('groups signatures within the Hamming radius and keeps others apart', () => {
    const hi = [0x12345678, 0x12345678, 0x12345678, 0x9abcdef0];
    const lo = [0x0f0f0f0f, 0x0f0f0f0e, 0x0f0f0f08, 0x11111111];
    expect(hamming64(hi[0]!, lo[0]!, hi[2]!, lo[2]!)).toBe(3);
    const fam = templateFamilies(hi, lo, 3);
    expect([...fam]).toEqual([0, 0, 0, 3]);
    expect([...templateFamilies(hi, lo, 0)]).toEqual([0, 1, 2, 3]);
  });
  it('matches brute force on signatures whose low bits are always zero (52-bit SimHash)', () => {
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const hi: number[] = [];
    const lo: number[] = [];
    for (let i = 0; i < 400; i++) {
      // clusters of near-duplicates around 40 centres, low 12 bits zero
      const c = i % 40;
      let h = Math.imul(c + 1, 2654435761) >>> 0;
      let l = (Math.imul(c + 7, 40503) << 12) >>> 0;
      for (let f = next() % 5; f > 0; f--) {
        const b = 12 + (next() % 52);
        if (b < 32) l = (l ^ (1 << b)) >>> 0;
        else h = (h ^ (1 << (b - 32))) >>> 0;
      }
      hi.push(h);
      lo.push(l);
    }
    const fam = templateFamilies(hi, lo, 3);
    // reference: union of all pairs within distance 3, smallest index per set
    const parent = hi.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let i = 0; i < hi.length; i++) for (let j = i + 1; j < hi.length; j++) if (hamming64(hi[i]!, lo[i]!, hi[j]!, lo[j]!) <= 3) parent[Math.max(find(i), find(j))] = Math.min(find(i), find(j));
    expect([...fam]).toEqual(hi.map((_, i) => find(i)));
  });
  it('matches brute force when runs are long (near-duplicates of a campaign: runs split by chunks)', () => {
    let x = 777;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    const hi: number[] = [];
    const lo: number[] = [];
    // 2400 signatures around 6 centres (runs of hundreds), 2 to 6 bits flipped: many pairs just
    // inside the radius, many just outside
    for (let i = 0; i < 2400; i++) {
      const c = i % 6;
      let h = Math.imul(c + 3, 2654435761) >>> 0;
      let l = (Math.imul(c + 11, 40503) << 12) >>> 0;
      for (let f = 2 + (next() % 5); f > 0; f--) {
        const b = 12 + (next() % 52);
        if (b < 32) l = (l ^ (1 << b)) >>> 0;
        else h = (h ^ (1 << (b - 32))) >>> 0;
      }
      hi.push(h);
      lo.push(l);
    }
    const parent = hi.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let i = 0; i < hi.length; i++)
      for (let j = i + 1; j < hi.length; j++) {
        if (hamming64(hi[i]!, lo[i]!, hi[j]!, lo[j]!) > 3) continue;
        const a = find(i);
        const b = find(j);
        parent[Math.max(a, b)] = Math.min(a, b);
      }
    const expected = hi.map((_, i) => find(i));
    expect(new Set(expected).size).toBeGreaterThan(6);
    expect([...templateFamilies(hi, lo, 3)]).toEqual(expected);
  });
  it('grouping by the first band of each pair finds the runs of sorting by the pair key: same families, runs beyond the largest compared included', () => {
    let x = 99;
    const rnd = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
    const hi: number[] = [];
    const lo: number[] = [];
    const add = (h: number, l: number) => {
      hi.push(h >>> 0);
      lo.push((l & ~0xfff) >>> 0);
    };
    // random templates; a campaign of 8,400 near-copies of one (more than a run compares) and
    // thirty small families, shuffled among them
    const base = [rnd(), rnd()] as const;
    const fams = Array.from({ length: 30 }, () => [rnd(), rnd()] as const);
    for (let i = 0; i < 12_000; i++) {
      const r = rnd() % 10;
      const [h, l] = r < 7 ? base : r < 8 ? fams[rnd() % 30]! : [rnd(), rnd()];
      let fh = h;
      let fl = l;
      for (let f = rnd() % 4; f > 0; f--) {
        const bit = 12 + (rnd() % 52);
        if (bit < 32) fl ^= 1 << bit;
        else fh ^= 1 << (bit - 32);
      }
      add(fh, fl);
    }
    for (const d of [2, 3]) {
      const grouped = templateFamilies(hi, lo, d);
      expect(new Set(grouped).size).toBeLessThan(hi.length - 8000);
      expect([...grouped]).toEqual([...templateFamilies(hi, lo, d, false)]);
    }
  });

  it('a search split into parts (units claimed by two threads in turn) joins to the whole search', () => {
    let x = 5;
    const rnd = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
    const hi: number[] = [];
    const lo: number[] = [];
    for (let i = 0; i < 6000; i++) {
      const j = i > 10 && i % 3 === 0 ? rnd() % i : -1;
      hi.push(j >= 0 ? (hi[j]! ^ (1 << rnd() % 32)) >>> 0 : rnd());
      lo.push(j >= 0 ? (lo[j]! ^ (1 << (12 + (rnd() % 20)))) >>> 0 : (rnd() & ~0xfff) >>> 0);
    }
    for (const d of [3, 12]) {
      const whole = templateFamilies(hi, lo, d);
      let next = 0;
      const claim = () => next++;
      // one part takes the even claims, the other the odd ones (as two threads might)
      const parts: (Int32Array | null)[] = [];
      const a = templateFamilyPart(hi, lo, d, () => (next % 2 === 0 ? claim() : (claim(), claim())));
      parts.push(a);
      next = 1;
      parts.push(templateFamilyPart(hi, lo, d, () => (next % 2 === 1 ? claim() : (claim(), claim()))));
      const [p0, p1] = parts;
      const identity = Int32Array.from({ length: hi.length }, (_, i) => i);
      expect([...mergeFamilies(p0 ?? identity, p1 ?? identity)]).toEqual([...whole]);
      // a part that found nothing to claim says so
      expect(templateFamilyPart(hi, lo, d, () => 99)).toBeNull();
    }
  });

  it('finds every pair within the radius (pigeonhole over bands), for several radii', () => {
    for (const k of [1, 2, 3, 5, 8]) {
      const hi = [0xdeadbeef];
      const lo = [0x01234567];
      // flip k bits spread over both halves
      let h = 0xdeadbeef;
      let l = 0x01234567;
      for (let b = 0; b < k; b++) {
        if (b % 2) h ^= 1 << ((b * 7) % 32);
        else l ^= 1 << ((b * 5) % 32);
      }
      hi.push(h >>> 0);
      lo.push(l >>> 0);
      expect(templateFamilies(hi, lo, k)[1]).toBe(0);
      if (k > 0) expect(templateFamilies(hi, lo, k - 1)[1]).toBe(hamming64(hi[0]!, lo[0]!, hi[1]!, lo[1]!) <= k - 1 ? 0 : 1);
    }
  });
});

describe('sign-up bursts', () => {
  it('chains accounts created within the window on one network', () => {
    const m = 60_000;
    const created = [0, 5 * m, 9 * m, 200 * m, 1 * m, 2 * m, NaN];
    const net = ['a', 'a', 'a', 'a', 'b', 'b', 'a'];
    const out = signupBursts(created, net, 10 * m, 3);
    expect(out.map((x) => x.account).sort()).toEqual([0, 1, 2]);
    expect(new Set(out.map((x) => x.key)).size).toBe(1);
  });
});

describe('scoring', () => {
  const base: ClusterFeatures = {
    size: 200,
    exchanges: 10_000,
    cotShare: 0.9,
    tokenRatio: 20,
    templateTop3Share: 0.8,
    topCapabilityShare: 0.9,
    settingsTopShare: 1,
    burstShare: 0.9,
    synchronyShare: 0.9,
    cadenceCv: 0.1,
    pivotShare: 0.9,
    pivotMedianHours: 6,
    paymentShare: 0.9,
    hostingShare: 0.9,
  };
  it('flags a campaign-like cluster with contributions that add up to the score', () => {
    const s = scoreCluster(base, 0.4);
    expect(s.flagged).toBe(true);
    expect(s.score).toBeGreaterThan(0.9);
    expect(s.reasons.reduce((x, r) => x + r.contribution, 0)).toBeCloseTo(s.score, 3);
    for (let i = 1; i < s.reasons.length; i++) expect(s.reasons[i - 1]!.contribution).toBeGreaterThanOrEqual(s.reasons[i]!.contribution);
  });
  it('never flags shared infrastructure without content evidence (enterprise seats)', () => {
    const enterprise = { ...base, cotShare: 0, tokenRatio: 0.8, templateTop3Share: 0.1 };
    const s = scoreCluster(enterprise, 0.4);
    expect(s.score).toBeGreaterThan(0.4);
    expect(s.flagged).toBe(false);
  });
});

describe('stable cluster ids', () => {
  it('keeps an id when membership barely changes, by overlap not position', () => {
    const prev = new Map([
      ['C-OLD1', ['a', 'b', 'c', 'd']],
      ['C-OLD2', ['x', 'y']],
    ]);
    const ids = assignClusterIds([['x', 'y', 'z'], ['a', 'b', 'c', 'd', 'e'], ['p', 'q']], prev, 0.5);
    expect(ids[0]).toBe('C-OLD2');
    expect(ids[1]).toBe('C-OLD1');
    expect(ids[2]).toMatch(/^C-[0-9A-F]{6,}$/);
    expect(assignClusterIds([['p', 'q']], new Map(), 0.5)[0]).toBe(ids[2]);
  });
  it('gives an old id to one new cluster only', () => {
    const prev = new Map([['C-OLD', ['a', 'b', 'c', 'd']]]);
    const ids = assignClusterIds([['a', 'b'], ['c', 'd']], prev, 0.5);
    expect(ids.filter((x) => x === 'C-OLD')).toHaveLength(1);
  });
});

describe('community merge rule', () => {
  it('glues communities joined strongly and keeps weakly bridged ones apart', () => {
    const clique = (o: number) => [0, 1, 2, 3].flatMap((i) => [0, 1, 2, 3].filter((j) => j > i).map((j) => ({ u: o + i, v: o + j, w: 5 })));
    const edges = [...clique(0), ...clique(4), { u: 3, v: 4, w: 1 }];
    const community = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
    const apart = mergeStronglyJoined(8, edges, community, 0.1);
    expect(apart[0]).not.toBe(apart[4]);
    const heavy = [...edges, { u: 0, v: 5, w: 20 }, { u: 1, v: 6, w: 20 }];
    const glued = mergeStronglyJoined(8, heavy, community, 0.1);
    expect(glued[0]).toBe(glued[4]);
  });
  it('joins communities that send most of their links outside, each a little to many others, and keeps an isolated crew apart', () => {
    // six groups of three, each pair of groups joined by a light link (below the pairwise rule),
    // but together more than half of each group's weight; plus a crew of three with one thin bridge
    const edges: { u: number; v: number; w: number }[] = [];
    const community = new Int32Array(21);
    for (let g = 0; g < 7; g++) {
      for (let i = 0; i < 3; i++) community[3 * g + i] = g;
      edges.push({ u: 3 * g, v: 3 * g + 1, w: 1 }, { u: 3 * g + 1, v: 3 * g + 2, w: 1 }, { u: 3 * g, v: 3 * g + 2, w: 1 });
    }
    for (let g = 0; g < 6; g++) for (let h = g + 1; h < 6; h++) edges.push({ u: 3 * g + (h % 3), v: 3 * h + (g % 3), w: 1.5 });
    edges.push({ u: 18, v: 0, w: 0.1 });
    const pairwiseOnly = mergeStronglyJoined(21, edges, community, 0.1 * 2);
    expect(new Set(pairwiseOnly.slice(0, 18)).size).toBeGreaterThan(1);
    const merged = mergeStronglyJoined(21, edges, community, 0.1 * 2, 0.5);
    expect(new Set(merged.slice(0, 18)).size).toBe(1);
    expect(merged[18]).toBe(merged[20]);
    expect(merged[18]).not.toBe(merged[0]);
  });
  it('joins dense groups whose accounts mostly link across, however light the links; keeps a group bridged by few apart', () => {
    // three cliques of six (heavy inside), each account with one light link into the next group:
    // every group keeps over 90% of its weight inside, yet all its accounts bridge
    const clique = (o: number, w: number) => [0, 1, 2, 3, 4, 5].flatMap((i) => [0, 1, 2, 3, 4, 5].filter((j) => j > i).map((j) => ({ u: o + i, v: o + j, w })));
    const edges = [...clique(0, 10), ...clique(6, 10), ...clique(12, 10)];
    for (let i = 0; i < 6; i++) edges.push({ u: i, v: 6 + i, w: 0.5 }, { u: 6 + i, v: 12 + i, w: 0.5 });
    // a fourth group reached by two of its six accounts only
    edges.push(...clique(18, 10), { u: 18, v: 0, w: 0.5 }, { u: 19, v: 1, w: 0.5 });
    const community = Int32Array.from({ length: 24 }, (_, i) => Math.floor(i / 6));
    const byWeight = mergeStronglyJoined(24, edges, community, 0.1, 0.5);
    expect(new Set(byWeight).size).toBe(4);
    const byBridges = mergeStronglyJoined(24, edges, community, 0.1, 0.5, 0.5);
    expect(new Set(byBridges.slice(0, 18)).size).toBe(1);
    expect(byBridges[18]).not.toBe(byBridges[0]);
    expect(byBridges[18]).toBe(byBridges[23]);
  });
  it('carries a bridged group only to a neighbour several of its accounts link to, never across one stray link', () => {
    // a campaign cut into three cliques (every account links into the next), and two benign
    // groups D and E: three of D's accounts link to E, one links to the campaign by a single
    // heavy link (one shared e-mail) that outweighs the three light ones
    const clique = (o: number, w: number) => [0, 1, 2, 3, 4, 5].flatMap((i) => [0, 1, 2, 3, 4, 5].filter((j) => j > i).map((j) => ({ u: o + i, v: o + j, w })));
    const edges = [...clique(0, 10), ...clique(6, 10), ...clique(12, 10), ...clique(18, 10), ...clique(24, 10)];
    for (let i = 0; i < 6; i++) edges.push({ u: i, v: 6 + i, w: 0.5 }, { u: 6 + i, v: 12 + i, w: 0.5 });
    for (let i = 0; i < 3; i++) edges.push({ u: 18 + i, v: 24 + i, w: 0.5 });
    edges.push({ u: 21, v: 0, w: 2.5 });
    const community = Int32Array.from({ length: 30 }, (_, i) => Math.floor(i / 6));
    // one account suffices (the former rule): D follows its heaviest link into the campaign, E follows D
    const anyLink = mergeStronglyJoined(30, edges, community, 0.1, 0.5, 0.5, 1);
    expect(new Set(anyLink).size).toBe(1);
    // three accounts needed: the campaign is one group, D and E another
    const several = mergeStronglyJoined(30, edges, community, 0.1, 0.5, 0.5, 3);
    expect(new Set(several.slice(0, 18)).size).toBe(1);
    expect(new Set(several.slice(18)).size).toBe(1);
    expect(several[18]).not.toBe(several[0]);
  });
});

describe('email local-part pattern', () => {
  it('abstracts letters and digits runs, keeps punctuation and domain', () => {
    expect(emailPattern('john.smith1987@mail.com')).toBe('L4.L5D4@mail.com');
    expect(emailPattern('nope')).toBeNull();
  });

  it('gives what the pattern by code point and regular expressions gave, for any text', () => {
    // the first version, by code point with a regular expression per character
    const reference = (emailNorm: string): string | null => {
      const at = emailNorm.lastIndexOf('@');
      if (at <= 0) return null;
      let out = '';
      let kind = '';
      let run = 0;
      const flush = () => {
        if (run > 0) out += `${kind}${run}`;
        run = 0;
      };
      for (const ch of emailNorm.slice(0, at)) {
        const k = /[a-z]/i.test(ch) ? 'L' : /[0-9]/.test(ch) ? 'D' : ch;
        if (k === 'L' || k === 'D') {
          if (k !== kind) flush();
          kind = k;
          run++;
        } else {
          flush();
          kind = '';
          out += k;
        }
      }
      flush();
      return `${out}@${emailNorm.slice(at + 1)}`;
    };
    const alphabet = ['a', 'Z', 'q', '0', '9', '5', '.', '_', '+', '-', '@', 'é', 'ſ', 'K', '١', '😀', 'L', 'D', ' '];
    let x = 99;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % n;
    for (let i = 0; i < 3000; i++) {
      let t = '';
      for (let j = rnd(14); j > 0; j--) t += alphabet[rnd(alphabet.length)]!;
      expect(emailPattern(t)).toBe(reference(t));
    }
    for (const t of ['@x', 'a@', 'ab12.cd@@x.org', '😀😀1@x', 'aa..bb@y']) expect(emailPattern(t)).toBe(reference(t));
  });
});
