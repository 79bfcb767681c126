// Shared. What counts as a log export by its name: the file dialog's filter and a folder's import
// take the same extensions (each may also be gzip-compressed: `.gz`); and which mapping a file takes.
export const LOG_EXTENSIONS = ['jsonl', 'ndjson', 'json', 'csv', 'tsv', 'log', 'txt'] as const;

const LOG_NAME = new RegExp(`\\.(${LOG_EXTENSIONS.join('|')})(\\.gz)?$`, 'i');

export const isLogFileName = (name: string): boolean => LOG_NAME.test(name);

/** Whether a file (its detected kind, the columns of its first rows and, where known, its own
 * detected mapping) can be read through a mapping made for another file: of the same kind, with
 * every mapped column, or detected the same. One that cannot is read with its own detected kind
 * and mapping (the app's import of several files; the engine applies the same rule to the files
 * the app did not look at: ParseOptions.ownWhereUnfit). A vendor's column that the first rows
 * lack (a trail's errorCode) leaves a file unfit by its columns, but its own mapping is then this
 * one: the same either way. */
export function fitsMapping(file: { kind: string; columns: readonly string[]; mapping?: Readonly<Record<string, string>> }, kind: string, mapping: Readonly<Record<string, string>>): boolean {
  if (file.kind !== kind) return false;
  if (file.mapping && sameMapping(file.mapping, mapping)) return true;
  const columns = new Set(file.columns);
  return Object.values(mapping).every((c) => c === '' || columns.has(c));
}

const sameMapping = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const used = (m: Readonly<Record<string, string>>) => Object.entries(m).filter(([, c]) => c !== '');
  const ua = used(a);
  return ua.length === used(b).length && ua.every(([f, c]) => b[f] === c);
};
