// Test helper: the aggregate builder's scratch files beside a case (spill-runs.ts).
import { readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';

export function spillFiles(casePath: string): string[] {
  return readdirSync(dirname(casePath)).filter((n) => n.startsWith(`${basename(casePath)}-aggspill-`));
}
