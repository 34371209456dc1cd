// Which Settings forms hold unsaved changes, so the page can warn before they are left behind.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useId,
  useState,
  type ReactNode,
} from 'react';

type Report = (form: string, dirty: boolean) => void;

const DirtyFormsContext = createContext<Report>(() => undefined);

/** Keeps track of the forms below it; `children` gets whether any of them is dirty. */
export function DirtyForms({ children }: { children: (anyDirty: boolean) => ReactNode }) {
  const [dirty, setDirty] = useState<ReadonlySet<string>>(() => new Set());
  const report = useCallback<Report>((form, isDirty) => {
    setDirty((current) => {
      if (current.has(form) === isDirty) return current;
      const next = new Set(current);
      if (isDirty) next.add(form);
      else next.delete(form);
      return next;
    });
  }, []);
  return (
    <DirtyFormsContext.Provider value={report}>
      {children(dirty.size > 0)}
    </DirtyFormsContext.Provider>
  );
}

/** Says whether this form has unsaved changes, for as long as it is shown. */
export function useDirtyForm(dirty: boolean): void {
  const report = useContext(DirtyFormsContext);
  const form = useId();
  useEffect(() => {
    report(form, dirty);
    return () => report(form, false);
  }, [report, form, dirty]);
}
