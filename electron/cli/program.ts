// CLI. The program: one subcommand per file in ./commands. The engine runs in-process.
import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../engine/version';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from './cli-error';
import { commands } from './commands';
import { printErrorLine } from './output';

export function buildProgram(): Command {
  const program = new Command('linkwork')
    .description('Linkwork: link accounts in API logs, find distillation campaigns, export verifiable evidence.')
    .version(APP_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  for (const c of program.commands) c.exitOverride().showHelpAfterError();
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit through here with code 0
      if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      return EXIT_USAGE;
    }
    if (e instanceof CliError) {
      printErrorLine(`linkwork: ${e.message}`);
      return e.exitCode;
    }
    printErrorLine(`linkwork: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT_FAILURE;
  }
}
