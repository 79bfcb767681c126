// Engine. Turns PacketData into the packet's files (path -> bytes), manifest last. Pure apart
// from the optional PDF printer, which is passed in (Playwright from the CLI and job worker,
// Electron's printToPDF could be passed by the desktop host).
import { accountsCsv, auditJsonl, exchangesJsonl, linksCsv, valuesCsv } from './data-files';
import { cyjs, gexf, graphml } from './graph-formats';
import { buildManifest, MANIFEST, manifestBytes, sha256, type Manifest } from './manifest';
import type { PacketFiles } from './packet-io';
import type { PacketData } from './packet-types';
import { reportHtml } from './report-html';
import { stixBundle } from './stix';

export type PdfPrinter = (html: string, dataAsOf: string) => Promise<Buffer>;

export interface BuiltPacket {
  files: PacketFiles;
  manifest: Manifest;
  manifestSha256: string;
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

export function packetFilesWithoutPdf(data: PacketData): PacketFiles {
  const files: PacketFiles = new Map();
  files.set('report.html', utf8(reportHtml(data)));
  files.set('accounts.csv', utf8(accountsCsv(data)));
  files.set('links.csv', utf8(linksCsv(data)));
  files.set('values.csv', utf8(valuesCsv(data)));
  files.set('exchanges.jsonl', utf8(exchangesJsonl(data)));
  files.set('graph.graphml', utf8(graphml(data)));
  files.set('graph.gexf', utf8(gexf(data)));
  files.set('graph.cyjs', utf8(cyjs(data)));
  files.set('indicators.stix.json', utf8(stixBundle(data)));
  files.set('audit.jsonl', utf8(auditJsonl(data)));
  return files;
}

export async function buildPacket(data: PacketData, opts: { createdAt: string; printPdf: PdfPrinter | null; pdfUnavailable?: string }): Promise<BuiltPacket> {
  const files = packetFilesWithoutPdf(data);
  let pdf: Manifest['pdf'];
  if (opts.printPdf) {
    try {
      files.set('report.pdf', await opts.printPdf(Buffer.from(files.get('report.html')!).toString('utf8'), data.dataAsOf));
      pdf = { included: true };
    } catch (e) {
      pdf = { included: false, note: `report.pdf was skipped: ${(e as Error).message}` };
    }
  } else {
    pdf = { included: false, note: `report.pdf was skipped: ${opts.pdfUnavailable ?? 'no PDF printer available'}` };
  }
  const manifest = buildManifest(data, files, opts.createdAt, pdf);
  const bytes = manifestBytes(manifest);
  files.set(MANIFEST, bytes);
  return { files, manifest, manifestSha256: sha256(bytes) };
}
