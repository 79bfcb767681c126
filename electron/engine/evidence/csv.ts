// Engine. CSV writing for evidence packets (RFC 4180 quoting). Cells a spreadsheet would run as
// a formula (starting with = + - @, tab or carriage return) get a leading apostrophe, the
// OWASP-recommended neutralisation: the value stays readable and is never evaluated.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // numbers are our own, never a formula; a negative number stays a number
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const s = neutralise(String(value));
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly unknown[]>): string {
  let out = csvLine(header);
  for (const r of rows) out += csvLine(r);
  return out;
}
