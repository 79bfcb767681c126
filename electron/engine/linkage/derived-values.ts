// Engine. Values derived from behaviour rather than read from a column: template families
// (near-duplicate SimHash), sign-up bursts, synchronised active hours, co-activity windows and
// model-switch time after a new model appears. Each becomes an ordinary shared value, so it is
// weighted, capped and explained like any other.
import type { AnalysisParameters } from '../../shared/contract/analysis';
import type { Collected } from './collect';
import { templateFamilies } from './template-families';
import { TEXT_OF_FAMILY } from './value-table';

const HOUR = 3_600_000;

/** Accounts created within `windowMs` of each other (chained) on one sign-up network. */
export function signupBursts(createdAt: ArrayLike<number>, network: (string | null)[], windowMs: number, minAccounts: number): { account: number; key: string }[] {
  const byNet = new Map<string, number[]>();
  for (let i = 0; i < createdAt.length; i++) {
    const net = network[i];
    const t = createdAt[i]!;
    if (!net || Number.isNaN(t)) continue;
    const list = byNet.get(net);
    if (list) list.push(i);
    else byNet.set(net, [i]);
  }
  const out: { account: number; key: string }[] = [];
  for (const [net, list] of byNet) {
    list.sort((x, y) => createdAt[x]! - createdAt[y]!);
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && createdAt[list[i]!]! - createdAt[list[i - 1]!]! <= windowMs) continue;
      if (i - start >= minAccounts) {
        const key = `${net} @ ${new Date(createdAt[list[start]!]!).toISOString()}`;
        for (let k = start; k < i; k++) out.push({ account: list[k]!, key });
      }
      start = i;
    }
  }
  return out;
}

/** Which 3-hour blocks of the day (UTC) hold at least 8% of the account's traffic: coarse on
 * purpose, so accounts run on one shared schedule agree despite jitter. */
export function activeHoursMask(hours: Uint32Array, account: number, total: number): number {
  let mask = 0;
  for (let b = 0; b < 8; b++) {
    let n = 0;
    for (let h = 3 * b; h < 3 * b + 3; h++) n += hours[account * 24 + h]!;
    if (n >= total * 0.08) mask |= 1 << b;
  }
  return mask >>> 0;
}

/** Default share of an account's traffic inside its busiest 8-hour window of the day for it to
 * count as running on a schedule (people spread their use; a fleet driven by one scheduler does
 * not). The analysis uses the recorded parameter scheduleMinShare. */
export const SCHEDULE_MIN_SHARE = 0.9;
const SCHEDULE_HOURS = 8;
const SCHEDULE_BLOCK = 4;

/** Start hour (UTC, 0..23) of the busiest 8-hour window of the day, when it holds at least
 * `minShare` of the traffic, else -1. */
export function scheduleStart(hours: Uint32Array, account: number, total: number, minShare = SCHEDULE_MIN_SHARE): number {
  let best = -1;
  let bestN = -1;
  for (let h = 0; h < 24; h++) {
    let n = 0;
    for (let k = 0; k < SCHEDULE_HOURS; k++) n += hours[account * 24 + ((h + k) % 24)]!;
    if (n > bestN) {
      bestN = n;
      best = h;
    }
  }
  return total > 0 && bestN >= total * minShare ? best : -1;
}

/** Each distinct template key's SimHash as unsigned 32-bit halves: templateSignature of each key,
 * its arithmetic inline (no array per key: the family search waits for these, 5.7 million keys at
 * the reported scale). */
export function templateSignatures(tp: { nKeys: number; keys: Float64Array }): { hi: Uint32Array; lo: Uint32Array } {
  const hi = new Uint32Array(tp.nKeys);
  const lo = new Uint32Array(tp.nKeys);
  const keys = tp.keys;
  for (let i = 0; i < tp.nKeys; i++) {
    const key = keys[i]!;
    const u = key < 0 ? key + 2 ** 52 : key;
    const h = Math.floor(u / 2 ** 20);
    hi[i] = h >>> 0;
    lo[i] = ((u - h * 2 ** 20) * 4096) >>> 0;
  }
  return { hi, lo };
}

/**
 * Template families (near-duplicate SimHash, found once over the DISTINCT keys) become values:
 * a family counts when two or more (template, account) pairs fall in it; each account's
 * templates of one family merge into one pair. Returns how many families became values.
 * The templates' details (counts, times, example rows) are read again here, account by account,
 * and kept only for keys of such families: most benign prompts are one-offs, and holding every
 * (account, template) pair cost gigabytes at the reported scale.
 */
