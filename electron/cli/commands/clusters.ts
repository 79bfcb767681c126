// CLI. `linkwork clusters`: list the clusters of a case, highest score first. Filled in by its own issue.
import type { Command } from 'commander';
import { CliError } from '../cli-error';

export function registerClusters(program: Command): void {
  program
    .command('clusters')
    .description("list the clusters of a case, highest score first")
    .action(() => {
      throw new CliError('`linkwork clusters` is not built yet.');
    });
}
