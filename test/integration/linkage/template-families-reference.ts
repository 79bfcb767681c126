// Test reference: derive's template families as first written (each account's rows merged per
// key, then per family), kept to check that addTemplateFamilies, which merges each observation
// straight into its family's pair, gives the same values and pairs (counts, times, examples).
import type { Collected } from '../../../electron/engine/linkage/collect';
import { templateSignature } from '../../../electron/engine/linkage/aggregates/kinds';
import { templateSignatures } from '../../../electron/engine/linkage/derived-values';
import { signatureHex } from '../../../electron/engine/linkage/value-table';
import { templateFamilies } from '../../../electron/engine/linkage/template-families';
import { grown } from '../../../electron/engine/linkage/typed-arrays';

export function referenceTemplateFamilies(c: Collected, hammingMax: number): number {
  const { table } = c;
  const tp = c.templates;
  const nt = tp.nKeys;
  const { hi, lo } = templateSignatures(tp);
  const fam = templateFamilies(hi, lo, hammingMax);
  // (template, account) pairs per family
  const famPairs = new Int32Array(nt);
  for (let k = 0; k < nt; k++) famPairs[fam[k]!]! += tp.pairsOf[k]!;
  // labelled by the representative's 64-bit signature in hex: exact (a decimal through a JS number
  // would round it) and the same form `explain` matches prompt samples against. Interned in
  // order of first use (accounts in order, each account's templates in order of first
  // appearance), so value ids do not depend on the hash layout.
  const famValue = new Int32Array(nt).fill(-1);
  let families = 0;
  // per family: the last account holding it and that pair in the table
  const lastAccount = new Int32Array(nt).fill(-1);
  const lastPair = new Int32Array(nt);
  // one account's (template) pairs of qualifying families, in order of first appearance; its
  // rows from several imports merged per key
  const seenBy = new Int32Array(nt).fill(-1);
  const slot = new Int32Array(nt);
  let cap = 1024;
  let lk = new Int32Array(cap);
  let lc = new Int32Array(cap);
  let lf = new Float64Array(cap);
  let ll = new Float64Array(cap);
  let le = new Float64Array(cap);
  // per key: in a family of two or more pairs (one byte: read at random once per observation)
  const keep = new Uint8Array(nt);
  for (let k = 0; k < nt; k++) keep[k] = famPairs[fam[k]!]! >= 2 ? 1 : 0;
  // the second read comes in the first one's order: each observation's key index is taken from
  // the first read (checked on each row's first key), not hashed again
  const rawKey = tp.rawKey;
  let r = 0;
  tp.reread((a, meta, data) => {
    let m = 0;
    let off = 0;
    for (const x of meta) {
      const rows = (x - (x % 16)) / 16;
      if (rows > 0 && (r + rows > tp.raw || tp.keys[rawKey[r]!] !== data[off]!)) throw new Error('template rows read back in another order');
      for (let i = 0; i < rows; i++) {
        const k = rawKey[r++]!;
        if (keep[k] === 0) continue;
        const count = data[off + rows + i]!;
        const first = data[off + 2 * rows + i]!;
        const last = data[off + 3 * rows + i]!;
        const example = data[off + 4 * rows + i]!;
        if (seenBy[k] === a) {
          // a later import's row of the same pair
          const j = slot[k]!;
          lc[j]! += count;
          if (!(first >= lf[j]!)) lf[j] = Number.isNaN(first) ? lf[j]! : first;
          if (!(last <= ll[j]!)) ll[j] = Number.isNaN(last) ? ll[j]! : last;
          if (example >= 0 && (example < le[j]! || le[j]! < 0)) le[j] = example;
          continue;
        }
        if (m >= cap) {
          cap *= 2;
          lk = grown(lk, cap);
          lc = grown(lc, cap);
          lf = grown(lf, cap);
          ll = grown(ll, cap);
          le = grown(le, cap);
        }
        seenBy[k] = a;
        slot[k] = m;
        lk[m] = k;
        lc[m] = count;
        lf[m] = first;
        ll[m] = last;
        le[m] = example;
        m++;
      }
      off += 5 * rows;
    }
    for (let j = 0; j < m; j++) {
      const rep = fam[lk[j]!]!;
      if (famValue[rep]! < 0) {
        // distinct keys have distinct signatures, so each family's label is new: no text look-up
        famValue[rep] = table.internNew('template', `family ${signatureHex(templateSignature(tp.keys[rep]!))}`);
        families++;
      }
      const first = lf[j]!;
      const last = ll[j]!;
      if (lastAccount[rep] === a) {
        const np = lastPair[rep]!;
        table.count[np]! += lc[j]!;
        if (first < table.first[np]! || Number.isNaN(table.first[np]!)) table.first[np] = first;
        if (last > table.last[np]! || Number.isNaN(table.last[np]!)) table.last[np] = last;
        continue;
      }
      lastAccount[rep] = a;
      lastPair[rep] = table.append(famValue[rep]!, a, lc[j]!, first, last, le[j]!);
    }
  });
  return families;
}
