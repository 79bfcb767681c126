// Engine. The stored edges that join two different clusters, for the overview. Filtered here over
// a dense account → cluster array rather than in SQL: a join did two B-tree searches in
// cluster_members for every edge (13 s for 2M edges at the reported scale, where 94% of the edges
// stay inside a cluster). Only the edges with a clustered end are read, through edges_b (b, a):
// one index search per cluster member and its partners from that narrow covering index, not a
// pass over the edges table, whose signals text is most of the case's linkage data (hundreds of
// megabytes at the reported scale). The crossing edges' weights and signals are read after it,
// in (a, b) order, in one statement.
import type { Db } from '../db/connection';

export interface CrossingEdge {
  /** positions of the two clusters in `clusterIndex` */
  ia: number;
  ib: number;
  weight: number;
  signalsJson: string;
}

/**
 * Every edge between two clusters that `clusterIndex` holds (cluster id → position), by (a, b):
 * the order the overview adds their weights in.
 */
export function crossingEdges(db: Db, clusterIndex: ReadonlyMap<string, number>): CrossingEdge[] {
  const members = db.prepare('SELECT account, cluster_id FROM cluster_members').raw().all() as Array<[number, string]>;
  let maxId = 0;
  for (const [a] of members) if (a > maxId) maxId = a;
  const at = new Int32Array(maxId + 1).fill(-1);
  for (const [a, c] of members) at[a] = clusterIndex.get(c) ?? -1;
  // per member b, its partners a < b as one text (a row per edge through better-sqlite3 cost
  // four times as much); each edge is found once, under its greater end. Edges joining a member
  // to an account that is in no cluster are read too (few: the stored edges are mostly those of
  // clustered accounts, and most of those stay inside their cluster).
  // (edges_b is the only index that leads with b: no hint needed)
  const partners = db
    .prepare('SELECT m.account, (SELECT group_concat(e.a) FROM edges e WHERE e.b = m.account) FROM cluster_members m')
    .raw()
    .iterate() as Iterable<[number, string | null]>;
  const keyA: number[] = [];
  const keyB: number[] = [];
  for (const [b, as] of partners) {
    if (as === null) continue;
    const y = b <= maxId ? at[b]! : -1;
    if (y < 0) continue;
    for (const t of as.split(',')) {
      const a = Number(t);
      const x = a <= maxId ? at[a]! : -1;
      if (x >= 0 && x !== y) {
        keyA.push(a);
        keyB.push(b);
      }
    }
  }
  const order = Array.from(keyA.keys()).sort((i, j) => keyA[i]! - keyA[j]! || keyB[i]! - keyB[j]!);
  // their weights and signals in one statement (a lookup per edge through better-sqlite3 cost
  // twice as much), in the order given
  const wanted = JSON.stringify(order.map((k) => [keyA[k]!, keyB[k]!]));
  const rows = db
    .prepare('SELECT e.a, e.b, e.weight, e.signals_json FROM json_each(?) j JOIN edges e ON e.a = j.value ->> 0 AND e.b = j.value ->> 1 ORDER BY j.key')
    .raw()
    .all(wanted) as Array<[number, number, number, string]>;
  const out: CrossingEdge[] = [];
  for (const [a, b, weight, signalsJson] of rows) out.push({ ia: at[a]!, ib: at[b]!, weight, signalsJson });
  return out;
}
