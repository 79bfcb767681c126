// CLI. `linkwork analyze`: link accounts, build clusters and score them. Filled in by its own issue.
import type { Command } from 'commander';
import { CliError } from '../cli-error';

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description("link accounts, build clusters and score them")
    .action(() => {
      throw new CliError('`linkwork analyze` is not built yet.');
    });
}
