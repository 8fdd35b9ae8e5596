// Errors cross every boundary (IPC, WebSocket, service calls) as values, never as thrown strings.

export const ERROR_CODES = [
  'bad_input',
  'not_found',
  'io',
  'cancelled',
  'solver_failed',
  'internal',
  'unauthorized',
  'unsupported',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** Builds an AppError; `details` is left out entirely when not given, so errors compare cleanly. */
export function appError(code: ErrorCode, message: string, details?: unknown): AppError {
  return details === undefined ? { code, message } : { code, message, details };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
