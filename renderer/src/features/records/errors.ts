// A refused save as messages on the fields at fault, in the dispatcher's words.
import { fieldErrors } from '../auth/fieldErrors';

/** zod's words for an empty or missing value. */
const MISSING =
  /^(Too small: expected string to have >=1 characters?|Invalid input: expected \w+, received (undefined|null|NaN))$/;

/**
 * The core reports paths inside its input (`data.zip_code` on create, `changes.zip_code` on
 * update) or inside the record (`zip_code`); forms name fields by the record's own paths.
 */
export function recordFieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const field = path.replace(/^(data|changes)\./, '').split('.')[0] ?? path;
    out[field] ??= MISSING.test(message) ? 'Required' : message;
  }
  return out;
}
