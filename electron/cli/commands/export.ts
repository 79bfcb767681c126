// CLI. `linkwork export`: export an evidence packet (report, data, graph, indicators, manifest). Filled in by its own issue.
import type { Command } from 'commander';
import { CliError } from '../cli-error';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description("export an evidence packet (report, data, graph, indicators, manifest)")
    .action(() => {
      throw new CliError('`linkwork export` is not built yet.');
    });
}
