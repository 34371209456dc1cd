// The table every record list shows: one server-side page of records, sortable column headers,
// paging, a row click (or Enter on a focused row) to open the record.
//
// Neither MUI's DataGrid nor an HTML <table>: a list here is one page of at most 100 rows the
// server has already searched, sorted and cut, so none of the grid's client-side machinery is used
// (it cost 50–80 ms to draw each answer while typing a search, bench:records). And CSS containment
// does not apply to table rows: here each row is a fixed-height flex row that is its own layout
// root and is skipped while scrolled out of view (`content-visibility`), so an answer lays out and
// paints the rows on screen only. The ARIA table roles keep what a <table> tells a screen reader.
// Rows are keyed by place and memoised on the record's id and version, so an answer that keeps a
// record in its place does not draw it again.
import { Box, LinearProgress, TablePagination, TableSortLabel } from '@mui/material';
import {
  memo,
  useCallback,
  useMemo,
  type ChangeEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
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

/** The least width of a flexible column that names none. */
const MIN_COLUMN_WIDTH = 100;

/** A column's share of a row: a fixed width, or a share of what is left, never below its minimum. */
function columnSx(col: RecordColumn) {
  if (col.width) return { flex: `0 0 ${col.width}px` };
  return { flex: `${col.flex ?? 1} 1 0`, minWidth: col.minWidth ?? MIN_COLUMN_WIDTH };
}

const ROW_HEIGHT = 53;

/** MUI's table look (body2 text, 16 px padding, a divider under each row, the hover tint). */
const TABLE_SX = {
  '& .record-head': {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    bgcolor: 'background.paper',
  },
  '& .record-row, & .record-head-row': {
    display: 'flex',
    alignItems: 'center',
    height: ROW_HEIGHT,
    boxSizing: 'border-box',
    borderBottom: 1,
    borderColor: 'divider',
  },
  '& .record-row': {
    cursor: 'pointer',
    outline: 0,
    // Its own layout root, of a known size, skipped while out of view.
    contain: 'strict',
    contentVisibility: 'auto',
    containIntrinsicSize: `auto ${ROW_HEIGHT}px`,
  },
  '& .record-row:hover': { bgcolor: 'action.hover' },
  '& .record-row:focus-visible': {
    outline: 2,
    outlineColor: 'primary.main',
    outlineOffset: -2,
  },
  '& .record-cell, & .record-head-cell': {
    typography: 'body2',
    px: 2,
    boxSizing: 'border-box',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  '& .record-cell': { color: 'text.primary' },
  '& .record-head-cell': { fontWeight: 600, lineHeight: '1.5rem' },
  '& .record-number': { textAlign: 'right' },
  '& .record-deleted .record-cell': { color: 'text.disabled' },
  '& .record-empty': {
    height: ROW_HEIGHT * 3,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    typography: 'body2',
    color: 'text.secondary',
  },
} as const;

const FRAME_SX = {
  display: 'flex',
  flexDirection: 'column',
  height: '100%',
  border: 1,
  borderColor: 'divider',
  borderRadius: 1,
  position: 'relative',
} as const;
const PROGRESS_SX = { position: 'absolute', top: 0, left: 0, right: 0, zIndex: 3 } as const;
const LOADING_BODY_SX = { opacity: 0.6 } as const;
const CONTAINER_SX = { flexGrow: 1, minHeight: 0, overflow: 'auto' } as const;

export const RecordTable = memo(function RecordTable(props: RecordTableProps) {
  const { columns, idField, onOpen, onPage, onSort, sort, pageSize } = props;
  // Styles are objects built once per set of columns: each new object is serialised again.
  const tableSx = useMemo(() => {
    const sx: Record<string, unknown> = {
      ...TABLE_SX,
      minWidth: columns.reduce((sum, c) => sum + (c.width ?? c.minWidth ?? MIN_COLUMN_WIDTH), 0),
    };
    columns.forEach((col, i) => (sx[`& .record-col-${i}`] = columnSx(col)));
    return sx;
  }, [columns]);
  return (
    <Box sx={FRAME_SX}>
      {props.loading && (
        <LinearProgress aria-label={`Loading ${props.title.toLowerCase()}`} sx={PROGRESS_SX} />
      )}
      <Box sx={CONTAINER_SX}>
        <Box role="table" aria-label={props.title} sx={tableSx}>
          <RecordTableHead columns={columns} sort={sort} onSort={onSort} />
          <Box role="rowgroup" sx={props.loading ? LOADING_BODY_SX : undefined}>
            {props.rows.map((row, index) => (
              // Keyed by place, not by record: an answer fills the rows already drawn with other
              // records (new text in the same elements) rather than removing them all and building
              // new ones. A row holds no state of its own to lose.
              <RecordRow
                key={index}
                row={row}
                id={String(row[idField])}
                index={index}
                columns={columns}
                onOpen={onOpen}
              />
            ))}
            {props.rows.length === 0 && !props.loading && (
              <div role="row">
                <div role="cell" className="record-empty">
                  {props.noRowsLabel}
                </div>
              </div>
            )}
          </Box>
        </Box>
      </Box>
      <RecordPagination
        total={props.total}
        page={props.page}
        pageSize={pageSize}
        pageSizes={props.pageSizes}
        onPage={onPage}
      />
    </Box>
  );
});

const cellClass = (col: RecordColumn, i: number, base: string) =>
  `${base} record-col-${i}${col.type === 'number' ? ' record-number' : ''}`;

/** The header row, drawn again only when the columns or the sort change (not for each answer). */
const RecordTableHead = memo(function RecordTableHead({
  columns,
  sort,
  onSort,
}: Pick<RecordTableProps, 'columns' | 'sort' | 'onSort'>) {
  return (
    <div role="rowgroup" className="record-head">
      <div role="row" className="record-head-row">
        {columns.map((col, i) => {
          const active = sort?.field === col.field;
          return (
            <div
              key={col.field}
              role="columnheader"
              aria-sort={
                active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
              }
              className={cellClass(col, i, 'record-head-cell')}
              // A narrow window cuts a long header short ("Hours this…"): hovering shows it whole.
              title={col.headerName}
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
            </div>
          );
        })}
      </div>
    </div>
  );
});

/** Paging under the table, drawn again only when the count or the page changes. */
const RecordPagination = memo(function RecordPagination({
  total,
  page,
  pageSize,
  pageSizes,
  onPage,
}: Pick<RecordTableProps, 'total' | 'page' | 'pageSize' | 'pageSizes' | 'onPage'>) {
  const onPageChange = useCallback(
    (_event: unknown, next: number) => onPage(next, pageSize),
    [onPage, pageSize],
  );
  const onPageSize = useCallback(
    (event: ChangeEvent<HTMLInputElement>) => onPage(0, Number(event.target.value)),
    [onPage],
  );
  return (
    <TablePagination
      component="div"
      count={total}
      page={page}
      rowsPerPage={pageSize}
      rowsPerPageOptions={pageSizes}
      onPageChange={onPageChange}
      onRowsPerPageChange={onPageSize}
      slotProps={PAGINATION_SLOTS}
      sx={PAGINATION_SX}
    />
  );
});

const PAGINATION_SX = { borderTop: 1, borderColor: 'divider', flexShrink: 0 } as const;
/**
 * The browser's own list for the page size: the count changes with every answer, and MUI's menu
 * (a popover in a modal, built again each time) cost more to draw than the rows.
 */
const PAGINATION_SLOTS = { select: { native: true } } as const;

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
  a.columns === b.columns &&
  a.onOpen === b.onOpen &&
  (a.row === b.row ||
    (a.row.version === b.row.version &&
      sameTime(a.row.updated_at, b.row.updated_at) &&
      sameTime(a.row.deleted_at, b.row.deleted_at)));

const RecordRow = memo(function RecordRow({ row, id, index, columns, onOpen }: RecordRowProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && event.target === event.currentTarget) onOpen(id);
  };
  return (
    <div
      role="row"
      tabIndex={0}
      className={row.deleted_at ? 'record-row record-deleted' : 'record-row'}
      data-id={id}
      data-rowindex={index}
      onClick={() => onOpen(id)}
      onKeyDown={onKeyDown}
    >
      {columns.map((col, i) => (
        <div key={col.field} role="cell" className={cellClass(col, i, 'record-cell')}>
          {cellText(col, row)}
        </div>
      ))}
    </div>
  );
}, sameRow);
