// Engine. manifest.json: what a packet holds and how to check it. The SHA-256 and size of every
// other file, the SHA-256 of every source export behind the data, the analysis parameters, the
// app version and the creation time (the only field that differs between two exports of the
// same data).
import { createHash } from 'node:crypto';
import type { PacketData } from './packet-types';

export const MANIFEST = 'manifest.json';
export const PACKET_FORMAT = 'linkwork-evidence-packet/1';

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: string;
  createdAt: string;
  appVersion: string;
  case: { id: string; name: string };
  selection: { clusterIds: string[]; tag: string | null };
  pseudonymised: boolean;
  dataAsOf: string;
  analysis: PacketData['analysis'];
  sources: Array<{ fileName: string; sha256: string; sizeBytes: number; kind: string; rows: number }>;
  auditHead: PacketData['auditHead'];
  exchanges: { included: number; total: number; sampled: boolean };
  pdf: { included: boolean; note?: string };
  files: ManifestFile[];
}

export const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

export function buildManifest(data: PacketData, files: ReadonlyMap<string, Uint8Array>, createdAt: string, pdf: Manifest['pdf']): Manifest {
  return {
    format: PACKET_FORMAT,
    createdAt,
    appVersion: data.appVersion,
    case: { id: data.caseId, name: data.caseName },
    selection: data.selection,
    pseudonymised: data.pseudonymised,
    dataAsOf: data.dataAsOf,
    analysis: data.analysis,
    sources: data.sources.map((s) => ({ fileName: s.fileName, sha256: s.sha256, sizeBytes: s.sizeBytes, kind: s.kind, rows: s.rows })),
    auditHead: data.auditHead,
    exchanges: { included: data.exchanges.rows.length, total: data.exchanges.total, sampled: data.exchanges.sampled },
    pdf,
    files: [...files.keys()]
      .filter((p) => p !== MANIFEST)
      .sort()
      .map((path) => ({ path, sha256: sha256(files.get(path)!), bytes: files.get(path)!.byteLength })),
  };
}

export function manifestBytes(m: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}
