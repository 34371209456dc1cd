// The table every record list shows: one server-side page of records, sortable column headers,
// paging, a row click (or Enter on a focused row) to open the record.
//
// MUI's Table rather than the DataGrid: a list here is one page of at most 100 rows the server has
// already searched, sorted and cut, so none of the grid's client-side machinery is used, and the
// grid cost 50–80 ms to draw each answer while typing a search (bench:records). Rows are memoised on
// the record's id and version, so an answer that keeps a row does not draw it again.
import {
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  TableSortLabel,
} from '@mui/material';
import { memo, useCallback, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import { visuallyHidden } from '../../components/visuallyHidden';
import type { RecordDoc } from './recordApi';

/** One column of a record list. */
export interface RecordColumn {
  /** The record's field (what the column sorts by, unless the list maps it to another). */
  field: string;
  headerName: string;
  /** A fixed width in pixels… */
  width?: number;
  /** …or a share of the width left over, never below `minWidth`. */
  flex?: number;
  minWidth?: number;
  /** Numbers are right-aligned. */
  type?: 'number';
  /** The value shown, when it is not the field's own (e.g. "Last, First"). */
  valueGetter?: (value: unknown, row: RecordDoc) => unknown;
  /** The value as text (money, dates, labels). */
  valueFormatter?: (value: never, row: RecordDoc) => string;
  /** Anything richer than text (chips). */
  renderCell?: (params: { row: RecordDoc }) => ReactNode;
  /** Set by the list from its sortable fields. */
  sortable?: boolean;
}

export interface RecordSort {
  field: string;
  direction: 'asc' | 'desc';
}

export interface RecordTableProps {
  title: string;
  rows: RecordDoc[];
  total: number;
  idField: string;
  columns: RecordColumn[];
  /** Shows a progress bar over the rows (they stay, dimmed, while the next answer comes). */
  loading: boolean;
  /** What to say when there are no rows ("No clients match"). */
  noRowsLabel: string;
  page: number;
  pageSize: number;
  pageSizes: number[];
  /** The column sorted by (its `field`), if any. */
  sort: RecordSort | null;
  onPage: (page: number, pageSize: number) => void;
  onSort: (sort: RecordSort) => void;
  onOpen: (id: string) => void;
}

const cellText = (col: RecordColumn, row: RecordDoc): ReactNode => {
  if (col.renderCell) return col.renderCell({ row });
  const raw = row[col.field];
  const value = col.valueGetter ? col.valueGetter(raw, row) : raw;
  if (col.valueFormatter) return col.valueFormatter(value as never, row);
  return value === null || value === undefined ? '' : String(value);
};

/** Fixed widths in pixels; flexible columns share what is left by their flex. */
function columnWidth(col: RecordColumn, totalFlex: number): string | undefined {
  if (col.width) return `${col.width}px`;
  if (col.flex && totalFlex > 0) return `${((col.flex / totalFlex) * 100).toFixed(2)}%`;
  return undefined;
}

const TABLE_SX = {
  tableLayout: 'fixed',
  '& td, & th': { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  '& tbody tr': { cursor: 'pointer' },
  '& tbody tr:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineOffset: -2 },
  '& tr.record-deleted td': { color: 'text.disabled' },
} as const;

const ROW_HEIGHT = 52;

export const RecordTable = memo(function RecordTable(props: RecordTableProps) {
  const { columns, idField, onOpen, onPage, onSort, sort, pageSize } = props;
  const totalFlex = columns.reduce((sum, c) => sum + (c.width ? 0 : (c.flex ?? 0)), 0);
  const minWidth = columns.reduce((sum, c) => sum + (c.width ?? c.minWidth ?? 100), 0);
  const onPageChange = useCallback(
    (_event: unknown, page: number) => onPage(page, pageSize),
    [onPage, pageSize],
  );
  const onPageSize = useCallback(
    (event: ChangeEvent<HTMLInputElement>) => onPage(0, Number(event.target.value)),
    [onPage],
  );
  return (
    <Box
      sx={{
        display: 'flex',
        flexDirection: 'column',
        height: '100%',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        position: 'relative',
      }}
    >
      {props.loading && (
        <LinearProgress
          aria-label={`Loading ${props.title.toLowerCase()}`}
          sx={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 3 }}
        />
      )}
      <TableContainer sx={{ flexGrow: 1, minHeight: 0 }}>
        <Table stickyHeader size="medium" aria-label={props.title} sx={{ ...TABLE_SX, minWidth }}>
          <colgroup>
            {columns.map((col) => (
              <col key={col.field} style={{ width: columnWidth(col, totalFlex) }} />
            ))}
          </colgroup>
          <TableHead>
            <TableRow>
              {columns.map((col) => {
                const active = sort?.field === col.field;
                return (
                  <TableCell
                    key={col.field}
                    align={col.type === 'number' ? 'right' : 'left'}
                    sortDirection={active ? sort.direction : false}
                    sx={{ fontWeight: 600 }}
                  >
                    {col.sortable ? (
                      <TableSortLabel
                        active={active}
                        direction={active ? sort.direction : 'asc'}
                        onClick={() =>
                          onSort({
                            field: col.field,
                            direction: active && sort.direction === 'asc' ? 'desc' : 'asc',
                          })
                        }
                      >
                        {col.headerName}
                        {active && (
                          <Box component="span" sx={visuallyHidden}>
                            {sort.direction === 'desc' ? 'sorted descending' : 'sorted ascending'}
                          </Box>
                        )}
                      </TableSortLabel>
                    ) : (
                      col.headerName
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          </TableHead>
          <TableBody sx={props.loading ? { opacity: 0.6 } : undefined}>
            {props.rows.map((row, index) => (
              <RecordRow
                key={String(row[idField])}
                row={row}
                id={String(row[idField])}
                index={index}
                columns={columns}
                onOpen={onOpen}
              />
            ))}
            {props.rows.length === 0 && !props.loading && (
              <TableRow>
                <TableCell
                  colSpan={columns.length}
                  align="center"
                  sx={{ height: ROW_HEIGHT * 3, color: 'text.secondary', borderBottom: 0 }}
                >
                  {props.noRowsLabel}
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePagination
        component="div"
        count={props.total}
        page={props.page}
        rowsPerPage={pageSize}
        rowsPerPageOptions={props.pageSizes}
        onPageChange={onPageChange}
        onRowsPerPageChange={onPageSize}
        sx={{ borderTop: 1, borderColor: 'divider', flexShrink: 0 }}
      />
    </Box>
  );
});

interface RecordRowProps {
  row: RecordDoc;
  id: string;
  index: number;
  columns: RecordColumn[];
  onOpen: (id: string) => void;
}

const sameTime = (a: unknown, b: unknown): boolean =>
  a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());

/**
 * The same record (id, version, last change) in the same place draws nothing new: each answer is
 * new objects, and most keys typed keep some of the rows.
 */
const sameRow = (a: RecordRowProps, b: RecordRowProps): boolean =>
  a.id === b.id &&
  a.index === b.index &&
  a.columns === b.columns &&
  a.onOpen === b.onOpen &&
  (a.row === b.row ||
    (a.row.version === b.row.version &&
      sameTime(a.row.updated_at, b.row.updated_at) &&
      sameTime(a.row.deleted_at, b.row.deleted_at)));

const RecordRow = memo(function RecordRow({ row, id, index, columns, onOpen }: RecordRowProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) onOpen(id);
  };
  return (
    <TableRow
      hover
      tabIndex={0}
      className={row.deleted_at ? 'record-row record-deleted' : 'record-row'}
      data-id={id}
      data-rowindex={index}
      onClick={() => onOpen(id)}
      onKeyDown={onKeyDown}
    >
      {columns.map((col) => (
        <TableCell key={col.field} align={col.type === 'number' ? 'right' : 'left'}>
          {cellText(col, row)}
        </TableCell>
      ))}
    </TableRow>
  );
}, sameRow);
