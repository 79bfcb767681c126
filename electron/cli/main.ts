// CLI entry point (bundled to dist/cli.cjs). Long-running commands (serve) keep the process alive.
import { isKeptAlive } from './lifecycle';
import { runCli } from './program';

/** Exits only once stdout has drained: a pipe (`linkwork clusters --json | jq`) gets every byte. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.exit(code));
}

void runCli(process.argv).then((code) => {
  if (code !== 0 || !isKeptAlive()) exitAfterFlush(code);
});
