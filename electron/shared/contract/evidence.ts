// Shared by every process. Channels of evidence packets: preview what an export would hold, then
// export it (a job) to a folder or .zip; verify a packet.
import { z } from 'zod';
import { LIMITS } from '../limits';
import { channel } from './channel';
import { FilePath, Id, JobStarted } from './common';

const Selection = {
  clusterIds: z.array(Id).max(LIMITS.maxList).optional(),
  tag: z.string().trim().min(1).max(80).optional(),
  pseudonymise: z.boolean().default(false),
};

export const EvidencePreview = z.object({
  clusterIds: z.array(z.string()),
  tag: z.string().nullable(),
  accounts: z.number().int(),
  links: z.number().int(),
  exchanges: z.object({ total: z.number().int(), included: z.number().int(), sampled: z.boolean() }),
  sources: z.array(z.object({ fileName: z.string(), sha256: z.string() })),
  files: z.array(z.string()),
  pdf: z.object({ available: z.boolean(), note: z.string().optional() }),
  /** report.html as it would be written: show it in a sandboxed frame (it has no scripts) */
  reportHtml: z.string(),
});
export type EvidencePreview = z.infer<typeof EvidencePreview>;

export const PacketCheck = z.object({
  ok: z.boolean(),
  files: z.number().int(),
  manifestSha256: z.string().nullable(),
  problems: z.array(z.object({ file: z.string(), problem: z.string(), detail: z.string() })),
});

/** The result of an export job (JobEvent.result when its state is 'done'). */
export const ExportResult = z.object({
  out: z.string(),
  zip: z.boolean(),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() })),
  manifestSha256: z.string(),
  clusterIds: z.array(z.string()),
  accounts: z.number().int(),
  pdf: z.object({ included: z.boolean(), note: z.string().optional() }),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const evidenceChannels = {
  'evidence.preview': channel('What an evidence packet for these clusters (or this tag) would hold, with its report.', z.object(Selection).strict(), EvidencePreview),
  'evidence.export': channel(
    'Export an evidence packet to a new folder or a .zip file (a job; its result, an ExportResult, lists the files and the manifest SHA-256). Without `out`, a new .zip in the exports folder of the workbench home.',
    z.object({ ...Selection, out: FilePath.optional(), pdf: z.boolean().default(true) }).strict(),
    JobStarted,
  ),
  'evidence.verify': channel('Recompute every file hash of a packet (folder or .zip) against its manifest.', z.object({ path: FilePath }).strict(), PacketCheck),
};
