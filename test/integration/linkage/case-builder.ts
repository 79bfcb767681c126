// Test helper: builds a small case file by inserting rows straight into the 001 tables, so every
// linkage signal and trap can be planted by hand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openDb, type Db } from '../../../electron/engine/db/connection';
import { checkpointsFinished } from '../../../electron/engine/db/background-checkpoints';

export interface AccountSpec {
  account_id: string;
  created_at?: number | null;
  email_norm?: string | null;
  email_domain?: string | null;
  payment_fingerprint?: string | null;
  card_bin?: string | null;
  signup_ip?: string | null;
  signup_ip_prefix?: string | null;
  device_id?: string | null;
  phone_hash?: string | null;
  org_id?: string | null;
  signup_channel?: string | null;
}

export interface ExchangeSpec {
  account_id: string;
  ts: number;
  ip?: string;
  ip_prefix?: string;
  user_agent?: string;
  api_key?: string;
  device?: string;
  tls?: string;
  asn?: string;
  model?: string;
  capability?: string;
  template?: bigint;
  simhash?: bigint;
  cot?: 0 | 1;
  input_tokens?: number;
  output_tokens?: number;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
}

export class CaseBuilder {
  readonly db: Db;
  readonly path: string;
  private accountIds = new Map<string, number>();
  private line = 0;
  private exLine = 0;
  private accImport: number;
  private exImport: number;

  constructor() {
    const dir = mkdtempSync(join(tmpdir(), 'linkage-'));
    this.path = join(dir, 'case.sqlite');
    this.db = openDb(this.path, { create: true });
    const imp = this.db.prepare(
      "INSERT INTO imports (file_name, file_path, sha256, size_bytes, format, compression, kind, mapping_json, status, started_at, app_version) VALUES (?, ?, 'x', 0, 'jsonl', 'none', ?, '{}', 'complete', '2026-01-01', 'test')",
    );
    this.accImport = Number(imp.run('accounts.jsonl', '/x/accounts.jsonl', 'accounts').lastInsertRowid);
    this.exImport = Number(imp.run('exchanges.jsonl', '/x/exchanges.jsonl', 'exchanges').lastInsertRowid);
  }

  private str(v: string | undefined): number | null {
    if (v === undefined) return null;
    this.db.prepare('INSERT OR IGNORE INTO strings (value) VALUES (?)').run(v);
    return (this.db.prepare('SELECT id FROM strings WHERE value = ?').get(v) as { id: number }).id;
  }

  account(a: AccountSpec): this {
    const r = this.db
      .prepare(
        `INSERT INTO accounts (account_id, created_at, email_norm, email_domain, payment_fingerprint, card_bin, signup_ip, signup_ip_prefix, device_id, phone_hash, org_id, signup_channel, import_id, line)
         VALUES (@account_id, @created_at, @email_norm, @email_domain, @payment_fingerprint, @card_bin, @signup_ip, @signup_ip_prefix, @device_id, @phone_hash, @org_id, @signup_channel, @import_id, @line)`,
      )
      .run({
        created_at: null,
        email_norm: null,
        email_domain: null,
        payment_fingerprint: null,
        card_bin: null,
        signup_ip: null,
        signup_ip_prefix: null,
        device_id: null,
        phone_hash: null,
        org_id: null,
        signup_channel: null,
        ...a,
        import_id: this.accImport,
        line: ++this.line,
      });
    this.accountIds.set(a.account_id, Number(r.lastInsertRowid));
    return this;
  }

  exchange(e: ExchangeSpec): this {
    if (!this.accountIds.has(e.account_id)) this.account({ account_id: e.account_id });
    this.db
      .prepare(
        `INSERT INTO exchanges (ts, account, api_key_s, ip_s, ip_prefix_s, user_agent_s, model_s, device_s, tls_s, asn_s, capability_s, input_tokens, output_tokens, temperature, top_p, max_tokens, template, simhash, cot, import_id, line)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        BigInt(e.ts),
        BigInt(this.accountIds.get(e.account_id)!),
        big(this.str(e.api_key)),
        big(this.str(e.ip)),
        big(this.str(e.ip_prefix)),
        big(this.str(e.user_agent)),
        big(this.str(e.model)),
        big(this.str(e.device)),
        big(this.str(e.tls)),
        big(this.str(e.asn)),
        big(this.str(e.capability)),
        big(e.input_tokens ?? 100),
        big(e.output_tokens ?? 100),
        e.temperature ?? null,
        e.top_p ?? null,
        big(e.max_tokens ?? null),
        e.template !== undefined ? BigInt.asIntN(64, e.template) : null,
        e.simhash !== undefined ? BigInt.asIntN(64, e.simhash) : null,
        BigInt(e.cot ?? 0),
        BigInt(this.exImport),
        BigInt(++this.exLine),
      );
    return this;
  }

  /** Closes the case and removes its folder once the checkpoint threads its analyses started
   * have ended (one still copying the log wrote into the folder while it was removed: ENOTEMPTY). */
  async close(): Promise<void> {
    this.db.close();
    await checkpointsFinished();
    rmSync(dirname(this.path), { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  }
}

function big(x: number | null): bigint | null {
  return x === null ? null : BigInt(x);
}

export function randomU64(r: () => number): bigint {
  return (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
}
