// CLI. `linkwork generate`: generate realistic API traffic with planted campaigns and ground truth. Filled in by its own issue.
import type { Command } from 'commander';
import { CliError } from '../cli-error';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description("generate realistic API traffic with planted campaigns and ground truth")
    .action(() => {
      throw new CliError('`linkwork generate` is not built yet.');
    });
}
