// Reading and writing CSV text with papaparse: rows with the line they start on, tidy headers, safe cells.
import Papa from 'papaparse';
import { AppError } from '../../errors';

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  headers: string[];
  /** Data rows, blank lines left out. */
  rows: CsvRow[];
}

/** Most data rows one import takes: more than any small business's list, less than a runaway file. */
export const MAX_IMPORT_ROWS = 50_000;

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/**
 * Parses CSV text (BOM, CRLF or LF, quoted commas and line breaks, blank lines). Headers are trimmed
 * and made unique ("Phone", "Phone (2)") so a mapping can name each column.
 */
export function parseCsv(text: string): ParsedCsv {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRow[] = [];
  let start = 0;
  let line = 1;
  const problems: string[] = [];
  Papa.parse<string[]>(source, {
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      const cells = result.data;
      // A row's text runs from the previous cursor through its own line break; counting the line
      // breaks in it keeps line numbers true when a quoted cell spans lines.
      const rowLine = line;
      for (let i = start; i < end; i++) {
        if (source.charCodeAt(i) === 10) line++;
      }
      start = end;
      for (const error of result.errors) {
        // The delimiter guess falls back to a comma, which is what we want for a one-column file.
        if (error.code !== 'UndetectableDelimiter') {
          problems.push(`line ${rowLine}: ${error.message}`);
        }
      }
      if (!isBlank(cells)) records.push({ line: rowLine, cells });
    },
  });
  if (problems.length) {
    throw new AppError(
      'validation',
      `This file is not valid CSV — ${problems[0]}. Save it again as CSV from your spreadsheet and retry.`,
      { problems: problems.slice(0, 20) },
    );
  }
  const [header, ...rows] = records;
  if (!header) throw new AppError('validation', 'The file is empty: it has no header row.');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new AppError(
      'validation',
      `The file has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time.`,
    );
  }
  const seen = new Map<string, number>();
  const headers = header.cells.map((raw, i) => {
    const name = raw.trim() || `Column ${i + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
  return { headers, rows };
}

/**
 * Cells a spreadsheet would run as a formula ("=HYPERLINK(…)") get a leading apostrophe on export.
 * A phone number's leading '+' is left alone: it is data, and '+1-205-555-0100' is no formula.
 */
const FORMULA_START = /^(?:[=@\t\r]|[+-](?![\d (]))/;

/** The apostrophe the export put before a formula-like cell, taken off again on import. */
export const unguardCell = (value: string) =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;

/** CSV text with a header row, CRLF line ends and a BOM so that spreadsheets read it as UTF-8. */
export function toCsv(columns: readonly string[], rows: readonly unknown[][]): string {
  return (
    '\uFEFF' +
    Papa.unparse(
      { fields: [...columns], data: rows as unknown[][] },
      { newline: '\r\n', escapeFormulae: FORMULA_START },
    )
  );
}
