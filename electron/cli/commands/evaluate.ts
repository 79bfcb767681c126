// CLI. `linkwork evaluate`: compare a case's clusters with a generator's truth.json. Filled in by its own issue.
import type { Command } from 'commander';
import { CliError } from '../cli-error';

export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description("compare a case's clusters with a generator's truth.json")
    .action(() => {
      throw new CliError('`linkwork evaluate` is not built yet.');
    });
}
