// What a Settings part shows while it asks the app how things stand: a small spinner and
// "Checking the database…".
import { CircularProgress, Stack, Typography } from '@mui/material';

/** `label` names the wait without its ellipsis ("Checking the database"). */
export function Waiting({ label }: { label: string }) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <CircularProgress size={18} aria-label={label} />
      <Typography variant="body2" color="text.secondary">
        {label}…
      </Typography>
    </Stack>
  );
}
