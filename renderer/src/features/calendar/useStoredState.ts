// A UI preference kept in localStorage, so the calendar opens the way the dispatcher left it.
import { useState } from 'react';

export function useStoredState<T extends string | boolean>(
  key: string,
  initial: T,
  isValid: (value: unknown) => value is T,
): [T, (next: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(key) ?? 'null');
      return isValid(stored) ? stored : initial;
    } catch {
      return initial;
    }
  });
  const set = (next: T) => {
    setValue(next);
    try {
      localStorage.setItem(key, JSON.stringify(next));
    } catch {
      // Storage full or disabled: the choice still holds for this visit.
    }
  };
  return [value, set];
}
