// CLI. `linkwork verify PACKET` recomputes every file's SHA-256 against manifest.json;
// `linkwork verify --case CASE.sqlite` checks the case's hash-chained audit log. Exit 1 names the
// first changed, missing or extra file (or the first bad audit entry).
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyCaseAudit } from '../../engine/audit/audit-log';
import { openDb } from '../../engine/db/connection';
import { verifyPacket } from '../../engine/evidence/verify-packet';
import { CliError, usageError } from '../cli-error';
import { printErrorLine, printJson, printLine } from '../output';

interface VerifyOpts {
  case?: string;
  expect?: string;
  json?: boolean;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("verify an evidence packet (folder or .zip) or a case's audit log")
    .argument('[packet]', 'an evidence packet folder or .zip')
    .option('--case <file>', "check this case file's audit log instead")
    .option('--expect <sha256>', "the manifest.json SHA-256 printed at export (detects a rewritten manifest)")
    .option('--json', 'print the result as JSON')
    .action(async (packet: string | undefined, o: VerifyOpts) => {
      if (!packet && !o.case) throw usageError('Give a packet (folder or .zip) or --case CASE.sqlite.');
      if (packet && o.case) throw usageError('Give a packet or --case, not both.');
      if (o.case) {
        if (!existsSync(o.case)) throw usageError(`No case file at ${o.case}.`);
        const db = openDb(o.case, { readonly: true });
        try {
          const v = verifyCaseAudit(db);
          if (o.json) printJson(v);
          const first = v.problems[0];
          if (first) throw new CliError(`audit log entry ${first.seq} ${first.problem}${v.problems.length > 1 ? ` (${v.problems.length} problems in all)` : ''}.`);
          if (!o.json) printLine(`Audit log intact: ${v.entries} entries${v.head ? `, head ${v.head.seq} ${v.head.hash}` : ''}.`);
        } finally {
          db.close();
        }
        return;
      }
      if (!existsSync(packet!)) throw usageError(`No packet at ${packet}.`);
      const v = await verifyPacket(packet!);
      if (o.expect && v.manifestSha256 !== o.expect.toLowerCase()) {
        v.ok = false;
        v.problems.unshift({ file: 'manifest.json', problem: 'changed', detail: `SHA-256 ${v.manifestSha256}, expected ${o.expect}` });
      }
      if (o.json) printJson(v);
      const first = v.problems[0];
      if (first) {
        for (const p of v.problems.slice(0, 20)) printErrorLine(`${p.problem}: ${p.file} (${p.detail})`);
        throw new CliError(`${first.file} is ${first.problem}${v.problems.length > 1 ? ` (${v.problems.length} problems in all)` : ''}.`);
      }
      if (!o.json) printLine(`Packet intact: ${v.files} files match manifest.json (SHA-256 ${v.manifestSha256}).`);
    });
}
