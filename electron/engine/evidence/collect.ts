// Engine (export job). Reads everything a packet shows from the case into PacketData: the
// selected clusters (from the last analysis, with the investigator's overrides applied), their
// accounts, links and the shared values behind them, a bounded sample of exchanges, tags,
// verdicts, notes, the analysis parameters, the provenance of the data and the audit entries.
// Ordered everywhere, so the same case gives the same PacketData.
import { isoTime } from '../../shared/time-span';
import { auditForSelection, readAudit } from '../audit/audit-log';
import type { Db } from '../db/connection';
import { EngineError } from '../../shared/result';
import { heldValues } from '../linkage/holdings';
import { signalNamesOfJson } from '../linkage/signals-json';
import { APP_VERSION } from '../version';
import { notesFor } from '../workflow/notes';
import { tagsOf, targetsWithTag } from '../workflow/tags';
import type { PacketAccount, PacketCluster, PacketData, PacketExchange, PacketLink, PacketSharedValue, PacketValue, SourceRow } from './packet-types';

export interface Selection {
  clusterIds?: readonly string[];
  tag?: string;
}

export interface CollectOptions {
  /** most exchanges written to exchanges.jsonl */
  exchangeLimit?: number;
  /** most example source rows kept per shared value */
  examplesPerValue?: number;
}

const meta = (db: Db, key: string) => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? '';

export function resolveSelection(db: Db, sel: Selection): { clusterIds: string[]; tag: string | null } {
  if (sel.tag !== undefined && sel.tag !== '') {
    const ids = targetsWithTag(db, sel.tag, 'cluster').filter((id) => db.prepare('SELECT 1 FROM clusters WHERE id = ?').get(id));
    if (ids.length === 0) throw new EngineError('NOT_FOUND', `No cluster of the current analysis is tagged ${sel.tag}.`);
    return { clusterIds: ids.sort(), tag: sel.tag };
  }
  const ids = [...new Set(sel.clusterIds ?? [])].sort();
  if (ids.length === 0) throw new EngineError('BAD_REQUEST', 'Choose clusters (or a tag) to export.');
  const missing = ids.filter((id) => !db.prepare('SELECT 1 FROM clusters WHERE id = ?').get(id));
  if (missing.length) throw new EngineError('NOT_FOUND', `No cluster ${missing.join(', ')} in the current analysis.`);
  return { clusterIds: ids, tag: null };
}

function bucketFor(spanMs: number): number {
  const H = 3_600_000;
  for (const b of [H, 6 * H, 24 * H, 7 * 24 * H]) if (spanMs / b <= 120) return b;
  return 30 * 24 * H;
}

