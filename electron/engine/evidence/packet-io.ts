// Engine. Writes a packet (a map of relative path -> bytes) to a folder or a .zip, and reads one
// back for verification. Zips are deterministic (sorted entries, fixed timestamps, no extra
// fields). Names inside a zip are checked so that none can escape the folder it is read into.
import { createWriteStream, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';

export type PacketFiles = Map<string, Uint8Array>;

/** A zip/packet entry name that stays inside its folder: relative, forward slashes, no `..`. */
export function safeEntryName(name: string): boolean {
  if (name.length === 0 || name.length > 1024) return false;
  if (name.includes('\\') || name.includes('\0')) return false;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return false;
  return name.split('/').every((part) => part !== '..' && part !== '.' && part !== '');
}

/** Resolves an entry under `root`, refusing anything that would land outside it. */
export function resolveInside(root: string, name: string): string {
  if (!safeEntryName(name)) throw new Error(`Unsafe file name in packet: ${JSON.stringify(name)}`);
  const target = resolve(root, name);
  const rel = relative(resolve(root), target);
  if (rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(root, rel) !== target) throw new Error(`Unsafe file name in packet: ${JSON.stringify(name)}`);
  return target;
}

// DOS timestamps hold local wall time; building the Date from local fields gives the same
// bytes in every time zone.
const FIXED_MTIME = new Date(2000, 0, 1, 0, 0, 0);

export async function writeZip(file: string, files: PacketFiles): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const name of [...files.keys()].sort()) {
    if (!safeEntryName(name)) throw new Error(`Unsafe file name: ${name}`);
    zip.addBuffer(Buffer.from(files.get(name)!), name, { mtime: FIXED_MTIME, mode: 0o100644, forceDosTimestamp: true, compress: true });
  }
  zip.end();
  mkdirSync(dirname(resolve(file)), { recursive: true });
  await pipeline(zip.outputStream, createWriteStream(file));
}

export function writeDir(dir: string, files: PacketFiles): void {
  mkdirSync(dir, { recursive: true });
  for (const name of [...files.keys()].sort()) {
    const target = resolveInside(dir, name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, files.get(name)!);
  }
}

export function readDir(dir: string): PacketFiles {
  const out: PacketFiles = new Map();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() || statSync(full).isFile()) out.set(relative(dir, full).split(sep).join('/'), readFileSync(full));
      else out.set(relative(dir, full).split(sep).join('/'), new Uint8Array());
    }
  };
  walk(dir);
  return out;
}

/** Reads every entry of a zip into memory. Throws on unsafe names and duplicate entries. */
export function readZip(file: string, maxBytes = 4 * 1024 * 1024 * 1024): Promise<PacketFiles> {
  return new Promise((done, fail) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return fail(err ?? new Error('cannot open zip'));
      const out: PacketFiles = new Map();
      let total = 0;
      zip.on('error', fail);
      zip.on('end', () => done(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (name.endsWith('/')) return zip.readEntry();
        if (!safeEntryName(name)) {
          zip.close();
          return fail(new Error(`Unsafe file name in zip: ${JSON.stringify(name)}`));
        }
        if (out.has(name)) {
          zip.close();
          return fail(new Error(`Duplicate entry in zip: ${name}`));
        }
        total += entry.uncompressedSize;
        if (total > maxBytes) {
          zip.close();
          return fail(new Error('Zip is larger than allowed when unpacked.'));
        }
        zip.openReadStream(entry, (e2, stream) => {
          if (e2 || !stream) return fail(e2 ?? new Error('cannot read zip entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', fail);
          stream.on('end', () => {
            out.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

export async function readPacket(path: string): Promise<PacketFiles> {
  return statSync(path).isDirectory() ? readDir(path) : readZip(path);
}
