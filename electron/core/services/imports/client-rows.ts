// From CSV rows to client documents: the column mapping, clean-up of each cell, the client schema's
// checks (the same create schema and normalizer as clients.create) and duplicate detection.
import type { z } from 'zod';
import {
  clientImportFields,
  contract,
  type ClientImportField,
  type ImportMapping,
  type ImportRowError,
} from '../../../../shared/contract';
import type { CollectionSpec, Doc } from '../../db/repository';
import { AppError } from '../../errors';
import type { CsvRow, ParsedCsv } from './csv';
import { unguardCell } from './csv';

/** Header words (lower case, letters and digits only) that name each client field. */
const HEADER_WORDS: Record<ClientImportField, readonly string[]> = {
  first_name: ['firstname', 'first', 'givenname', 'forename', 'fname'],
  last_name: ['lastname', 'last', 'surname', 'familyname', 'lname'],
  email: ['email', 'emailaddress', 'mail'],
  phone: [
    'phone',
    'phonenumber',
    'mobile',
    'mobilephone',
    'mobilenumber',
    'cell',
    'cellphone',
    'telephone',
    'tel',
  ],
  address: ['address', 'streetaddress', 'street', 'address1', 'addressline1', 'addr'],
  city: ['city', 'town', 'locality'],
  state: ['state', 'st', 'province', 'stateprovince', 'statecode', 'region'],
  zip_code: ['zip', 'zipcode', 'postalcode', 'postcode', 'zippostalcode', 'postal'],
  latitude: ['latitude', 'lat'],
  longitude: ['longitude', 'lng', 'lon', 'long'],
  notes: ['notes', 'note', 'comments', 'comment'],
  preferred_contact_method: [
    'preferredcontactmethod',
    'preferredcontact',
    'contactmethod',
    'contactpreference',
  ],
  is_active: ['isactive', 'active'],
};

const headerKey = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Guesses which field each header fills; each field is given to the first header that names it. */
export function suggestMapping(headers: readonly string[]): ImportMapping {
  const taken = new Set<ClientImportField>();
  const mapping: ImportMapping = {};
  for (const header of headers) {
    const key = headerKey(header);
    const field = clientImportFields.find((f) => !taken.has(f) && HEADER_WORDS[f].includes(key));
    mapping[header] = field ?? null;
    if (field) taken.add(field);
  }
  return mapping;
}

/** Fields a client cannot be saved without (a phone or an email is checked per row). */
const REQUIRED_FIELDS: readonly ClientImportField[] = [
  'first_name',
  'last_name',
  'address',
  'city',
  'state',
  'zip_code',
];

export function missingFields(mapping: ImportMapping): ClientImportField[] {
  const mapped = new Set(Object.values(mapping));
  const missing = REQUIRED_FIELDS.filter((f) => !mapped.has(f));
  if (!mapped.has('phone') && !mapped.has('email')) missing.push('phone', 'email');
  return missing;
}

/** Refuses a mapping that names columns the file lacks or fills one field from two columns. */
export function checkMapping(mapping: ImportMapping, headers: readonly string[]): void {
  const unknown = Object.keys(mapping).filter((h) => !headers.includes(h));
  if (unknown.length) {
    throw new AppError(
      'validation',
      `The mapping names a column this file does not have: ${unknown.slice(0, 3).join(', ')}.`,
      { columns: unknown },
    );
  }
  const byField = new Map<string, string>();
  for (const [header, field] of Object.entries(mapping)) {
    if (!field) continue;
    const other = byField.get(field);
    if (other) {
      throw new AppError(
        'validation',
        `Both "${other}" and "${header}" are mapped to ${field}; choose one of them.`,
        { field, columns: [other, header] },
      );
    }
    byField.set(field, header);
  }
}

type Cell = string | number | boolean;
type Cleaned = { value: Cell } | { error: string };

