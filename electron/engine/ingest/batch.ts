// Engine, ingest worker <-> writer. The columnar batch a worker hands the writer: numbers in typed
// arrays (transferred, not copied), repeated strings as ids into a dictionary the worker builds
// and sends incrementally (so the writer never hashes a string it has seen), and the rows that
// were rejected. Pure data shapes.

/** string-valued columns of exchanges, stored as ids into `strings` (account as accounts.id) */
export const REF_COLS = [
  'account', 'api_key', 'ip', 'ip_prefix', 'user_agent', 'ua_family', 'model', 'device', 'tls', 'asn', 'country', 'endpoint', 'status', 'capability',
] as const;
export const NUM_COLS = ['input_tokens', 'output_tokens', 'temperature', 'top_p', 'max_tokens', 'prompt_chars', 'cot'] as const;
export const R = Object.fromEntries(REF_COLS.map((c, i) => [c, i])) as Record<(typeof REF_COLS)[number], number>;
export const N = Object.fromEntries(NUM_COLS.map((c, i) => [c, i])) as Record<(typeof NUM_COLS)[number], number>;

export interface RejectRow {
  line: number;
  reason: string;
  excerpt: string;
}

export interface ExchangeBatch {
  kind: 'exchanges';
  n: number;
  /** the dictionary was cleared before this batch's strings (the worker caps its size) */
  dictReset: boolean;
  /** dictionary additions; their ids continue from the previous batch's */
  newStrings: string[];
  line: Float64Array;
  ts: Float64Array;
  /** n * REF_COLS.length local string ids, -1 = null, IP4_REF = the address in `ip4` */
  refs: Int32Array;
  /** per row whose ip and ip_prefix refs are IP4_REF: the canonical IPv4 address as a number (`key | 0`) */
  ip4: Int32Array;
  /** n * NUM_COLS.length, NaN = null */
  nums: Float64Array;
  template: BigInt64Array;
  simhash: BigInt64Array;
  /** 1 when template/simhash hold a value */
  hasTemplate: Uint8Array;
  hasSimhash: Uint8Array;
  /** requestId, extra and prompt are empty arrays when every row's value is null */
  requestId: Array<string | null>;
  extra: Array<string | null>;
  /** prompt text: the whole of it for sampled rows, its fingerprinted head for deferred rows */
  prompt: Array<string | null>;
  /** 1 = keep this row's prompt as a sample */
  sampled: Uint8Array;
  /** 1 = the writer's thread fingerprints this row's prompt (balances the two cores) */
  deferred: Uint8Array;
  /** which parse worker built it: each has its own string dictionary (0 when only one parses) */
  source?: number;
}

export interface AccountRow {
  line: number;
  account_id: string;
  created_at: number | null;
  email: string | null;
  email_norm: string | null;
  email_domain: string | null;
  payment_fingerprint: string | null;
  card_bin: string | null;
  card_country: string | null;
  billing_country: string | null;
  signup_ip: string | null;
  signup_ip_prefix: string | null;
  device_id: string | null;
  phone_hash: string | null;
  org_id: string | null;
  signup_channel: string | null;
  extra_json: string | null;
}

export interface AccountBatch {
  kind: 'accounts';
  n: number;
  rows: AccountRow[];
}

/** What a parser (worker or inline) emits, in order. */
export type ParserMessage =
  | { type: 'header'; format: string; container: string; compression: 'none' | 'gzip'; kind: 'exchanges' | 'accounts'; mapping: Record<string, string>; columns: string[] }
  | { type: 'batch'; batch: ExchangeBatch | AccountBatch; rejects: RejectRow[]; rawBytes: number; records: number }
  | { type: 'end'; sha256: string; rawBytes: number; records: number; truncated: string | null }
  | { type: 'error'; code: 'BAD_INPUT' | 'INTERNAL'; message: string };

/** What a parse worker of a file split into chunks emits: ParserMessages (batches carry their
 * chunk, lines counted from 1 within it) plus the end of each chunk with its line count. */
export type ChunkedMessage =
  | Exclude<ParserMessage, { type: 'header' | 'batch' }>
  | (Extract<ParserMessage, { type: 'header' }> & { workers: number })
  | (Extract<ParserMessage, { type: 'batch' }> & { chunk: number })
  | { type: 'chunk'; chunk: number; lines: number; rawBytes: number };

/**
 * The ref of a row's ip and ip_prefix when its address is a canonical IPv4 one: the writer finds
 * their string ids by the number in `ip4` (ip4-ids.ts), not through the worker's dictionary.
 */
export const IP4_REF = -3;

/** An exchange batch's typed arrays, in the order transferList gives them. */
const TYPED = ['line', 'ts', 'refs', 'nums', 'template', 'simhash', 'hasTemplate', 'hasSimhash', 'sampled', 'deferred', 'ip4'] as const;

export function transferList(b: ExchangeBatch | AccountBatch): ArrayBuffer[] {
  if (b.kind !== 'exchanges') return [];
  return TYPED.map((k) => b[k].buffer as ArrayBuffer);
}

/**
 * A parse worker's batch buffers handed back by the writer once written (transferred with the
 * ack, in transferList order). Allocating them anew for every batch in the worker and freeing
 * them on the writer's thread kept the allocator's per-thread arenas growing: at 5M rows they
 * held about 190 MB of the import's peak memory. A worker needs as many sets as batches in flight.
 */
export class BatchBuffers {
  private free: ArrayBuffer[][] = [];

  give(buffers: ArrayBuffer[]): void {
    if (buffers.length === TYPED.length && this.free.length < 64) this.free.push(buffers);
  }

  /** A returned set whose line column holds `rows` rows, or undefined. */
  take(rows: number): ArrayBuffer[] | undefined {
    const set = this.free.pop();
    return set && set[0]?.byteLength === rows * 8 ? set : undefined;
  }
}
