// CLI entry point (bundled to dist/cli.cjs). Long-running commands (serve) keep the process alive.
import { isKeptAlive } from './lifecycle';
import { runCli } from './program';

/** Exits only once stdout has drained: a pipe (`linkwork clusters --json | jq`) gets every byte. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

// `linkwork clusters --json | head`: the reader left; stop quietly, as Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

void runCli(process.argv).then((code) => {
  if (code !== 0 || !isKeptAlive()) exitAfterFlush(code);
});
