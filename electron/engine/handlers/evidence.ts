// Engine. Handlers for the evidence channels: a preview built from the same collector and
// writers as the export job, the export job itself, and packet verification.
import { collectPacket } from '../evidence/collect';
import { packetFilesWithoutPdf } from '../evidence/build-packet';
import { CHROMIUM_HINT, findChromium } from '../evidence/pdf';
import { pseudonymisePacket } from '../evidence/pseudonymise';
import { verifyPacket } from '../evidence/verify-packet';
import type { HandlerMap } from './types';

export const evidenceHandlers: HandlerMap<'evidence.preview' | 'evidence.export' | 'evidence.verify'> = {
  'evidence.preview': (req, ctx) => {
    const s = ctx.session();
    let data = collectPacket(s.db, { ...(req.clusterIds ? { clusterIds: req.clusterIds } : {}), ...(req.tag ? { tag: req.tag } : {}) });
    if (req.pseudonymise) data = pseudonymisePacket(data, s.meta('pseudonym_secret') ?? '');
    const files = packetFilesWithoutPdf(data);
    const pdf = findChromium() !== null;
    return {
      clusterIds: data.selection.clusterIds,
      tag: data.selection.tag,
      accounts: data.accounts.length,
      links: data.links.length,
      exchanges: { total: data.exchanges.total, included: data.exchanges.rows.length, sampled: data.exchanges.sampled },
      sources: data.sources.map((x) => ({ fileName: x.fileName, sha256: x.sha256 })),
      files: [...files.keys(), ...(pdf ? ['report.pdf'] : []), 'manifest.json'].sort(),
      pdf: pdf ? { available: true } : { available: false, note: CHROMIUM_HINT },
      reportHtml: Buffer.from(files.get('report.html')!).toString('utf8'),
    };
  },
  'evidence.export': (req, ctx) =>
    ctx.startJob(
      'export',
      { ...(req.clusterIds ? { clusterIds: req.clusterIds } : {}), ...(req.tag ? { tag: req.tag } : {}), pseudonymise: req.pseudonymise, out: req.out },
      'workflow',
    ),
  'evidence.verify': (req) => verifyPacket(req.path),
};
