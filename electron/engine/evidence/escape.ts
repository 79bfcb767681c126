// Engine. Escaping for imported (hostile) strings written into HTML, SVG and XML. Control
// characters other than tab/newline are replaced: XML 1.0 forbids them and they hide text.
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;
// bidi overrides and isolates can make a string read differently from what it contains
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

export function cleanText(s: string): string {
  return s.replace(CONTROL, '\uFFFD').replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`);
}

/** Text content or attribute value for HTML, SVG and XML. */
export function esc(value: unknown): string {
  if (value === null || value === undefined) return '';
  return cleanText(String(value)).replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** Lone surrogates cannot be encoded in UTF-8 XML; replace them. */
export function xmlSafe(s: string): string {
  return esc(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}
