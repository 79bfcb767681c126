// CLI. `linkwork explain`: why two accounts are linked (shared values, weights, example rows) or the strongest path. Filled in by its own issue.
import type { Command } from 'commander';
import { CliError } from '../cli-error';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description("why two accounts are linked (shared values, weights, example rows) or the strongest path")
    .action(() => {
      throw new CliError('`linkwork explain` is not built yet.');
    });
}
