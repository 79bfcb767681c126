// CLI. `linkwork serve`: browser mode. The engine runs in this process; the renderer is served to a
// browser on this machine, behind a per-run token.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Engine } from '../../engine/engine';
import { distPath, workbenchHome } from '../../engine/paths';
import { isLoopback } from '../../web/request-guard';
import { startWebServer } from '../../web/web-server';
import { CliError, usageError } from '../cli-error';
import { keepProcessAlive } from '../lifecycle';

interface ServeOptions {
  case?: string;
  port: string;
  host: string;
  allowRemote?: boolean;
  open?: boolean;
  home?: string;
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no system browser: the printed URL is enough
    child.unref();
  } catch {
    /* ignore */
  }
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the workbench to a browser on this machine (loopback only, per-run token)')
    .option('--case <file>', 'open this case file at start')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--allow-remote', 'allow a non-loopback --host (anyone who can reach it and has the token sees the case)')
    .option('--open', 'open the system browser at the URL')
    .option('--home <dir>', 'workbench home (settings, cases folder); default LINKWORK_HOME or ~/.linkwork')
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError(`--port must be 0..65535, not ${opts.port}`);
      if (!isLoopback(opts.host)) {
        if (!opts.allowRemote) throw usageError(`Refusing to listen on ${opts.host}: not a loopback address. Add --allow-remote if you really mean it.`);
        process.stderr.write(`WARNING: listening on ${opts.host}; anyone on the network with the token can read and change this case.\n`);
      }
      const rendererDir = distPath('renderer');
      if (!existsSync(join(rendererDir, 'index.html'))) throw new CliError('The renderer is not built. Run `npm run build` first.');
      const home = workbenchHome(opts.home);
      const engine = new Engine({ host: 'browser', home });
      if (opts.case) {
        const r = await engine.invoke(existsSync(opts.case) ? 'case.open' : 'case.create', existsSync(opts.case) ? { path: opts.case } : { name: 'Case', path: opts.case });
        if (!r.ok) throw new CliError(r.error.message);
      }
      const web = await startWebServer({ engine, rendererDir, host: opts.host, port, uploadDir: join(home, 'uploads') });
      keepProcessAlive();
      process.stdout.write(`Linkwork is running in browser mode.\nOpen: ${web.url}\n(Ctrl-C to stop)\n`);
      if (opts.open) openBrowser(web.url);
      const stop = () => {
        void web.close().then(() => engine.dispose()).finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