export function addTemplateFamilies(c: Collected, hammingMax: number, started?: { result(): Int32Array }): number {
  const { table } = c;
  const tp = c.templates;
  const nt = tp.nKeys;
  let fam: Int32Array;
  if (started) fam = started.result();
  else {
    const { hi, lo } = templateSignatures(tp);
    fam = templateFamilies(hi, lo, hammingMax);
  }
  // (template, account) pairs per family
  const famPairs = new Int32Array(nt);
  for (let k = 0; k < nt; k++) famPairs[fam[k]!]! += tp.pairsOf[k]!;
  // labelled by the representative's 64-bit signature in hex: exact (a decimal through a JS number
  // would round it) and the same form `explain` matches prompt samples against. Interned in
  // order of first use (accounts in order, each account's templates in order of first
  // appearance), so value ids do not depend on the hash layout.
  let families = 0;
  // Per family, side by side (one cache miss per observation where four arrays took four: tens
  // of millions of observations at the reported scale): the last account holding it (ST_ACCOUNT)
  // and that pair in the table (ST_PAIR), the key whose rows give the pair its example
  // (ST_EXAMPLE_KEY: the account's first key of the family: its rows from several imports keep
  // the smallest example, other keys of the family add counts and times only), and its value
  // (ST_VALUE, -1 until first used).
  const st = new Int32Array(4 * nt);
  for (let k = 0; k < nt; k++) {
    st[4 * k + ST_ACCOUNT] = -1;
    st[4 * k + ST_VALUE] = -1;
  }
  // per key: its family when that family holds two or more pairs, else -1 (one read per observation)
  for (let k = 0; k < nt; k++) if (famPairs[fam[k]!]! < 2) fam[k] = -1;
  // the second read comes in the first one's order: each observation's key index is taken from
  // the first read (checked on each row's first key), not hashed again. Each observation goes
  // straight to its family's pair (a key merged with itself first, then with its family, gave
  // the same counts, times and example).
  const rawKey = tp.rawKey;
  // the table's columns as views, taken again after each pair appended (its times columns grow
  // in place as pairs come: a view taken before stops at the old length)
  let { count: tCount, first: tFirst, last: tLast } = table;
  let r = 0;
  tp.reread((a, meta, data) => {
    let off = 0;
    for (const x of meta) {
      const rows = (x - (x % 16)) / 16;
      if (rows > 0 && (r + rows > tp.raw || tp.keys[rawKey[r]!] !== data[off]!)) throw new Error('template rows read back in another order');
      for (let i = 0; i < rows; i++) {
        const k = rawKey[r++]!;
        const rep = fam[k]!;
        if (rep < 0) continue;
        const s = 4 * rep;
        const count = data[off + rows + i]!;
        const first = data[off + 2 * rows + i]!;
        const last = data[off + 3 * rows + i]!;
        const example = data[off + 4 * rows + i]!;
        if (st[s + ST_ACCOUNT] === a) {
          const np = st[s + ST_PAIR]!;
          tCount[np]! += count;
          // smallest first and largest last seen, NaN (no time) ignored
          if (first < tFirst[np]! || Number.isNaN(tFirst[np]!)) tFirst[np] = first;
          if (last > tLast[np]! || Number.isNaN(tLast[np]!)) tLast[np] = last;
          if (st[s + ST_EXAMPLE_KEY] === k && example >= 0 && (example < table.example[np]! || table.example[np]! < 0)) table.setExample(np, example);
          continue;
        }
        if (st[s + ST_VALUE]! < 0) {
          // distinct keys have distinct signatures, so each family's label is new: no text look-up;
          // the label itself is made only when read (ValueTable.text)
          st[s + ST_VALUE] = table.internDeferred('template', TEXT_OF_FAMILY, tp.keys[rep]!);
          families++;
        }
        st[s + ST_ACCOUNT] = a;
        st[s + ST_EXAMPLE_KEY] = k;
        st[s + ST_PAIR] = table.append(st[s + ST_VALUE]!, a, count, first, last, example);
        ({ count: tCount, first: tFirst, last: tLast } = table);
      }
      off += 5 * rows;
    }
  });
  return families;
}

/** Offsets of a family's state in addTemplateFamilies' side-by-side array. */
const ST_ACCOUNT = 0;
const ST_PAIR = 1;
const ST_EXAMPLE_KEY = 2;
const ST_VALUE = 3;

