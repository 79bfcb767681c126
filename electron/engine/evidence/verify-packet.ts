// Engine. `linkwork verify PACKET`: recomputes the SHA-256 and size of every file listed in
// manifest.json and reports any changed, missing or extra file by name.
import { MANIFEST, sha256, type Manifest } from './manifest';
import { readPacket, type PacketFiles } from './packet-io';

export interface PacketProblem {
  file: string;
  problem: 'changed' | 'missing' | 'extra' | 'unreadable';
  detail: string;
}

export interface PacketVerdict {
  ok: boolean;
  files: number;
  manifestSha256: string | null;
  problems: PacketProblem[];
}

export function verifyFiles(files: PacketFiles): PacketVerdict {
  const raw = files.get(MANIFEST);
  if (!raw) return { ok: false, files: files.size, manifestSha256: null, problems: [{ file: MANIFEST, problem: 'missing', detail: 'the packet has no manifest.json' }] };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(Buffer.from(raw).toString('utf8')) as Manifest;
    if (!Array.isArray(manifest.files)) throw new Error('no file list');
  } catch (e) {
    return { ok: false, files: files.size, manifestSha256: sha256(raw), problems: [{ file: MANIFEST, problem: 'unreadable', detail: (e as Error).message }] };
  }
  const problems: PacketProblem[] = [];
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const bytes = files.get(f.path);
    if (!bytes) {
      problems.push({ file: f.path, problem: 'missing', detail: 'listed in manifest.json but not in the packet' });
      continue;
    }
    const h = sha256(bytes);
    if (h !== f.sha256 || bytes.byteLength !== f.bytes) {
      problems.push({ file: f.path, problem: 'changed', detail: `SHA-256 ${h} (${bytes.byteLength} bytes), manifest says ${f.sha256} (${f.bytes} bytes)` });
    }
  }
  for (const name of [...files.keys()].sort()) {
    if (name !== MANIFEST && !listed.has(name)) problems.push({ file: name, problem: 'extra', detail: 'not listed in manifest.json' });
  }
  return { ok: problems.length === 0, files: manifest.files.length, manifestSha256: sha256(raw), problems };
}

export async function verifyPacket(path: string): Promise<PacketVerdict> {
  let files: PacketFiles;
  try {
    files = await readPacket(path);
  } catch (e) {
    return { ok: false, files: 0, manifestSha256: null, problems: [{ file: path, problem: 'unreadable', detail: (e as Error).message }] };
  }
  return verifyFiles(files);
}
