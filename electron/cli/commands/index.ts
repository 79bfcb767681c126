// CLI. Every subcommand, in the order --help lists them.
import type { Command } from 'commander';
import { registerAnalyze } from './analyze';
import { registerClusters } from './clusters';
import { registerEvaluate } from './evaluate';
import { registerExplain } from './explain';
import { registerExport } from './export';
import { registerGenerate } from './generate';
import { registerImport } from './import';
import { registerServe } from './serve';
import { registerVerify } from './verify';

export const commands: Array<(program: Command) => void> = [
  registerImport,
  registerAnalyze,
  registerClusters,
  registerExplain,
  registerExport,
  registerVerify,
  registerServe,
  registerGenerate,
  registerEvaluate,
];
