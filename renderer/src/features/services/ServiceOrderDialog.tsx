// The order services are offered in (pickers, price lists): drag a row, or move it with its
// buttons or Alt+↑/↓; saving writes `sort_order` to the services whose position changed.
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DragIndicatorIcon from '@mui/icons-material/DragIndicator';
import SwapVertIcon from '@mui/icons-material/SwapVert';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Skeleton,
} from '@mui/material';
import {
  DndContext,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { useApi } from '../../api/context';
import { recordApi, recordKeys } from '../records/recordApi';
import { moveItem, orderChanges, type Ordered } from './serviceModel';

type Row = Ordered & { name: string; is_active: boolean };

const ALL = { sort: { field: 'sort_order' as const, direction: 'asc' as const }, limit: 500 };

function OrderRow({
  row,
  index,
  count,
  onMove,
}: {
  row: Row;
  index: number;
  count: number;
  onMove: (from: number, to: number) => void;
}) {
  const {
    setNodeRef: dragRef,
    listeners,
    attributes,
    transform: t,
    isDragging,
  } = useDraggable({ id: row.service_id });
  const { setNodeRef: dropRef, isOver } = useDroppable({ id: row.service_id });
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey) return;
    if (e.key === 'ArrowUp' && index > 0) onMove(index, index - 1);
    else if (e.key === 'ArrowDown' && index < count - 1) onMove(index, index + 1);
    else return;
    e.preventDefault();
  };
  return (
    <ListItem
      ref={dropRef}
      divider
      data-testid="order-row"
      data-service-id={row.service_id}
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label={`${row.name}, position ${index + 1} of ${count}`}
      sx={{
        bgcolor: isOver && !isDragging ? 'action.hover' : 'background.paper',
        transform: t ? `translate3d(0, ${t.y}px, 0)` : undefined,
        position: 'relative',
        zIndex: isDragging ? 1 : 0,
        boxShadow: isDragging ? 3 : 0,
      }}
      secondaryAction={
        <>
          <IconButton
            aria-label={`Move ${row.name} up`}
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
          >
            <ArrowUpwardIcon fontSize="small" />
          </IconButton>
          <IconButton
            aria-label={`Move ${row.name} down`}
            disabled={index === count - 1}
            onClick={() => onMove(index, index + 1)}
          >
            <ArrowDownwardIcon fontSize="small" />
          </IconButton>
        </>
      }
    >
      <Box
        ref={dragRef}
        {...listeners}
        {...attributes}
        tabIndex={-1}
        aria-label={`Drag ${row.name}`}
        data-testid="drag-handle"
        sx={{
          display: 'flex',
          cursor: 'grab',
          mr: 1,
          color: 'text.secondary',
          touchAction: 'none',
        }}
      >
        <DragIndicatorIcon />
      </Box>
      <ListItemText
        primary={row.name}
        secondary={row.is_active ? undefined : 'Inactive'}
        sx={{ pr: 10 }}
      />
    </ListItem>
  );
}

function OrderDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const services = useQuery({
    queryKey: recordKeys.list('services', ALL),
    queryFn: () => api.services.list(ALL),
  });
  // The order as moved here, until saved; the stored order until the first move.
  const [moved, setMoved] = useState<Row[] | null>(null);
  const order: Row[] | null = moved ?? services.data?.items ?? null;
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const save = useMutation({
    mutationFn: async (rows: Row[]) => {
      // One at a time: each write is checked against the version this dialog read.
      for (const { service, sort_order } of orderChanges(rows)) {
        await recordApi(api, 'services').update({
          id: service.service_id,
          version: service.version,
          changes: { sort_order },
        });
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordKeys.list('services') }),
    onSuccess: onClose,
    onError: async () => {
      // Part may be saved: start again from what is stored now.
      await services.refetch();
      setMoved(null);
    },
  });
  const move = (from: number, to: number) => order && setMoved(moveItem(order, from, to));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!order || !over || active.id === over.id) return;
    const from = order.findIndex((s) => s.service_id === active.id);
    const to = order.findIndex((s) => s.service_id === over.id);
    if (from >= 0 && to >= 0) move(from, to);
  };
  const changed = order ? orderChanges(order).length : 0;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="order-title">
      <DialogTitle id="order-title">Order of services</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>
          Drag a service, or use its arrows (Alt+↑/↓ on a focused row). Pickers and price lists
          follow this order.
        </DialogContentText>
        {services.error && <Alert severity="error">{services.error.message}</Alert>}
        {save.error && (
          <Alert severity="error" sx={{ mb: 1 }}>
            The order was not saved: {save.error.message} The latest order is shown.
          </Alert>
        )}
        {order ? (
          <DndContext sensors={sensors} onDragEnd={onDragEnd}>
            <List dense data-testid="service-order">
              {order.map((row, i) => (
                <OrderRow
                  key={row.service_id}
                  row={row}
                  index={i}
                  count={order.length}
                  onMove={move}
                />
              ))}
            </List>
          </DndContext>
        ) : (
          <Skeleton variant="rounded" height={240} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="contained"
          disabled={!changed || save.isPending}
          onClick={() => order && save.mutate(order)}
        >
          Save order
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function ServiceOrderButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button startIcon={<SwapVertIcon />} onClick={() => setOpen(true)}>
        Reorder
      </Button>
      {open && <OrderDialog onClose={() => setOpen(false)} />}
    </>
  );
}
