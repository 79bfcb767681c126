// Shared by every process. Times as the engine hands them out (ISO UTC), and whether the times an
// import's rows cover can be those of a log of API traffic: a time before 2000 or after tomorrow
// is the mark of a column of numbers (token counts, ids) taken for the time, or of a clock read in
// the wrong unit. Pure.

/** A stored time (ms UTC) as ISO text; null for none (or a value that is not a time). */
export const isoTime = (ms: number | null): string | null => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

/** Times before this are in no log of API traffic (ISO text compares in time order). */
const EARLIEST = '2000-01-01';

/** `first` and `last`: ISO UTC times (as the engine gives them). */
export function implausibleSpan(first: string, last: string, now = Date.now()): boolean {
  return first < EARLIEST || last > new Date(now + 86_400_000).toISOString();
}

/** "A to B", or A when both are the same. */
export const spanText = (first: string, last: string): string => (first === last ? first : `${first} to ${last}`);