const YES = new Set(['yes', 'y', 'true', '1', 'active']);
const NO = new Set(['no', 'n', 'false', '0', 'inactive']);
const NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** Turns a cell's text into the field's value, or says why it cannot be one. */
function clean(field: ClientImportField, text: string): Cleaned {
  switch (field) {
    case 'latitude':
    case 'longitude':
      return NUMBER.test(text)
        ? { value: Number(text) }
        : { error: `Expected a number such as ${field === 'latitude' ? '33.5186' : '-86.8104'}` };
    case 'is_active': {
      const word = text.toLowerCase();
      if (YES.has(word)) return { value: true };
      if (NO.has(word)) return { value: false };
      return { error: 'Expected yes or no' };
    }
    case 'state':
      return { value: text.toUpperCase() };
    case 'zip_code':
      // Spreadsheets drop the leading zero of New England ZIP codes (02134 → 2134).
      return { value: /^\d{4}$/.test(text) ? `0${text}` : text };
    case 'preferred_contact_method': {
      const word = text.toLowerCase();
      return { value: word === 'text' ? 'sms' : word };
    }
    default:
      return { value: text };
  }
}

export interface PreparedRow {
  line: number;
  /** Mapped and cleaned values, for the preview. */
  values: Record<string, Cell>;
  /** The document to insert, when the row is valid. */
  doc?: Doc;
  errors: ImportRowError[];
  duplicate: boolean;
}

/** The input schema of clients.create: what a user may set on a new client. */
const createInput = contract['clients.create'].input;

/** Contact keys for duplicate detection: lower-case email, phone digits without a leading US 1. */
export function contactKeys(email: unknown, phone: unknown): string[] {
  const keys: string[] = [];
  if (typeof email === 'string' && email.trim()) keys.push(`e:${email.trim().toLowerCase()}`);
  if (typeof phone === 'string') {
    let digits = phone.replace(/\D/g, '');
    if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
    if (digits.length >= 7) keys.push(`p:${digits}`);
  }
  return keys;
}

export interface RowContext {
  spec: CollectionSpec;
  mapping: ImportMapping;
  headers: readonly string[];
  /** Contact keys of the business's clients. */
  existing: ReadonlySet<string>;
  /** The fields every new document gets (ids, timestamps, version, audit entry); called per row. */
  system: () => Doc;
}

function issuesOf(
  error: z.ZodError,
  line: number,
  prefix: number,
  columnOf: (field: string) => string | undefined,
): ImportRowError[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[prefix] ?? '');
    const column = columnOf(field);
    return { row: line, field, message: issue.message, ...(column ? { column } : {}) };
  });
}

/** Maps, cleans and checks every row; each row is checked the way clients.create checks one. */
export function prepareRows(csv: ParsedCsv, context: RowContext): PreparedRow[] {
  const { spec, mapping, headers, existing } = context;
  const columns = headers
    .map((header, index) => ({ header, index, field: mapping[header] ?? null }))
    .filter((c): c is { header: string; index: number; field: ClientImportField } => !!c.field);
  const columnByField = new Map<string, string>(columns.map((c) => [c.field, c.header]));
  const columnOf = (field: string) => columnByField.get(field);
  const seen = new Set<string>();

  return csv.rows.map((row: CsvRow): PreparedRow => {
    const values: Record<string, Cell> = {};
    const errors: ImportRowError[] = [];
    for (const { header, index, field } of columns) {
      const text = unguardCell((row.cells[index] ?? '').trim());
      if (!text) continue;
      const cleaned = clean(field, text);
      if ('error' in cleaned) {
        errors.push({ row: row.line, field, column: header, message: cleaned.error });
      } else {
        values[field] = cleaned.value;
      }
    }
    const prepared: PreparedRow = { line: row.line, values, errors, duplicate: false };
    const failed = new Set(errors.map((e) => e.field));

    const input = createInput.safeParse({ data: values });
    if (!input.success) {
      for (const issue of issuesOf(input.error, row.line, 1, columnOf)) {
        if (failed.has(issue.field)) continue;
        if (values[issue.field] === undefined && issue.field) {
          issue.message = `${issue.field.replace(/_/g, ' ')} is missing`;
        }
        errors.push(issue);
      }
    } else if (!errors.length) {
      const base = { ...input.data.data, ...context.system() };
      const full = spec.schema.safeParse(spec.normalize ? spec.normalize(base) : base);
      if (full.success) prepared.doc = full.data;
      else errors.push(...issuesOf(full.error, row.line, 0, columnOf));
    }

    const keys = contactKeys(values.email, values.phone);
    prepared.duplicate = keys.some((k) => existing.has(k) || seen.has(k));
    // Only rows that would be imported make later rows duplicates of them.
    if (prepared.doc) for (const k of keys) seen.add(k);
    return prepared;
  });
}
