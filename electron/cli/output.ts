// CLI. Output helpers: JSON on stdout for scripts, human text otherwise. Both are safe to show in
// a terminal whatever the case holds: campaign operators wrote the file names, columns, user
// agents and prompts that reach these lines (and the JSON parser's messages quote their lines).

/** Imported text for a terminal line: control and bidi-override characters (a hostile log's
 * escape sequences, reordered text) shown as '?', so they cannot drive the terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const terminalText = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');

/** Text of several lines for a terminal: each line through terminalText, the line breaks kept. */
export const terminalLines = (s: string): string => s.split('\n').map(terminalText).join('\n');

/**
 * JSON text whose strings cannot drive a terminal either: JSON.stringify escapes the C0 controls
 * but leaves DEL, the C1 controls, the bidi overrides and the line separators raw; those are
 * written as \u escapes here. They can only occur inside strings, so the text still parses to
 * exactly the same value.
 */
export function jsonText(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${jsonText(value, 2)}\n`);
}

/** One JSON object on one line (a stream of results, one per file). */
export function printJsonLine(value: unknown): void {
  process.stdout.write(`${jsonText(value)}\n`);
}

/** A human line on stdout: the CLI's own text never holds control characters, so every line
 * printed goes through terminalText, whatever it quotes. */
export function printLine(text = ''): void {
  process.stdout.write(`${terminalLines(text)}\n`);
}

/** A human line on stderr (errors, problems found), filtered as printLine's. */
export function printErrorLine(text: string): void {
  process.stderr.write(`${terminalLines(text)}\n`);
}
