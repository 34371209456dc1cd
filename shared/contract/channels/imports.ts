// clients.import*/exportCsv: moving a client list in and out of the app as CSV, checked row by row.
import { z } from 'zod';
import { channel } from '../define';

/** Largest CSV accepted (characters; about 10 MB of text). */
export const MAX_IMPORT_CSV_CHARS = 10 * 1024 * 1024;

/** Rows shown in the import preview; errors and counts always cover the whole file. */
export const IMPORT_PREVIEW_ROWS = 20;

/** Client fields a CSV column can fill; ids, audit and derived figures are never imported. */
export const clientImportFields = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'address',
  'city',
  'state',
  'zip_code',
  'latitude',
  'longitude',
  'notes',
  'preferred_contact_method',
  'is_active',
] as const;
export const clientImportFieldSchema = z.enum(clientImportFields);
export type ClientImportField = z.infer<typeof clientImportFieldSchema>;

/** CSV header → the client field it fills, or null to leave the column out. */
export const importMappingSchema = z.record(
  z.string().max(200),
  clientImportFieldSchema.nullable(),
);
export type ImportMapping = z.infer<typeof importMappingSchema>;

const csvText = z
  .string()
  .max(MAX_IMPORT_CSV_CHARS, { error: 'The file is larger than 10 MB; split it into parts.' });

export const importRowErrorSchema = z.object({
  /** 1-based line in the file where the row starts (the header is line 1). */
  row: z.int().min(1),
  /** The client field at fault ('' when the row as a whole is). */
  field: z.string(),
  /** The CSV column that filled the field, when one did. */
  column: z.string().optional(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowErrorSchema>;

export const importPreviewRowSchema = z.object({
  row: z.int().min(1),
  /** The row's values after mapping and clean-up (numbers, yes/no, upper-case state). */
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  valid: z.boolean(),
  /** Same email or phone as an existing client or an earlier row of the file. */
  duplicate: z.boolean(),
});

export const importsChannels = {
  'clients.importPreview': channel({
    summary:
      'Reads a client CSV without saving anything: its headers, a guessed column mapping, the first rows mapped, and every row error.',
    access: 'session',
    permission: 'records.edit',
    input: z.strictObject({
      csv: csvText,
      /** Without it, the suggested mapping is used. */
      mapping: importMappingSchema.optional(),
    }),
    output: z.object({
      headers: z.array(z.string()),
      suggested_mapping: importMappingSchema,
      /** Required client fields no column is mapped to. */
      missing_fields: z.array(clientImportFieldSchema),
      rows: z.array(importPreviewRowSchema),
      errors: z.array(importRowErrorSchema),
      row_count: z.int().nonnegative(),
      valid_count: z.int().nonnegative(),
      error_count: z.int().nonnegative(),
      duplicate_count: z.int().nonnegative(),
    }),
  }),
  'clients.importCommit': channel({
    summary:
      'Imports the clients of a CSV all at once: refused with the row errors when any row is invalid, unless invalid rows are to be skipped.',
    access: 'session',
    permission: 'records.edit',
    input: z.strictObject({
      csv: csvText,
      mapping: importMappingSchema,
      skip_invalid: z.boolean(),
      /** Leave out rows whose email or phone an existing client or an earlier row already has. */
      skip_duplicates: z.boolean().default(false),
    }),
    output: z.object({
      imported: z.int().nonnegative(),
      /** Rows left out (invalid, or duplicates when asked). */
      skipped: z.int().nonnegative(),
    }),
  }),
  'clients.exportCsv': channel({
    summary: "The business's clients matching the search and filter, as a CSV file's text.",
    access: 'session',
    permission: 'records.view',
    input: z
      .strictObject({
        search: z.string().trim().max(200).optional(),
        filter: z
          .strictObject({ is_active: z.boolean(), city: z.string(), zip_code: z.string() })
          .partial()
          .default({}),
        include_deleted: z.boolean().default(false),
      })
      .default({ filter: {}, include_deleted: false }),
    output: z.object({ file_name: z.string(), csv: z.string(), count: z.int().nonnegative() }),
  }),
};
