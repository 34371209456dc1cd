// "X could not be loaded: <why>" with a Try again button: what a page shows when its query fails.
import { Alert, Button } from '@mui/material';

export function LoadFailed({
  what,
  error,
  onRetry,
}: {
  /** "The replies", "The messages". */
  what: string;
  error: Error;
  onRetry: () => void;
}) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          Try again
        </Button>
      }
    >
      {what} could not be loaded: {error.message}
    </Alert>
  );
}
