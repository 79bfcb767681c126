// Shared. The time a job of several steps has left at the pace so far: the app's progress panel
// and the CLI's progress line say it for an import of many files.

/** Seconds left of a job `share` (0 to 1) done in `elapsed` seconds; null until there is a pace
 * (two seconds and a hundredth of the work). */
export function timeLeft(share: number, elapsed: number): number | null {
  return share >= 0.01 && elapsed >= 2 ? (elapsed * (1 - share)) / share : null;
}
