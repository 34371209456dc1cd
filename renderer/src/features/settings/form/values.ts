// What Settings inputs hold and how it is read: numbers and times as typed.

/** A typed number, or null when the text is not one. */
export function numberOf(raw: string): number | null {
  const text = raw.trim();
  const value = Number(text);
  return text === '' || !Number.isFinite(value) ? null : value;
}

/** Whether two lists of ids hold the same ids, in any order. */
export const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));
