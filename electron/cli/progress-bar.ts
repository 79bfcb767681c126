// CLI. A progress bar on stderr when it is a TTY, a line every few seconds otherwise (CI logs),
// nothing with --quiet. Implements the job context's progress() for jobs run in-process. A job of
// several steps (a folder's files) keeps one line, led by the whole's progress: a line per file
// and phase scrolled thousands by.
import type { Progress, Steps } from '../engine/jobs/job-context';
import { timeLeft } from '../shared/time-left';
import { terminalText } from './output';

export function progressPrinter(opts: { quiet?: boolean } = {}): { progress: (p: Progress) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  let phase = '';
  let phaseStart = Date.now();
  let last = 0;
  let started = 0;
  const fmt = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)}k` : String(Math.round(n)));
  return {
    progress(p) {
      if (opts.quiet) return;
      const now = Date.now();
      if (p.phase !== phase) {
        if (tty && phase && !p.steps) process.stderr.write('\n');
        phase = p.phase;
        phaseStart = now;
      }
      if (now - last < (tty ? 100 : 5000)) return;
      last = now;
      const secs = Math.max((now - phaseStart) / 1000, 0.001);
      const rate = p.done / secs;
      const total = p.total ?? null;
      const pct = total ? Math.min(100, (100 * p.done) / total) : null;
      const eta = total && rate > 0 ? Math.max(0, (total - p.done) / rate) : null;
      const bar = pct === null ? '' : `[${'#'.repeat(Math.round(pct / 4)).padEnd(25, '.')}] ${pct.toFixed(0).padStart(3)}% `;
      // the phase and message name the file being read: its name is the investigator's data
      const line = terminalText(`${p.steps ? whole(p.steps, (now - (started ||= now)) / 1000) : ''}${p.phase}: ${bar}${fmt(p.done)}${total ? `/${fmt(total)}` : ''} ${fmt(rate)}/s${eta !== null ? ` ETA ${eta.toFixed(0)}s` : ''}${p.message ? ` ${p.message}` : ''}`);
      if (tty) process.stderr.write(`\r\x1b[K${line}`);
      else process.stderr.write(`${line}\n`);
    },
    end() {
      if (tty && phase && !opts.quiet) process.stderr.write('\n');
    },
  };
}

/** The whole's progress ahead of the step's: files done, share of the work, the time left at the
 * pace so far (once there is one). */
function whole(s: Steps, elapsed: number): string {
  const left = timeLeft(s.share, elapsed);
  return `${s.done}/${s.total} files ${(100 * s.share).toFixed(0)}%${left === null ? '' : ` ETA ${left.toFixed(0)}s`} | `;
}
