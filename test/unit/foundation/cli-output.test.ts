// The command line's output helpers: what a hostile log puts in a file name, a column or a
// parser's message reaches the terminal as plain characters, and JSON output still parses to the
// exact strings.
import { describe, expect, it } from 'vitest';
import { jsonText, terminalLines, terminalText } from '../../../electron/cli/output';

// C0 and C1 controls but the line feed (pretty-printed JSON has its own), DEL, the bidi overrides
// and isolates, the line separators
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/; // eslint-disable-line no-control-regex
const hostile = ['\u001b]0;pwned\u0007', '\u001b[2J\u001b[31mred', 'evil\u202etxt.exe', 'a\u2066b\u2069', 'x\u009bc', 'del\u007f', 'sep\u2028x\u2029', 'tab\tcr\r'];

describe('terminal text', () => {
  it('shows every control and bidi character as ? and keeps the rest', () => {
    expect(terminalText('\u001b]0;pwned\u0007 ok é 中')).toBe('?]0;pwned? ok é 中');
    for (const s of hostile) expect(terminalText(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/); // eslint-disable-line no-control-regex
  });

  it('keeps line breaks between lines of several', () => {
    expect(terminalLines('first \u001b[31m\nsecond\u202e')).toBe('first ?[31m\nsecond?');
  });
});

describe('JSON text', () => {
  it('writes no raw control, bidi or separator character and parses back to the same value', () => {
    const value = { file: hostile.join(' '), rows: [{ values: Object.fromEntries(hostile.map((s, i) => [`c${i}${s}`, s])) }] };
    for (const indent of [undefined, 2]) {
      const text = jsonText(value, indent);
      expect(text).not.toMatch(RAW);
      expect(JSON.parse(text)).toEqual(value);
    }
    expect(jsonText('evil\u202etxt')).toBe('"evil\\u202etxt"');
  });
});
