// Test reference: the analysis's former phase 1, one pass over every exchange row (no
// aggregates), kept to check that collect() from the import-time aggregates gives the same table.
// The account-level values and the empty behaviour come from collect.ts (they never came from
// the exchanges); everything read from exchanges is recomputed here independently.
import type { Db } from '../../../electron/engine/db/connection';
import { accountValues, emptyBehaviour, readAccounts, type Collected } from '../../../electron/engine/linkage/collect';
import { STRING_KINDS as EXCHANGE_SIGNALS, templateSignature } from '../../../electron/engine/linkage/aggregates/kinds';
import { TemplateKeys, TemplatePairs } from '../../../electron/engine/linkage/template-pairs';

const BATCH = 65_536;

export function referenceCollect(db: Db, onBatch: (done: number, total: number) => void = () => {}): Collected {
  const { info, rows } = readAccounts(db);
  const n = info.n;
  const table = accountValues(info, rows);
  const behaviour = emptyBehaviour(n);

  const stringText = db.prepare('SELECT value FROM strings WHERE id = ?').pluck();
  const cols = EXCHANGE_SIGNALS.length;
  // per signal: strings.id -> value index
  const strToValue = EXCHANGE_SIGNALS.map(() => new Map<number, number>());
  // per account and column: last key seen and its pair index
  const stride = cols + 2;
  const SET = cols + 1;
  const lastKey = new Float64Array(n * stride).fill(NaN);
  const lastPair = new Int32Array(n * stride);
  const templates = new TemplatePairs();
  // (account, template key) -> pair index in `templates`
  const templatePair = new Map<string, number>();
  const settingsValue = new Map<number, number>();

  // Moving a value from SQLite to JS costs far more than arithmetic inside SQLite, so the
  // string-id columns travel two per number (26 bits each), the SimHash as its top 52 bits (exact
  // in a double), settings and token counts packed likewise. Wider string ids fall back to pairs
  // of columns packed with the same layout, decoded identically.
  const maxString = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM strings').get() as { m: number }).m;
  const SHIFT = 2 ** 26;
  const packable = maxString < SHIFT;
  const colNames = EXCHANGE_SIGNALS.map(([, c]) => c);
  const packs: string[] = [];
  for (let i = 0; i < cols; i += 2) {
    const x = colNames[i]!;
    const y = colNames[i + 1];
    packs.push(packable ? `coalesce(${x}, 0) * ${SHIFT} + ${y ? `coalesce(${y}, 0)` : '0'}` : `coalesce(${x}, 0)`);
    if (!packable) packs.push(y ? `coalesce(${y}, 0)` : '0');
  }
  const packCount = packs.length;
  const total = (db.prepare('SELECT count(*) AS n FROM exchanges').get() as { n: number }).n;
  const sql = `SELECT id, account, ts, ${packs.join(', ')},
              coalesce(simhash, template) >> 12,
              CASE WHEN temperature IS NULL AND top_p IS NULL AND max_tokens IS NULL THEN NULL
                   ELSE (coalesce(round(temperature * 1000), -1) + 1) * 2199023255552
                      + (coalesce(round(top_p * 1000), -1) + 1) * 134217728 + min(coalesce(max_tokens, -1) + 1, 134217727) END,
              coalesce(cot, 0) * 281474976710656 + min(coalesce(input_tokens, 0), 16777215) * 16777216 + min(coalesce(output_tokens, 0), 16777215)
       FROM exchanges ORDER BY id`;
  const stmt = db.prepare(sql).raw(true);
  let done = 0;
  let minTs = Infinity;
  let maxTs = -Infinity;
  const oTpl = 3 + packCount;
  const ids = new Float64Array(cols);
  // one streaming pass (iterate), not batches of .all(): half the time, no batch arrays to
  // collect. Progress and cancellation every BATCH rows; a throw closes the statement.
  {
    for (const row of stmt.iterate()) {
      const r = row as (number | null)[];
      if (++done % BATCH === 0) onBatch(done, total);
      const exId = r[0] as number;
      const dbAcc = r[1] as number;
      const a = dbAcc < info.indexOfDbId.length ? info.indexOfDbId[dbAcc]! : -1;
      if (a < 0) continue;
      const ts = r[2] as number;
      if (ts < minTs) minTs = ts;
      if (ts > maxTs) maxTs = ts;
      if (packable) {
        for (let k = 0; k < packCount; k++) {
          const x = r[3 + k] as number;
          const hi = Math.floor(x / SHIFT);
          ids[2 * k] = hi;
          if (2 * k + 1 < cols) ids[2 * k + 1] = x - hi * SHIFT;
        }
      } else for (let k = 0; k < cols; k++) ids[k] = r[3 + k] as number;
      const slot = a * stride;
      for (let c = 0; c < cols; c++) {
        const s = ids[c]!;
        if (s === 0) continue;
        if (lastKey[slot + c] === s) {
          table.bump(lastPair[slot + c]!, ts);
          continue;
        }
        const map = strToValue[c]!;
        let v = map.get(s);
        if (v === undefined) {
          const text = stringText.get(s) as string | undefined;
          v = table.intern(EXCHANGE_SIGNALS[c]![0], text ?? `#${s}`);
          map.set(s, v);
        }
        lastKey[slot + c] = s;
        lastPair[slot + c] = table.add(v, a, ts, exId);
      }
      const tpl = r[oTpl];
      if (tpl !== null && tpl !== undefined) {
        const pk = `${a}:${tpl}`;
        const q = templatePair.get(pk);
        if (q === undefined) templatePair.set(pk, templates.append(a, tpl, 1, ts, ts, exId));
        else templates.merge(q, 1, ts, ts, exId);
      }
      const set = r[oTpl + 1];
      if (set !== null && set !== undefined) {
        if (lastKey[slot + SET] === set) table.bump(lastPair[slot + SET]!, ts);
        else {
          let v = settingsValue.get(set);
          if (v === undefined) {
            const t = Math.floor(set / 2199023255552) - 1;
            const rest = set - (t + 1) * 2199023255552;
            const p = Math.floor(rest / 134217728) - 1;
            const m = rest - (p + 1) * 134217728 - 1;
            v = table.intern('x_settings', `temperature=${t < 0 ? '-' : t / 1000} top_p=${p < 0 ? '-' : p / 1000} max_tokens=${m < 0 ? '-' : m}`);
            settingsValue.set(set, v);
          }
          lastKey[slot + SET] = set;
          lastPair[slot + SET] = table.add(v, a, ts, exId);
        }
      }
      const tok = r[oTpl + 2] as number;
      const cot = tok >= 281474976710656 ? 1 : 0;
      const io = tok - cot * 281474976710656;
      const inTok = Math.floor(io / 16777216);
      behaviour.exchanges[a]! += 1;
      behaviour.cot[a]! += cot;
      behaviour.inTokens[a]! += inTok;
      behaviour.outTokens[a]! += io - inTok * 16777216;
      const f = behaviour.firstTs[a]!;
      if (!(ts >= f)) behaviour.firstTs[a] = ts;
      const l = behaviour.lastTs[a]!;
      if (!(ts <= l)) behaviour.lastTs[a] = ts;
      behaviour.hours[a * 24 + (Math.floor(ts / 3_600_000) % 24)]! += 1;
    }
    onBatch(done, total);
  }
  return { accounts: info, behaviour, table, templates: keysOf(templates), exchangeCount: done, minTs: Number.isFinite(minTs) ? minTs : 0, maxTs: Number.isFinite(maxTs) ? maxTs : 0 };
}

