// A record's edit form: the typed-in values, what changed since the loaded version, saving
// (create, or update with only the changed fields and `version`), and the core's refusals —
// on the field at fault, or as a conflict after which the latest version is shown.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../../../shared/contract/result';
import { useApi } from '../../api/context';
import { recordFieldErrors } from './errors';
import type { FieldKind, FieldSpec } from './fields';
import { recordApi, recordKeys, type RecordAreaName, type RecordDoc } from './recordApi';

/** The stored value as the input holds it. */
function toInput(kind: FieldKind, value: unknown): unknown {
  switch (kind) {
    case 'text':
    case 'optionalText':
    case 'select':
    case 'optionalSelect':
      return value === null || value === undefined ? '' : String(value);
    case 'number':
      return value === null || value === undefined ? '' : String(value);
    case 'boolean':
      return Boolean(value);
    case 'multi':
      return Array.isArray(value) ? value : [];
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : '';
  }
}

/** The input's value as the core stores it ('' is "nothing" for optional text and numbers). */
function fromInput(kind: FieldKind, raw: unknown): unknown {
  switch (kind) {
    case 'text':
    case 'select':
      return raw;
    case 'optionalText':
    case 'optionalSelect':
      return String(raw).trim() === '' ? null : raw;
    case 'number': {
      const text = String(raw).trim();
      return text === '' ? null : Number(text);
    }
    case 'boolean':
    case 'multi':
      return raw;
    case 'date':
      return raw === '' ? null : new Date(`${String(raw)}T00:00:00Z`);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface RecordForm {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  /** A refusal that names no single field. */
  formError: string | null;
  /** The stale-edit message, shown above the latest version. */
  conflict: string | null;
  /** Fields whose value differs from the loaded version. */
  changed: string[];
  saving: boolean;
  set(name: string, raw: unknown): void;
  reset(): void;
  save(): Promise<RecordDoc | null>;
}

export function useRecordForm(options: {
  area: RecordAreaName;
  fields: FieldSpec[];
  /** The loaded record; null while creating. */
  record: RecordDoc | null;
  id: string | null;
  /** Starting values of a new record. */
  defaults?: Record<string, unknown>;
  /** Fixed data a new record carries besides the form's fields (e.g. the business's vertical). */
  createData?: () => Record<string, unknown>;
  refetch?: () => Promise<unknown>;
}): RecordForm {
  const { area, fields, record, id } = options;
  const api = useApi();
  const queryClient = useQueryClient();
  const initialValues = () => {
    const source = record ?? options.defaults ?? {};
    return Object.fromEntries(fields.map((f) => [f.name, toInput(f.kind, source[f.name])]));
  };
  // A new version of the record (its own save, or someone else's) starts the form over.
  const key = record ? `v${record.version}` : 'new';
  const [typed, setTyped] = useState(() => ({ key, values: initialValues() }));
  if (typed.key !== key) setTyped({ key, values: initialValues() });
  const values = typed.key === key ? typed.values : initialValues();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const parsed = (name: string) => {
    const field = fields.find((f) => f.name === name);
    return field ? fromInput(field.kind, values[name]) : values[name];
  };
  const changed = record
    ? fields.filter((f) => !same(parsed(f.name), record[f.name])).map((f) => f.name)
    : fields.map((f) => f.name);

  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: recordKeys.list(area) }),
      id ? queryClient.invalidateQueries({ queryKey: recordKeys.history(area, id) }) : null,
    ]);

  const mutation = useMutation({
    mutationFn: async (): Promise<RecordDoc | null> => {
      const channels = recordApi(api, area);
      if (!record) {
        const data = { ...options.createData?.() };
        for (const f of fields) {
          const value = parsed(f.name);
          // Required text left empty is sent as '', so the core names the field instead of "missing".
          if (value !== null || f.kind === 'optionalText') data[f.name] = value;
        }
        return channels.create({ data });
      }
      if (!changed.length || !id) return null;
      const changes = Object.fromEntries(changed.map((name) => [name, parsed(name)]));
      return channels.update({ id, version: record.version, changes });
    },
    onMutate: () => {
      setErrors({});
      setFormError(null);
      setConflict(null);
    },
    onSuccess: async (saved) => {
      if (saved && id) queryClient.setQueryData(recordKeys.get(area, id), saved);
      await invalidate();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.kind === 'conflict' && record) {
        setConflict(error.message);
        await options.refetch?.();
        return;
      }
      const byField = recordFieldErrors(error);
      setErrors(byField);
      const known = Object.keys(byField).some((name) => fields.some((f) => f.name === name));
      if (!known) setFormError(error.message);
    },
  });

  return {
    values,
    errors,
    formError,
    conflict,
    changed,
    saving: mutation.isPending,
    set: (name, raw) => {
      setTyped((prev) => ({ key: prev.key, values: { ...prev.values, [name]: raw } }));
      setErrors((prev) => {
        if (!(name in prev)) return prev;
        const { [name]: _cleared, ...rest } = prev;
        return rest;
      });
    },
    reset: () => {
      setTyped({ key, values: initialValues() });
      setErrors({});
      setFormError(null);
    },
    save: () => mutation.mutateAsync().catch(() => null),
  };
}
