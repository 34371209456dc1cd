// Maps a refused call's validation details onto form fields, by the path the core reported.
import { ApiError } from '../../../../shared/contract/result';

export function fieldErrors(error: unknown): Record<string, string> {
  if (
    !(error instanceof ApiError) ||
    error.kind !== 'validation' ||
    !Array.isArray(error.details)
  ) {
    return {};
  }
  const out: Record<string, string> = {};
  for (const d of error.details as { path: string; message: string }[]) out[d.path] ??= d.message;
  return out;
}

/** The message to show above the form when no single field is at fault. */
export function formError(error: Error | null): string | null {
  if (!error) return null;
  return Object.keys(fieldErrors(error)).length ? null : error.message;
}
