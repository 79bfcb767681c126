// CLI. `linkwork verify`: verify an evidence packet or a case's audit log. Filled in by its own issue.
import type { Command } from 'commander';
import { CliError } from '../cli-error';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("verify an evidence packet or a case's audit log")
    .action(() => {
      throw new CliError('`linkwork verify` is not built yet.');
    });
}
