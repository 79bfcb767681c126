// CLI. `linkwork serve`: browser mode (placeholder until the web host lands).
import type { Command } from 'commander';
import { CliError } from '../cli-error';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the workbench to a browser on this machine (loopback only, per-run token)')
    .action(() => {
      throw new CliError('`linkwork serve` is not built yet.');
    });
}
