// Shared. What counts as a log export by its name: the file dialog's filter and the command line's
// folder import take the same extensions (each may also be gzip-compressed: `.gz`).
export const LOG_EXTENSIONS = ['jsonl', 'ndjson', 'json', 'csv', 'tsv', 'log', 'txt'] as const;

const LOG_NAME = new RegExp(`\\.(${LOG_EXTENSIONS.join('|')})(\\.gz)?$`, 'i');

export const isLogFileName = (name: string): boolean => LOG_NAME.test(name);
