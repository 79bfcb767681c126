// CLI. `linkwork import`: import log exports (JSONL, JSON, CSV/TSV, gzip, Bedrock, CloudTrail, LiteLLM) into a case. Filled in by its own issue.
import type { Command } from 'commander';
import { CliError } from '../cli-error';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description("import log exports (JSONL, JSON, CSV/TSV, gzip, Bedrock, CloudTrail, LiteLLM) into a case")
    .action(() => {
      throw new CliError('`linkwork import` is not built yet.');
    });
}
