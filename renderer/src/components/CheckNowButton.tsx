// "Check now" on pages whose work runs in the background (the weather watch, texting): runs a
// round at once, with a spinner while it runs.
import RefreshIcon from '@mui/icons-material/Refresh';
import { Button, CircularProgress } from '@mui/material';

export function CheckNowButton({ pending, onClick }: { pending: boolean; onClick: () => void }) {
  return (
    <Button
      variant="outlined"
      startIcon={pending ? <CircularProgress size={16} /> : <RefreshIcon />}
      disabled={pending}
      aria-busy={pending}
      onClick={onClick}
    >
      Check now
    </Button>
  );
}
