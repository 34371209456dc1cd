// Errors cross the process boundary as values: a Result envelope and a small set of kinds.
import { z } from 'zod';

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

export const errorValueSchema = z.object({
  kind: z.enum(errorKinds),
  message: z.string(),
  details: z.unknown().optional(),
  /** Set on `internal` errors: the id under which the stack was logged in the main process. */
  id: z.string().optional(),
});
export type ErrorValue = z.infer<typeof errorValueSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorValue };

export const resultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: errorValueSchema }),
]);

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
