// A UI preference kept in localStorage, so a page opens the way the dispatcher left it (the
// calendar's view and colours, the board's zoom).
import { useCallback, useState } from 'react';

export function useStoredState<T extends string | number | boolean>(
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
  // Stable, so a memoised control that is handed it does not repaint with its page.
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice still holds for this visit.
      }
    },
    [key],
  );
  return [value, set];
}
