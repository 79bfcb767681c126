// Engine. Handlers for the evidence channels: a preview built from the same collector and
// writers as the export job, the export job itself, and packet verification.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { collectPacket } from '../evidence/collect';
import { CHROMIUM_HINT, findChromium } from '../evidence/pdf';
import { pseudonymisePacket } from '../evidence/pseudonymise';
import { reportHtml } from '../evidence/report-html';
import { verifyPacket } from '../evidence/verify-packet';
import type { EngineContext } from '../engine-context';
import type { HandlerMap } from './types';

/** The files packetFilesWithoutPdf writes (the preview renders only the report: the rest would
 * cost more than the report itself and keep the engine busy while the investigator ticks boxes). */
export const PACKET_FILES = ['report.html', 'accounts.csv', 'links.csv', 'values.csv', 'exchanges.jsonl', 'graph.graphml', 'graph.gexf', 'graph.cyjs', 'indicators.stix.json', 'audit.jsonl'];

/** Where an export goes when the UI gives no path (browser mode has no save dialog): a new .zip in
 * the exports folder of the workbench home, named for the case, the selection and the time. */
export function defaultExportPath(ctx: EngineContext, sel: { clusterIds?: string[] | undefined; tag?: string | undefined }, now = new Date()): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 60) || 'case';
  const what = sel.tag ? `tag-${safe(sel.tag)}` : sel.clusterIds?.length === 1 ? safe(sel.clusterIds[0]!) : `${sel.clusterIds?.length ?? 0}-clusters`;
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  const dir = join(dirname(ctx.casesDir), 'exports');
  const base = join(dir, `${safe(ctx.session().meta('name') ?? 'case')}-${what}-${stamp}`);
  let path = `${base}.zip`;
  for (let n = 2; existsSync(path); n++) path = `${base}-${n}.zip`;
  return path;
}

export const evidenceHandlers: HandlerMap<'evidence.preview' | 'evidence.export' | 'evidence.verify'> = {
  'evidence.preview': (req, ctx) => {
    const s = ctx.session();
    let data = collectPacket(s.db, { ...(req.clusterIds ? { clusterIds: req.clusterIds } : {}), ...(req.tag ? { tag: req.tag } : {}) });
    if (req.pseudonymise) data = pseudonymisePacket(data, s.meta('pseudonym_secret') ?? '');
    const pdf = findChromium() !== null;
    return {
      clusterIds: data.selection.clusterIds,
      tag: data.selection.tag,
      accounts: data.accounts.length,
      links: data.links.length,
      exchanges: { total: data.exchanges.total, included: data.exchanges.rows.length, sampled: data.exchanges.sampled },
      sources: data.sources.map((x) => ({ fileName: x.fileName, sha256: x.sha256 })),
      files: [...PACKET_FILES, ...(pdf ? ['report.pdf'] : []), 'manifest.json'].sort(),
      pdf: pdf ? { available: true } : { available: false, note: CHROMIUM_HINT },
      reportHtml: reportHtml(data),
    };
  },
  'evidence.export': (req, ctx) =>
    ctx.startJob(
      'export',
      {
        ...(req.clusterIds ? { clusterIds: req.clusterIds } : {}),
        ...(req.tag ? { tag: req.tag } : {}),
        pseudonymise: req.pseudonymise,
        out: req.out ?? defaultExportPath(ctx, req),
        ...(req.pdf ? {} : { noPdf: true }),
      },
      'workflow',
    ),
  'evidence.verify': (req) => verifyPacket(req.path),
};