export function collectPacket(db: Db, sel: Selection, opts: CollectOptions = {}): PacketData {
  const exchangeLimit = opts.exchangeLimit ?? 5000;
  const examplesPerValue = opts.examplesPerValue ?? 3;
  const selection = resolveSelection(db, sel);
  const clusterTags = tagsOf(db, 'cluster', selection.clusterIds);

  return db.transaction(() => {
    db.exec('DROP TABLE IF EXISTS temp.sel; CREATE TEMP TABLE sel (account INTEGER PRIMARY KEY, cluster_id TEXT NOT NULL)');
    db.prepare('INSERT INTO temp.sel (account, cluster_id) SELECT account, cluster_id FROM cluster_members WHERE cluster_id IN (SELECT value FROM json_each(?))').run(
      JSON.stringify(selection.clusterIds),
    );
    try {
      return build();
    } finally {
      db.exec('DROP TABLE IF EXISTS temp.sel');
    }
  })();

  function build(): PacketData {
    const clusterRows = db
      .prepare('SELECT id, size, score, flagged, reasons_json, first_ts, last_ts, exchanges FROM clusters WHERE id IN (SELECT value FROM json_each(?)) ORDER BY score DESC, id')
      .all(JSON.stringify(selection.clusterIds)) as Array<{ id: string; size: number; score: number; flagged: number; reasons_json: string; first_ts: number | null; last_ts: number | null; exchanges: number }>;

    const accountRows = db
      .prepare(
        `SELECT a.id AS id, a.account_id AS accountId, s.cluster_id AS clusterId, a.created_at AS createdAt, a.email, a.email_domain AS emailDomain,
                a.payment_fingerprint AS paymentFingerprint, a.card_bin AS cardBin, a.signup_ip AS signupIp, a.device_id AS deviceId,
                a.signup_channel AS signupChannel, v.verdict AS verdict
         FROM temp.sel s JOIN accounts a ON a.id = s.account LEFT JOIN account_verdicts v ON v.account_id = a.account_id
         ORDER BY s.cluster_id, a.account_id`,
      )
      .all() as Array<Omit<PacketAccount, 'exchanges' | 'firstTs' | 'lastTs' | 'tags'> & { id: number }>;
    const textId = new Map(accountRows.map((a) => [a.id, a.accountId]));
    const accountIds = accountRows.map((a) => a.accountId);

    // one pass over the exchanges for per-account activity
    const activity = new Map<number, { n: number; first: number | null; last: number | null }>();
    for (const r of db.prepare('SELECT e.account AS a, count(*) AS n, min(e.ts) AS first, max(e.ts) AS last FROM exchanges e JOIN temp.sel s ON s.account = e.account GROUP BY e.account').iterate() as Iterable<{
      a: number;
      n: number;
      first: number | null;
      last: number | null;
    }>) {
      activity.set(r.a, r);
    }
    const accountTags = tagsOf(db, 'account', accountIds);
    const accounts: PacketAccount[] = accountRows.map(({ id, ...a }) => ({
      ...a,
      exchanges: activity.get(id)?.n ?? 0,
      firstTs: activity.get(id)?.first ?? null,
      lastTs: activity.get(id)?.last ?? null,
      tags: accountTags[a.accountId] ?? [],
    }));

    // timelines: bucket per cluster by its own span
    const clusters: PacketCluster[] = clusterRows.map((c) => {
      const span = c.first_ts !== null && c.last_ts !== null ? c.last_ts - c.first_ts : 0;
      const b = bucketFor(span);
      const timeline = db
        .prepare('SELECT CAST(e.ts / ? AS INTEGER) * ? AS t, count(*) AS n FROM exchanges e JOIN temp.sel s ON s.account = e.account WHERE s.cluster_id = ? GROUP BY 1 ORDER BY 1')
        .all(b, b, c.id) as Array<{ t: number; n: number }>;
      const members = accountRows.filter((a) => a.clusterId === c.id).map((a) => a.accountId);
      return {
        id: c.id,
        size: c.size,
        score: c.score,
        flagged: c.flagged === 1,
        reasons: JSON.parse(c.reasons_json) as PacketCluster['reasons'],
        firstTs: c.first_ts,
        lastTs: c.last_ts,
        exchanges: c.exchanges,
        accounts: members,
        tags: clusterTags[c.id] ?? [],
        timeline,
      };
    });

    // values held by selected accounts (only values shared by two or more accounts are stored):
    // rows of hard values and packed soft ones (linkage/holdings.ts)
    const valueRows = heldValues(db, db.prepare('SELECT account FROM temp.sel ORDER BY account').pluck().all() as number[]).map(({ account, value: lv, example }) => ({
      account,
      vid: lv.id,
      signal: lv.signal,
      value: lv.value,
      degree: lv.degree,
      weight: lv.weight,
      hub: lv.hub,
      ex: example,
    }));
    valueRows.sort((x, y) => (x.signal < y.signal ? -1 : x.signal > y.signal ? 1 : x.value < y.value ? -1 : x.value > y.value ? 1 : x.account - y.account));
    const values: PacketValue[] = valueRows.map((v) => ({ accountId: textId.get(v.account)!, signal: v.signal, value: v.value, degree: v.degree }));
    values.sort((x, y) => (x.accountId < y.accountId ? -1 : x.accountId > y.accountId ? 1 : x.signal < y.signal ? -1 : x.signal > y.signal ? 1 : x.value < y.value ? -1 : x.value > y.value ? 1 : 0));

    const exampleOf = db.prepare('SELECT i.file_name AS file, e.line AS line FROM exchanges e JOIN imports i ON i.id = e.import_id WHERE e.id = ?');
    const examples = new Map<number, SourceRow | null>();
    const example = (ex: number | null): SourceRow | null => {
      if (ex === null) return null;
      if (!examples.has(ex)) examples.set(ex, (exampleOf.get(ex) as SourceRow | undefined) ?? null);
      return examples.get(ex)!;
    };
    const byAccount = new Map<number, Map<number, (typeof valueRows)[number]>>();
    for (const v of valueRows) {
      let m = byAccount.get(v.account);
      if (!m) byAccount.set(v.account, (m = new Map()));
      m.set(v.vid, v);
    }

    const edgeRows = db
      .prepare(
        `SELECT e.a, e.b, e.weight, e.signals_json FROM edges e JOIN temp.sel sa ON sa.account = e.a JOIN temp.sel sb ON sb.account = e.b ORDER BY e.a, e.b`,
      )
      .all() as Array<{ a: number; b: number; weight: number; signals_json: string }>;
    const links: PacketLink[] = edgeRows.map((e) => {
      const va = byAccount.get(e.a) ?? new Map();
      const vb = byAccount.get(e.b) ?? new Map();
      const shared: PacketSharedValue[] = [];
      for (const [vid, x] of va) {
        const y = vb.get(vid);
        if (!y) continue;
        const rows = [example(x.ex), example(y.ex)].filter((r): r is SourceRow => r !== null).slice(0, examplesPerValue);
        shared.push({ signal: x.signal, value: x.value, degree: x.degree, weight: Math.round(x.weight * 1e4) / 1e4, examples: rows });
      }
      shared.sort((p, q) => q.weight - p.weight || (p.signal < q.signal ? -1 : p.signal > q.signal ? 1 : p.value < q.value ? -1 : 1));
      const sig = signalNamesOfJson(e.signals_json);
      const a = textId.get(e.a)!;
      const b = textId.get(e.b)!;
      return { a: a < b ? a : b, b: a < b ? b : a, weight: Math.round(e.weight * 1e4) / 1e4, signals: sig, shared };
    });
    links.sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0));

    // exchanges: all of them up to the limit, else a deterministic spread-out sample
    const total = accounts.reduce((s, a) => s + a.exchanges, 0);
    const sampled = total > exchangeLimit;
    const exSql = `SELECT e.id AS id, e.request_id AS requestId, e.ts AS ts, a.account_id AS accountId, sip.value AS ip, sua.value AS userAgent,
        smo.value AS model, e.input_tokens AS inputTokens, e.output_tokens AS outputTokens,
        CASE WHEN e.template IS NULL THEN NULL ELSE printf('%016x', e.template) END AS template, p.prompt AS prompt, i.file_name AS file, e.line AS line
      FROM exchanges e JOIN temp.sel s ON s.account = e.account JOIN accounts a ON a.id = e.account
      LEFT JOIN strings sip ON sip.id = e.ip_s LEFT JOIN strings sua ON sua.id = e.user_agent_s LEFT JOIN strings smo ON smo.id = e.model_s
      LEFT JOIN prompt_samples p ON p.exchange_id = e.id JOIN imports i ON i.id = e.import_id`;
    const exRows = (
      sampled
        ? db.prepare(`${exSql} ORDER BY ((e.id * 2654435761) % 4294967296), e.id LIMIT ?`).all(exchangeLimit)
        : db.prepare(`${exSql} ORDER BY e.ts, e.id`).all()
    ) as Array<PacketExchange & { id: number }>;
    exRows.sort((x, y) => x.ts - y.ts || x.id - y.id);
    const exchanges = exRows.map(({ id: _id, ...e }) => e);

    const notes = notesFor(db, [{ kind: 'case', id: '' }, ...selection.clusterIds.map((id) => ({ kind: 'cluster' as const, id })), ...accountIds.map((id) => ({ kind: 'account' as const, id }))]).map((n) => ({
      targetKind: n.targetKind,
      targetId: n.targetId,
      format: n.format,
      body: n.body,
      updatedAt: n.updatedAt,
    }));
    const usedTags = new Set([...clusters.flatMap((c) => c.tags), ...accounts.flatMap((a) => a.tags)]);
    const tags = (db.prepare('SELECT name, color, description FROM tags ORDER BY name COLLATE NOCASE').all() as PacketData['tags']).filter((t) => usedTags.has(t.name));

    const analysis = db.prepare("SELECT id, finished_at, parameters_json FROM analyses WHERE status = 'complete' ORDER BY id DESC LIMIT 1").get() as
      | { id: number; finished_at: string; parameters_json: string }
      | undefined;

    const importIds = new Set<number>();
    for (const r of db.prepare('SELECT DISTINCT e.import_id AS i FROM exchanges e JOIN temp.sel s ON s.account = e.account').iterate() as Iterable<{ i: number }>) importIds.add(r.i);
    for (const r of db.prepare('SELECT DISTINCT a.import_id AS i FROM accounts a JOIN temp.sel s ON s.account = a.id WHERE a.import_id IS NOT NULL').iterate() as Iterable<{ i: number }>) importIds.add(r.i);
    const sources = (
      db
        .prepare(
          'SELECT id AS importId, file_name AS fileName, sha256, size_bytes AS sizeBytes, kind, format, rows, finished_at AS finishedAt, first_ts AS firstTs, last_ts AS lastTs FROM imports WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id',
        )
        .all(JSON.stringify([...importIds])) as Array<Omit<PacketData['sources'][number], 'firstTs' | 'lastTs'> & { firstTs: number | null; lastTs: number | null }>
    ).map((s) => ({ ...s, firstTs: isoTime(s.firstTs), lastTs: isoTime(s.lastTs) }));

    // exports are left out: they do not change the data, and two exports of the same data must match
    const audit = auditForSelection(db, { clusterIds: selection.clusterIds, accountIds }).filter((e) => !e.action.startsWith('export'));
    const all = readAudit(db).filter((e) => !e.action.startsWith('export'));
    const head = all[all.length - 1];
    const dataAsOf = head?.at ?? meta(db, 'created_at');

    return {
      caseId: meta(db, 'case_id'),
      caseName: meta(db, 'name'),
      appVersion: APP_VERSION,
      dataAsOf,
      pseudonymised: false,
      selection,
      clusters,
      accounts,
      links,
      values,
      exchanges: { rows: exchanges, total, sampled, limit: exchangeLimit },
      tags,
      notes,
      analysis: analysis ? { id: String(analysis.id), at: analysis.finished_at, params: JSON.parse(analysis.parameters_json) as Record<string, unknown> } : null,
      sources,
      audit,
      auditHead: head ? { seq: head.seq, hash: head.hash } : null,
    };
  }
}
