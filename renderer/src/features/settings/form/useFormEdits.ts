// What a Settings form's user typed, over the stored values: the form shows the stored settings
// with the edits on top, so a newer stored version (another section's save) does not undo them.
import { useState } from 'react';

export function useFormEdits<T extends object, F extends string = Extract<keyof T, string>>(
  stored: T,
) {
  const [edits, setEdits] = useState<Partial<T>>({});
  /** Fields whose problem shows: left once, or all after Save. */
  const [touched, setTouched] = useState<ReadonlySet<F>>(() => new Set());
  return {
    values: { ...stored, ...edits } as T,
    set: <K extends keyof T>(field: K, value: T[K]) =>
      setEdits((current) => ({ ...current, [field]: value })),
    /** Several values at once (e.g. "Reset to defaults"). */
    setAll: (values: Partial<T>) => setEdits(values),
    touched,
    touch: (...fields: F[]) => {
      if (fields.some((f) => !touched.has(f))) setTouched(new Set([...touched, ...fields]));
    },
    /** Back to the stored values, no problem shown. */
    clear: () => {
      setEdits({});
      setTouched(new Set());
    },
  };
}
