// CLI entry point (bundled to dist/cli.cjs). Long-running commands (serve) keep the process alive.
import { isKeptAlive } from './lifecycle';
import { runCli } from './program';

void runCli(process.argv).then((code) => {
  if (code !== 0 || !isKeptAlive()) process.exit(code);
});
