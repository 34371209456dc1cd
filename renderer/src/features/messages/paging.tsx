// Paging of the Messages page's tables: one server page at a time, kept in range when the total
// shrinks (a reply marked read under "Only unread", a message sent again under "Failed").
import { TablePagination } from '@mui/material';
import { useState } from 'react';

const PAGE_SIZES = [25, 50, 100];

export function usePaging() {
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0] ?? 25);
  return {
    page,
    pageSize,
    setPage,
    setPageSize,
    limit: pageSize,
    offset: page * pageSize,
    /** Call during render with the latest total: a page past the end moves back to the last one. */
    keepInRange(total: number | undefined) {
      if (total !== undefined && page > 0 && page * pageSize >= total) {
        setPage(Math.max(0, Math.ceil(total / pageSize) - 1));
      }
    },
  };
}

export function PagingFooter({
  paging,
  total,
}: {
  paging: ReturnType<typeof usePaging>;
  total: number;
}) {
  return (
    <TablePagination
      component="div"
      count={total}
      page={paging.page}
      rowsPerPage={paging.pageSize}
      rowsPerPageOptions={PAGE_SIZES}
      onPageChange={(_event, next) => paging.setPage(next)}
      onRowsPerPageChange={(event) => {
        paging.setPageSize(Number(event.target.value));
        paging.setPage(0);
      }}
      sx={{ borderTop: 1, borderColor: 'divider' }}
    />
  );
}