/** `families`: the family search already started on `c.templates` (else run here). */
export function addDerivedValues(c: Collected, p: AnalysisParameters, families?: { result(): Int32Array }): { templateFamilies: number; models: { model: string; release: number }[] } {
  const { table, accounts, behaviour } = c;
  const pairs = table.pairs;
  const pv = table.pv;
  const pa = table.pa;
  // one pass over the values: which signals derive from (string compares once per value, not per pair)
  const nv = table.values.length;
  const MODEL = 2;
  const BIN = 3;
  const kind = new Uint8Array(nv);
  for (let v = 0; v < nv; v++) {
    const sig = table.values[v]!.signal;
    kind[v] = sig === 'x_model' ? MODEL : sig === 'card_bin' ? BIN : 0;
  }
  // models: release = first time any account used it
  const release = new Float64Array(nv).fill(Infinity);
  const binOf = new Int32Array(accounts.n).fill(-1);
  for (let q = 0; q < pairs; q++) {
    const v = pv[q]!;
    const k = kind[v]!;
    if (k === MODEL) {
      const f = table.first[q]!;
      if (f < release[v]!) release[v] = f;
    } else if (k === BIN) binOf[pa[q]!] = v;
  }
  const modelRelease = new Map<number, number>();
  for (let v = 0; v < nv; v++) if (kind[v] === MODEL && release[v]! < Infinity) modelRelease.set(v, release[v]!);
  // the newest model that appeared after the data starts: how fast each account moved to it
  let newest = -1;
  for (const [v, r] of modelRelease) if (r > c.minTs + 24 * HOUR && (newest < 0 || r > modelRelease.get(newest)!)) newest = v;
  for (let q = 0; q < pairs; q++) {
    const v = pv[q]!;
    const k = kind[v]!;
    if (k === MODEL) {
      if (v === newest) behaviour.pivotHours[pa[q]!] = (table.first[q]! - release[v]!) / HOUR;
      const r = release[v]!;
      const first = table.first[q]!;
      // a model that appears after the data starts is a release; moving to it fast is a trait
      if (r > c.minTs + 24 * HOUR && first - r <= 24 * HOUR) {
        const bucket = Math.floor((first - r) / (4 * HOUR)) * 4;
        table.add(table.intern('model_pivot', `${table.values[v]!.text} within ${bucket}-${bucket + 4} h of first use`), pa[q]!, first, table.example[q]!);
      }
    }
  }
  // Values below are new and each (value, account) pair is produced once: appended without the
  // pair index (no later add touches these values).
  for (const b of signupBursts(accounts.createdAt, accounts.signupPrefix, p.burstWindowMinutes * 60_000, p.burstMinAccounts)) {
    const ts = accounts.createdAt[b.account]!;
    table.append(table.intern('signup_burst', b.key), b.account, 1, ts, ts, -1);
  }
  // One card BIN and one daily schedule: accounts paying from one issuer range and driven by one
  // scheduler. The 8-hour window becomes the five 4-hour blocks it contains, so two accounts
  // whose windows start d hours apart share 5 - d values: a fleet whose start times jitter by an
  // hour or two stays one group instead of splitting at arbitrary bucket edges.
  const hh = (h: number) => `${String(h % 24).padStart(2, '0')}:00`;
  for (let a = 0; a < accounts.n; a++) {
    if (binOf[a]! < 0 || behaviour.exchanges[a]! < p.scheduleMinExchanges) continue;
    const bin = table.values[binOf[a]!]!.text;
    const h = scheduleStart(behaviour.hours, a, behaviour.exchanges[a]!, p.scheduleMinShare);
    if (h < 0) continue;
    for (let k = 0; k <= SCHEDULE_HOURS - SCHEDULE_BLOCK; k++) {
      table.append(table.intern('bin_schedule', `BIN ${bin}, daily traffic inside ${hh(h + k)}-${hh(h + k + SCHEDULE_BLOCK)} UTC`), a, 1, NaN, NaN, -1);
    }
  }
  for (let a = 0; a < accounts.n; a++) {
    const total = behaviour.exchanges[a]!;
    if (total < 20) continue;
    const mask = activeHoursMask(behaviour.hours, a, total);
    if (mask !== 0xff) {
      let label = '';
      for (let b = 0; b < 8; b++) if (mask & (1 << b)) label += `${label ? ' ' : ''}${String(3 * b).padStart(2, '0')}-${String(3 * b + 3).padStart(2, '0')}h`;
      table.append(table.intern('active_hours', `UTC ${label}`), a, 1, NaN, NaN, -1);
    }
    const f = Math.floor(behaviour.firstTs[a]! / (6 * HOUR)) * 6 * HOUR;
    const l = Math.floor(behaviour.lastTs[a]! / (6 * HOUR)) * 6 * HOUR;
    table.append(table.intern('activity_window', `${new Date(f).toISOString()} .. ${new Date(l).toISOString()}`), a, 1, NaN, NaN, -1);
  }
  const models = [...modelRelease].map(([v, release]) => ({ model: table.values[v]!.text, release }));
  // last: a family search running on a worker thread has had the longest to finish
  const familyCount = addTemplateFamilies(c, p.templateHammingMax, families);
  return { templateFamilies: familyCount, models };
}
