// Engine, ingest worker. What every reader yields, in arrays (one per decoded chunk) so the
// per-record cost of async iteration is paid once per chunk.
import { LIMITS } from '../../../shared/limits';

export type RawRecord =
  | { kind: 'object'; line: number; value: Record<string, unknown>; text: string }
  | { kind: 'row'; line: number; values: string[] }
  | { kind: 'reject'; line: number; reason: string; excerpt: string };

export interface ReaderOptions {
  /** longer lines/records are rejected (not parsed, not kept whole) */
  maxRecordBytes: number;
}

export const DEFAULT_MAX_RECORD_BYTES = 8 * 1024 * 1024;

/** A bounded excerpt of hostile text: cut to the limit, control characters shown as U+FFFD. */
export function excerpt(text: string): string {
  const cut = text.length > LIMITS.rejectExcerptBytes ? `${text.slice(0, LIMITS.rejectExcerptBytes)}…` : text;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD');
}

export function rejectRecord(line: number, reason: string, text: string): RawRecord {
  return { kind: 'reject', line, reason, excerpt: excerpt(text) };
}
