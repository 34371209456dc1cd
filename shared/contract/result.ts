// Errors cross the process boundary as values: a Result envelope and a small set of kinds. Kept free
// of zod: the renderer's first script (the API client) loads this before the app's code.

export const errorKinds = [
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'unauthenticated',
  'unavailable',
  'rate_limited',
  'internal',
] as const;
export type ErrorKind = (typeof errorKinds)[number];

export interface ErrorValue {
  kind: ErrorKind;
  message: string;
  details?: unknown;
  /** Set on `internal` errors: the id under which the stack was logged in the main process. */
  id?: string | undefined;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ErrorValue): Result<never> => ({ ok: false, error });

/** The error the renderer's API client throws for a refused call; carries the typed value. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly details: unknown;
  readonly id: string | undefined;

  constructor(error: ErrorValue) {
    super(error.message);
    this.name = 'ApiError';
    this.kind = error.kind;
    this.details = error.details;
    this.id = error.id;
  }
}
