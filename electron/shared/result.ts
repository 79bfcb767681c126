// Shared by every process. The envelope every channel answers with: a value, or an error with a
// stable code the UI can act on and a message a person can read. Nothing throws across a boundary.
export const ERROR_CODES = [
  'BAD_REQUEST', // payload failed validation
  'NO_CASE', // a case-scoped channel was called with no case open
  'NOT_FOUND',
  'CONFLICT', // e.g. the file was already imported
  'BAD_INPUT', // a file the importer cannot read at all
  'CANCELLED',
  'BUSY', // the case stayed locked by another writer (a job, another program) past the wait limit
  'ENGINE_DOWN',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WorkbenchError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WorkbenchError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** Thrown inside the engine to produce a specific error code; converted to a Result at the edge. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
