// Engine. The last few cluster views sent, packed, kept per connection while the case's data stays
// the same (statements.ts dataStamp: analyses, imports, investigator actions). Why: an investigator
// goes back and forth (overview and back into the same cluster, accounts and shared values, a
// filter and its reset) and a 5,000-account view costs its layout each time (0.3 s in software).
import type { PackedView } from '../../shared/contract';
import type { Db } from '../db/connection';
import { dataStamp } from './statements';

/** Views kept per connection: a packed 5,000-account view is about half a megabyte. */
const KEEP = 4;

const kept = new WeakMap<Db, Array<{ key: string; stamp: string; view: PackedView }>>();

/** The view for `key` from the cache when the case has not changed since, else built and kept. */
export function cachedView(db: Db, key: string, build: () => PackedView): PackedView {
  const stamp = dataStamp(db);
  let list = kept.get(db);
  if (!list) kept.set(db, (list = []));
  const i = list.findIndex((e) => e.key === key && e.stamp === stamp);
  if (i >= 0) {
    const [hit] = list.splice(i, 1);
    list.unshift(hit!);
    return { ...hit!.view, ms: 0 };
  }
  const view = build();
  const fresh = list.filter((e) => e.stamp === stamp && e.key !== key);
  fresh.unshift({ key, stamp, view });
  kept.set(db, fresh.slice(0, KEEP));
  return view;
}
