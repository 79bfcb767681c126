// Engine, ingest worker. A file as a stream of decompressed byte chunks, with the count of raw
// (on-disk) bytes read so far for progress, and its SHA-256 computed on the way (one read of the
// file serves both the hash and the import). Gzip is detected by magic bytes; a truncated gzip
// stream ends the chunks and reports itself instead of throwing. A small file is read whole, at
// once (smallFile): CloudTrail delivers a trail as thousands of files of a few kB, and each
// streamed read waited on the I/O threads (a sixth of such a file's import, the thread idle).
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import { isGzip } from './sniff';

/** Files below this size are read whole (smallFile). */
const SMALL_FILE_BYTES = 1 << 20;
/** A small gzip file decompressed at once up to this size; beyond (a gzip bomb, or just a very
 * compressible export), streamed like any other. */
const SMALL_FILE_MAX_OUTPUT = 64 << 20;

/** A small file's raw and decompressed bytes, read at once; null when it is not small, or a gzip
 * that does not decompress whole (truncated, corrupt, too large): the streamed read reports it. */
function smallFile(path: string, gz: boolean): { raw: Buffer; data: Buffer } | null {
  try {
    if (statSync(path).size >= SMALL_FILE_BYTES) return null;
    const raw = readFileSync(path);
    return { raw, data: gz ? gunzipSync(raw, { maxOutputLength: SMALL_FILE_MAX_OUTPUT }) : raw };
  } catch {
    return null;
  }
}

/** A small file's first `max` decompressed bytes, read at once; null as smallFile. A gzip's head
 * is decompressed from its first `max` bytes alone (they hold at least as many decompressed ones,
 * but for incompressible data), not from the whole file the import decompresses again. */
function smallHead(path: string, gz: boolean, max: number): { head: Buffer; complete: boolean } | null {
  try {
    if (statSync(path).size >= SMALL_FILE_BYTES) return null;
    const raw = readFileSync(path);
    if (!gz) return { head: raw.subarray(0, max), complete: raw.length <= max };
    const whole = raw.length <= max;
    // a cut stream gives what it holds, as a truncated file does (the import reports that)
    const data = gunzipSync(whole ? raw : raw.subarray(0, max), { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: SMALL_FILE_MAX_OUTPUT });
    return { head: data.subarray(0, max), complete: whole && data.length <= max };
  } catch {
    return null;
  }
}

export interface ByteSource {
  chunks: AsyncIterable<Buffer>;
  /** raw bytes read from disk so far */
  rawBytes(): number;
  /** hex SHA-256 of the raw file; valid once `chunks` is exhausted */
  sha256(): string;
  /** set when the compressed stream ended early or was corrupt */
  truncated(): string | null;
}

export function readMagic(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(4);
    const n = readSync(fd, b, 0, 4, 0);
    return b.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function openByteSource(path: string, opts: { highWaterMark?: number } = {}): ByteSource {
  const gz = isGzip(readMagic(path));
  const small = smallFile(path, gz);
  if (small) {
    const digest = createHash('sha256').update(small.raw).digest('hex');
    const data = small.data;
    return {
      chunks: (async function* () {
        if (data.length) yield data;
      })(),
      rawBytes: () => small.raw.length,
      sha256: () => digest,
      truncated: () => null,
    };
  }
  const hash = createHash('sha256');
  let raw = 0;
  let truncated: string | null = null;
  const file = createReadStream(path, { highWaterMark: opts.highWaterMark ?? 1 << 20 });
  async function* rawChunks(): AsyncGenerator<Buffer> {
    for await (const c of file) {
      const b = c as Buffer;
      raw += b.length;
      hash.update(b);
      yield b;
    }
  }
  async function* gunzip(): AsyncGenerator<Buffer> {
    const src = Readable.from(rawChunks(), { objectMode: false });
    const z = createGunzip({ chunkSize: 1 << 18 });
    src.pipe(z);
    try {
      for await (const c of z) yield c as Buffer;
    } catch (e) {
      truncated = `The gzip stream is truncated or corrupt (${e instanceof Error ? e.message : String(e)}); the rows before that point were read.`;
      src.unpipe(z);
      z.destroy();
      // finish hashing the raw file so provenance still records exactly what was read
      for await (const c of src) void c;
    }
  }
  let digest: string | null = null;
  return {
    chunks: gz ? gunzip() : rawChunks(),
    rawBytes: () => raw,
    sha256: () => (digest ??= hash.digest('hex')),
    truncated: () => truncated,
  };
}

/** First `max` decompressed bytes of a file (for sniffing and previews). */
export async function readHead(path: string, max = 1 << 16): Promise<{ head: Buffer; gzip: boolean; complete: boolean }> {
  const gzip = isGzip(readMagic(path));
  const small = smallHead(path, gzip, max);
  if (small) return { ...small, gzip };
  const parts: Buffer[] = [];
  let n = 0;
  let complete = true;
  const file = createReadStream(path, { highWaterMark: 1 << 16 });
  const src: AsyncIterable<Buffer> = gzip ? file.pipe(createGunzip()) : file;
  try {
    for await (const c of src) {
      parts.push(c);
      n += c.length;
      if (n >= max) {
        complete = false;
        break;
      }
    }
  } catch {
    // a truncated gzip still has a readable head; the import reports the truncation
  } finally {
    file.destroy();
  }
  const head = Buffer.concat(parts);
  return { head: head.subarray(0, max), gzip, complete: complete && head.length <= max };
}
