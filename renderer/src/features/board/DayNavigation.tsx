// Previous day, today, next day and a date picker: the board's and the map's day navigation.
import ChevronLeftIcon from '@mui/icons-material/ChevronLeft';
import ChevronRightIcon from '@mui/icons-material/ChevronRight';
import { Button, IconButton, TextField } from '@mui/material';
import { addDays } from '../../../../shared/time';

export function DayNavigation({
  date,
  today,
  onGo,
}: {
  date: string;
  today: string;
  onGo: (date: string) => void;
}) {
  return (
    <>
      <IconButton aria-label="Previous day" onClick={() => onGo(addDays(date, -1))}>
        <ChevronLeftIcon />
      </IconButton>
      <Button onClick={() => onGo(today)} disabled={date === today}>
        Today
      </Button>
      <IconButton aria-label="Next day" onClick={() => onGo(addDays(date, 1))}>
        <ChevronRightIcon />
      </IconButton>
      <TextField
        type="date"
        size="small"
        label="Day"
        value={date}
        onChange={(e) => e.target.value && onGo(e.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
    </>
  );
}