/** The table as sorted text lines (signal, value, account, count, first, last, example) plus behaviour: comparable across orders. */
export function canonical(c: Collected): { pairs: string[]; behaviour: string[]; exchanges: number; minTs: number; maxTs: number } {
  const t = c.table;
  const pairs: string[] = [];
  for (let q = 0; q < t.pairs; q++) {
    const v = t.values[t.pv[q]!]!;
    pairs.push(`${v.signal}\t${v.text}\t${c.accounts.dbId[t.pa[q]!]}\t${t.count[q]}\t${t.first[q]}\t${t.last[q]}\t${t.example[q]}`);
  }
  pairs.sort();
  const b = c.behaviour;
  const behaviour: string[] = [];
  for (let a = 0; a < c.accounts.n; a++) {
    behaviour.push(`${c.accounts.dbId[a]} ${b.exchanges[a]} ${b.cot[a]} ${b.inTokens[a]} ${b.outTokens[a]} ${b.firstTs[a]} ${b.lastTs[a]} ${Array.from(b.hours.subarray(a * 24, a * 24 + 24)).join(',')}`);
  }
  const tp = pairsOf(c.templates);
  for (let q = 0; q < tp.n; q++) {
    const key = tp.keys[tp.tk[q]!]!;
    pairs.push(`x_template\t${key}\t${c.accounts.dbId[tp.acc[q]!]}\t${tp.count[q]}\t${tp.first[q]}\t${tp.last[q]}\t${tp.example[q]}\t${templateSignature(key).join(',')}`);
  }
  // the keys collect keeps, with how many accounts used each
  for (let k = 0; k < c.templates.nKeys; k++) pairs.push(`x_template_key\t${c.templates.keys[k]}\t${c.templates.pairsOf[k]}`);
  return { pairs, behaviour, exchanges: c.exchangeCount, minTs: c.minTs, maxTs: c.maxTs };
}

/** The pairs as a TemplateKeys gives them back (one row per account, its pairs merged). */
function keysOf(tp: TemplatePairs): TemplateKeys {
  const byAccount = new Map<number, number[]>();
  for (let q = 0; q < tp.n; q++) {
    const l = byAccount.get(tp.acc[q]!);
    if (l) l.push(q);
    else byAccount.set(tp.acc[q]!, [q]);
  }
  const accounts = [...byAccount.keys()].sort((x, y) => x - y);
  const keys = new TemplateKeys((each) => {
    for (const a of accounts) {
      const qs = byAccount.get(a)!;
      const n = qs.length;
      const data = new Float64Array(5 * n);
      qs.forEach((q, i) => {
        data[i] = tp.keys[tp.tk[q]!]!;
        data[n + i] = tp.count[q]!;
        data[2 * n + i] = tp.first[q]!;
        data[3 * n + i] = tp.last[q]!;
        data[4 * n + i] = tp.example[q]!;
      });
      each(a, [n * 16 + 10], data);
    }
  });
  keys.readKeys();
  return keys;
}

/** Every (account, template) pair the keys read back, rows of one pair merged. */
export function pairsOf(keys: TemplateKeys): TemplatePairs {
  const tp = new TemplatePairs();
  keys.reread((a, meta, data) => {
    const mine = new Map<number, number>();
    let off = 0;
    for (const m of meta) {
      const rows = (m - (m % 16)) / 16;
      for (let i = 0; i < rows; i++) {
        const key = data[off + i]!;
        const q = mine.get(key);
        if (q === undefined) mine.set(key, tp.append(a, key, data[off + rows + i]!, data[off + 2 * rows + i]!, data[off + 3 * rows + i]!, data[off + 4 * rows + i]!));
        else tp.merge(q, data[off + rows + i]!, data[off + 2 * rows + i]!, data[off + 3 * rows + i]!, data[off + 4 * rows + i]!);
      }
      off += 5 * rows;
    }
  });
  return tp;
}
