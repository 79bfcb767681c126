// Engine, job worker (and CLI in-process). The evidence export job: collect the selection from
// the case, pseudonymise if asked, write report/data/graph/indicators/audit files and the
// manifest to a folder or a .zip, then record the export in the audit log.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { appendAudit } from '../audit/audit-log';
import { EngineError } from '../../shared/result';
import type { JobFn } from '../jobs/job-context';
import { buildPacket } from './build-packet';
import { collectPacket } from './collect';
import { writeDir, writeZip } from './packet-io';
import { CHROMIUM_HINT, findChromium, htmlToPdf } from './pdf';
import { pseudonymisePacket } from './pseudonymise';

export interface ExportParams {
  clusterIds?: string[];
  tag?: string;
  pseudonymise?: boolean;
  out: string;
  /** skip the PDF even when Chromium is there (faster tests) */
  noPdf?: boolean;
  exchangeLimit?: number;
}

export interface ExportResult {
  out: string;
  zip: boolean;
  files: Array<{ path: string; bytes: number; sha256: string }>;
  manifestSha256: string;
  clusterIds: string[];
  accounts: number;
  pdf: { included: boolean; note?: string };
}

function checkOut(out: string): { path: string; zip: boolean } {
  const path = resolve(out);
  const zip = /\.zip$/i.test(path);
  if (existsSync(path)) {
    if (zip || !statSync(path).isDirectory()) throw new EngineError('CONFLICT', `${path} already exists; choose a new file or folder.`);
    if (readdirSync(path).length > 0) throw new EngineError('CONFLICT', `${path} is not empty; choose a new or empty folder.`);
  }
  return { path, zip };
}

export const exportJob: JobFn<ExportParams, ExportResult> = async (ctx, params) => {
  const { path, zip } = checkOut(params.out);
  ctx.progress({ phase: 'collecting', done: 0, total: null });
  let data = collectPacket(ctx.db, { ...(params.clusterIds ? { clusterIds: params.clusterIds } : {}), ...(params.tag ? { tag: params.tag } : {}) }, params.exchangeLimit ? { exchangeLimit: params.exchangeLimit } : {});
  ctx.checkCancelled();
  if (params.pseudonymise) {
    const secret = (ctx.db.prepare("SELECT value FROM meta WHERE key = 'pseudonym_secret'").get() as { value: string } | undefined)?.value;
    if (!secret) throw new EngineError('INTERNAL', 'This case has no pseudonymisation secret.');
    data = pseudonymisePacket(data, secret);
  }
  ctx.progress({ phase: 'writing report', done: 1, total: 3 });
  const chromium = params.noPdf ? null : findChromium();
  const built = await buildPacket(data, {
    createdAt: new Date().toISOString(),
    printPdf: chromium ? htmlToPdf : null,
    pdfUnavailable: params.noPdf ? 'not requested' : CHROMIUM_HINT,
  });
  ctx.checkCancelled();
  ctx.progress({ phase: 'writing files', done: 2, total: 3 });
  // write next to the target, then rename: a cancelled or failed export leaves nothing half-written
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.partial-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    if (zip) await writeZip(tmp, built.files);
    else writeDir(tmp, built.files);
    ctx.checkCancelled();
    if (existsSync(path)) rmSync(path, { recursive: true }); // only an empty folder gets here
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const files = built.manifest.files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 }));
  ctx.db.transaction(() => {
    appendAudit(ctx.db, {
      action: 'export',
      subject: data.selection.tag !== null ? `tag:${data.selection.tag}` : `clusters:${data.selection.clusterIds.length}`,
      details: {
        out: path,
        clusterIds: data.selection.clusterIds,
        tag: data.selection.tag,
        pseudonymised: data.pseudonymised,
        manifestSha256: built.manifestSha256,
        files: files.map((f) => ({ path: f.path, sha256: f.sha256 })),
      },
    });
  })();
  ctx.progress({ phase: 'done', done: 3, total: 3 });
  return { out: path, zip, files, manifestSha256: built.manifestSha256, clusterIds: data.selection.clusterIds, accounts: data.accounts.length, pdf: built.manifest.pdf };
};
