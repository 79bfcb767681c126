// Engine. Exchanges over time, bucketed, for a set of accounts, a cluster or the whole case.
import type { Histogram } from '../../shared/contract';
import type { Db } from '../db/connection';
import { memoised, stmt } from './statements';

/** A round bucket width (minutes, hours, days) giving about `buckets` bars over [min, max]. */
export function bucketWidth(min: number, max: number, buckets: number): number {
  const raw = Math.max(1, (max - min + 1) / buckets);
  const steps = [60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 172_800_000, 604_800_000];
  return steps.find((s) => s >= raw) ?? Math.ceil(raw / 604_800_000) * 604_800_000;
}

function build(rows: Array<{ b: number; n: number }>, from: number, width: number, count: number): Histogram {
  const counts = new Array<number>(count).fill(0);
  for (const r of rows) if (r.b >= 0 && r.b < count) counts[r.b] = r.n;
  return { from, bucketMs: width, counts };
}

export type HistogramScope = { kind: 'all' } | { kind: 'cluster'; id: string } | { kind: 'accounts'; ids: number[] };

export function histogram(db: Db, scope: HistogramScope, buckets: number): Histogram {
  if (scope.kind === 'all') return memoised(db, `hist:all:${buckets}`, () => compute(db, scope, buckets));
  return compute(db, scope, buckets);
}

function compute(db: Db, scope: HistogramScope, buckets: number): Histogram {
  const src =
    scope.kind === 'all'
      ? { from: 'exchanges x', where: '1', args: [] as unknown[] }
      : scope.kind === 'cluster'
        ? { from: 'cluster_members cm JOIN exchanges x ON x.account = cm.account', where: 'cm.cluster_id = ?', args: [scope.id] as unknown[] }
        : { from: 'json_each(?) j JOIN exchanges x ON x.account = j.value', where: '1', args: [JSON.stringify(scope.ids)] as unknown[] };
  const span = stmt(db, `SELECT min(x.ts) AS lo, max(x.ts) AS hi FROM ${src.from} WHERE ${src.where}`).get(...src.args) as { lo: number | null; hi: number | null };
  if (span.lo === null || span.hi === null) return { from: 0, bucketMs: 3_600_000, counts: [] };
  const width = bucketWidth(span.lo, span.hi, buckets);
  const from = Math.floor(span.lo / width) * width;
  const count = Math.floor((span.hi - from) / width) + 1;
  const rows = stmt(db, `SELECT CAST((x.ts - ?) / ? AS INTEGER) AS b, count(*) AS n FROM ${src.from} WHERE ${src.where} GROUP BY b`).all(Math.trunc(from), Math.trunc(width), ...src.args) as Array<{ b: number; n: number }>;
  return build(rows, from, width, count);
}
