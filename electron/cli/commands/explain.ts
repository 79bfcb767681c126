// CLI. `linkwork explain`: why two accounts are linked (shared values, weights, example rows) or the strongest path.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { explainPair } from '../../engine/linkage/explain';
import { CaseSession } from '../../engine/session';
import { EngineError } from '../../shared/result';
import { CliError, usageError } from '../cli-error';
import { printJson, printLine, terminalText } from '../output';

export function registerExplain(program: Command): void {
  program
    .command('explain')
    .description('why two accounts are linked (shared values, weights, example rows) or the strongest path')
    .requiredOption('--case <file>', 'case file (.sqlite)')
    .option('--json', 'print the explanation as JSON')
    .argument('<accountA>')
    .argument('<accountB>')
    .action(async (a: string, b: string, opts: { case: string; json?: boolean }) => {
      if (!existsSync(opts.case)) throw usageError(`no case file at ${opts.case}`);
      const s = CaseSession.open(opts.case);
      try {
        const e = explainPair(s.db, a, b);
        if (opts.json) {
          printJson(e);
          await stdoutDrained();
          return;
        }
        // imported strings are printed as data, never as terminal controls (terminalText)
        // a case keeps each account's heaviest links only, so two accounts may share values without a stored link
        printLine(`${terminalText(a)} - ${terminalText(b)}: ${e.weight > 0 ? `link weight ${e.weight.toFixed(3)}` : `no stored direct link; ${e.shared.length} shared values`}`);
        for (const v of e.shared) {
          printLine(`  ${v.signal} ${JSON.stringify(terminalText(v.value))}  degree ${v.degree}  weight ${v.weight.toFixed(3)}${v.hub ? '  (hub: infrastructure, not projected)' : ''}`);
          if (v.samplePrompt !== undefined) printLine(`      sample prompt: ${JSON.stringify(terminalText(v.samplePrompt.slice(0, 200)))}`);
          for (const x of v.examples) printLine(`      ${x.side}: ${terminalText(x.file)}:${x.line}${x.ts !== null ? `  ${new Date(x.ts).toISOString()}` : ''}`);
        }
        if (e.shared.length === 0) {
          if (!e.path) printLine('  no shared values and no chain of strong links');
          else {
            printLine('  no shared values; strongest chain of links:');
            for (const st of e.path) printLine(`    ${terminalText(st.from)} -> ${terminalText(st.to)}  weight ${st.weight.toFixed(3)}  (${st.signals.join(', ')})`);
          }
        }
      } catch (err) {
        if (err instanceof EngineError) throw new CliError(err.message);
        throw err;
      } finally {
        s.close();
      }
      await stdoutDrained();
    });
}

/** Resolves once everything written to stdout so far is flushed: the CLI exits right after the
 * action, and a large JSON document piped to another program would otherwise be cut short. */
function stdoutDrained(): Promise<void> {
  return new Promise((resolve) => process.stdout.write('', () => resolve()));
}
