// Engine. The resource limits of worker threads whose allocations die young (the parse workers'
// parsed records and strings, the aggregate merge's views): a small young generation costs no
// more collecting there, and V8's default let each such worker grow one several times larger for
// nothing. First 3M lines of the reported-scale file, parse workers, alternating runs: peak RSS
// 735-828 MB against 832-854, 67-75 CPU-s against 69-81.
import type { ResourceLimits } from 'node:worker_threads';

export const SMALL_NURSERY: ResourceLimits = { maxYoungGenerationSizeMb: 8 };
