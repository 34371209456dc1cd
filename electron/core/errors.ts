// Expected failures raised by handlers; dispatch turns them into typed error values.
import type { ErrorKind, ErrorValue } from '../../shared/contract';

export class AppError extends Error {
  constructor(
    readonly kind: Exclude<ErrorKind, 'internal'>,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toValue(): ErrorValue {
    return this.details === undefined
      ? { kind: this.kind, message: this.message }
      : { kind: this.kind, message: this.message, details: this.details };
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, details?: unknown) {
    super('not_found', message, details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super('conflict', message, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, details?: unknown) {
    super('forbidden', message, details);
  }
}

export class UnavailableError extends AppError {
  constructor(message: string, details?: unknown) {
    super('unavailable', message, details);
  }
}
