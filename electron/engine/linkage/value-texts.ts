// Engine, job worker. The texts of values that collect added by key (a strings.id) before their
// text was read: filled afterwards in one ordered pass over the strings table.
import type { Db } from '../db/connection';
import { familyText, TEXT_OF_FAMILY, TEXT_OF_STRING, type ValueInfo, type ValueTable } from './value-table';

/** Signals whose texts are read before the write, for every value: derive names the models
 * (model pivots), scoring tells hosting ASNs by name (cluster-features.ts valueRoles). */
export const TEXTS_READ_EARLY: ReadonlySet<string> = new Set(['x_model', 'asn']);

/**
 * Once the analysis knows which values it stores (`keep`: held by two or more accounts): their
 * deferred strings texts read (family labels still made as the write reads them), every other
 * value's object and text let go (but those of TEXTS_READ_EARLY, which scoring reads), its slot
 * sharing one object per signal. At the reported scale most of the 1.3 million values are held by
 * one account (their emails, phones, cards, addresses): projection and clustering then run with
 * a far smaller heap for each full garbage collection to mark.
 */
export function keepTexts(db: Db, table: ValueTable, keep: (v: number) => boolean): void {
  fillDeferredTexts(db, table, keep, false);
  const shared = new Map<string, ValueInfo | null>();
  const values = table.values;
  // values of one signal mostly come one after another: its shared object (null: kept) looked up once a run
  let last = '';
  let x: ValueInfo | null = null;
  for (let v = 0; v < values.length; v++) {
    if (keep(v)) continue;
    const { signal } = values[v]!;
    if (signal !== last) {
      last = signal;
      x = shared.get(signal) ?? null;
      if (!shared.has(signal)) shared.set(signal, (x = TEXTS_READ_EARLY.has(signal) ? null : { signal, text: '' }));
    }
    if (x !== null) table.dropText(v, x);
  }
}

/**
 * Fills the deferred texts (ValueTable.internDeferred) of the values `need` selects (all when
 * omitted): strings rows read as fillTexts does; family labels made and kept only with
 * `families` (else ValueTable.text makes them when read).
 */
export function fillDeferredTexts(db: Db, table: ValueTable, need: (v: number) => boolean = () => true, families = true): void {
  if (table.deferredCount === 0) return;
  const from = table.deferredFrom;
  const keyOf = table.deferredKey;
  const keys: number[] = [];
  const values: number[] = [];
  const n = Math.min(table.values.length, from.length);
  for (let v = 0; v < n; v++) {
    const f = from[v]!;
    if (f === 0 || !need(v)) continue;
    if (f === TEXT_OF_FAMILY) {
      if (families) table.setText(v, familyText(keyOf[v]!));
    } else if (f === TEXT_OF_STRING) {
      keys.push(keyOf[v]!);
      values.push(v);
    }
  }
  fillTexts(db, table, keys, values);
}

/**
 * The texts of values added before their text was read (`keys[i]`: a strings.id, the text of
 * value `values[i]`; `#id` when the row is missing). Read in id order, each key's run of ids at
 * once where they are dense (a range scan of strings, one row per id), else looked up id by id
 * (a B-tree descent each): both read each needed row once.
 */
export function fillTexts(db: Db, table: ValueTable, keys: number[], values: number[]): void {
  const n = keys.length;
  if (n === 0) return;
  const order = orderByKey(keys);
  const range = db.prepare('SELECT id, value FROM strings WHERE id >= ? AND id <= ? ORDER BY id').raw(true);
  const one = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  let i = 0;
  while (i < n) {
    // the longest run from here whose ids are at least a quarter of the ids it spans
    let j = i + 1;
    const lo = keys[order[i]!]!;
    while (j < n && keys[order[j]!]! - lo <= 4 * (j + 1 - i) + 64) j++;
    const hi = keys[order[j - 1]!]!;
    if (j - i >= 16 && Number.isInteger(lo) && Number.isInteger(hi)) {
      let k = i;
      for (const r of range.iterate(lo, hi)) {
        const [id, text] = r as [number, string];
        while (k < j && keys[order[k]!]! < id) {
          table.setText(values[order[k]!]!, `#${keys[order[k]!]!}`);
          k++;
        }
        while (k < j && keys[order[k]!]! === id) table.setText(values[order[k++]!]!, text);
      }
      for (; k < j; k++) table.setText(values[order[k]!]!, `#${keys[order[k]!]!}`);
    } else {
      for (let k = i; k < j; k++) {
        const key = keys[order[k]!]!;
        const text = one.get(key) as string | undefined;
        table.setText(values[order[k]!]!, text ?? `#${key}`);
      }
    }
    i = j;
  }
}

/** Indices of `keys` in ascending key order (stable): an LSD radix sort (11 bits a pass) when
 * every key is an integer in [0, 2^31) (a comparison sort of millions cost seconds), else a sort. */
export function orderByKey(keys: readonly number[]): Int32Array {
  const n = keys.length;
  let order = Int32Array.from({ length: n }, (_, i) => i);
  let max = 0;
  for (const k of keys) {
    if (!(k >= 0 && k < 2 ** 31 && Number.isInteger(k))) return order.sort((x, y) => keys[x]! - keys[y]! || x - y);
    if (k > max) max = k;
  }
  let other = new Int32Array(n);
  const count = new Int32Array(2049);
  for (let shift = 0; shift < 31 && max >>> shift > 0; shift += 11) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[((keys[order[i]!]! >>> shift) & 2047) + 1]! += 1;
    for (let d = 0; d < 2048; d++) count[d + 1]! += count[d]!;
    for (let i = 0; i < n; i++) other[count[(keys[order[i]!]! >>> shift) & 2047]!++] = order[i]!;
    [order, other] = [other, order];
  }
  return order;
}
