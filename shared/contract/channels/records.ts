// Record channels (list, get, create, update, remove, restore, history) for the collections the UI
// keeps, generated from each collection's schema so that none is written by hand.
import { z } from 'zod';
import type { Permission } from '../../auth/permissions';
import { auditEntrySchema } from '../../schemas/common';
import { idOf, type IdPrefix } from '../../schemas/ids';
import { channel } from '../define';

/** Fields the core maintains: never accepted from the renderer. */
const SYSTEM_FIELDS = [
  '_id',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
  'audit_log',
  'business_id',
] as const;

export const listInputBase = {
  /** Text matched (case-insensitively) against the area's search fields. */
  search: z.string().trim().max(200).optional(),
  /** Soft-deleted records too ("Show deleted"). */
  includeDeleted: z.boolean().default(false),
  limit: z.int().min(1).max(500).default(100),
  offset: z.int().min(0).default(0),
};

export const historyEntrySchema = auditEntrySchema.extend({
  collection: z.string(),
  document_id: z.string(),
});

/**
 * Every field optional and without its default: an update carries only what the user changed, so a
 * default must never stand in for a field that was left out (it would overwrite the stored value).
 */
export function changesSchema<O extends z.ZodObject>(object: O) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(object.shape as Record<string, z.ZodType>)) {
    let inner: z.ZodType = field;
    while (inner instanceof z.ZodDefault || inner instanceof z.ZodPrefault) {
      inner = inner.unwrap() as z.ZodType;
    }
    shape[key] = inner.optional();
  }
  return z.strictObject(shape) as unknown as ReturnType<O['partial']>;
}

export interface RecordAreaDef<
  O extends z.ZodObject,
  S extends z.ZodType,
  F extends z.ZodRawShape,
> {
  /** The collection's plain object schema (for picking editable fields). */
  object: O;
  /** The full schema documents are checked against (with cross-field rules). */
  schema: S;
  idPrefix: IdPrefix;
  idField: string;
  /** Fields the core derives (metrics, totals); like system fields, not writable. */
  derived: readonly string[];
  /** Equality filters the list accepts. */
  filters: F;
  /** Sortable fields. */
  sortable: readonly [string, ...string[]];
  edit: Permission;
}

export function recordChannels<
  const A extends string,
  O extends z.ZodObject,
  S extends z.ZodType,
  F extends z.ZodRawShape,
>(area: A, def: RecordAreaDef<O, S, F>) {
  const omitted = Object.fromEntries(
    [...SYSTEM_FIELDS, def.idField, 'location', ...def.derived]
      .filter((k) => k in def.object.shape)
      .map((k) => [k, true]),
  );
  const editable = def.object.omit(omitted as never);
  const id = idOf(def.idPrefix);
  const versioned = z.strictObject({ id, version: z.int().min(1) });

  const list = channel({
    summary: `The business's ${area}, searched, filtered, sorted and paged.`,
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({
      ...listInputBase,
      filter: z
        .strictObject(def.filters)
        .partial()
        .default({} as never),
      sort: z
        .strictObject({
          field: z.enum(def.sortable),
          direction: z.enum(['asc', 'desc']).default('asc'),
        })
        .optional(),
    }),
    output: z.object({ items: z.array(def.schema), total: z.int().nonnegative() }),
  });
  const get = channel({
    summary: `One of the business's ${area} by id (deleted ones too, marked).`,
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({ id }),
    output: def.schema,
  });
  const create = channel({
    summary: `Adds to the business's ${area}.`,
    access: 'session',
    permission: def.edit,
    input: z.strictObject({ data: editable }),
    output: def.schema,
  });
  const update = channel({
    summary: `Changes fields of one of the ${area}, if nobody changed it since \`version\`.`,
    access: 'session',
    permission: def.edit,
    input: versioned.extend({ changes: changesSchema(editable) }),
    output: def.schema,
  });
  const remove = channel({
    summary: `Deletes one of the ${area} (restorable).`,
    access: 'session',
    permission: def.edit,
    input: versioned,
    output: def.schema,
  });
  const restore = channel({
    summary: `Restores a deleted one of the ${area}.`,
    access: 'session',
    permission: def.edit,
    input: versioned,
    output: def.schema,
  });
  const history = channel({
    summary: `Every recorded change of one of the ${area}, newest first.`,
    access: 'session',
    permission: 'records.view',
    input: z.strictObject({ id, limit: z.int().min(1).max(1000).default(200) }),
    output: z.array(historyEntrySchema),
  });

  return {
    [`${area}.list`]: list,
    [`${area}.get`]: get,
    [`${area}.create`]: create,
    [`${area}.update`]: update,
    [`${area}.remove`]: remove,
    [`${area}.restore`]: restore,
    [`${area}.history`]: history,
  } as { [K in `${A}.list`]: typeof list } & { [K in `${A}.get`]: typeof get } & {
    [K in `${A}.create`]: typeof create;
  } & { [K in `${A}.update`]: typeof update } & { [K in `${A}.remove`]: typeof remove } & {
    [K in `${A}.restore`]: typeof restore;
  } & { [K in `${A}.history`]: typeof history };
}
