// CLI. Output helpers: JSON on stdout for scripts, human text otherwise.
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Imported text for a terminal line: control and bidi-override characters (a hostile log's
 * escape sequences, reordered text) shown as '?', so they cannot drive the terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const terminalText = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
