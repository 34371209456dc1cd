// What the scheduling rules said about a job: warnings the dispatcher may override with
// "… anyway", or a refusal naming the rule and the clashing job. The form above it keeps its values.
import { Alert, AlertTitle, Box, Button } from '@mui/material';
import type { Refusal } from './jobModel';

export function RuleRefusal({
  refusal,
  anywayLabel,
  onAnyway,
  busy,
}: {
  refusal: Refusal;
  /** e.g. "Create anyway"; shown only for warnings. */
  anywayLabel: string;
  onAnyway: () => void;
  busy: boolean;
}) {
  const messages = refusal.violations.map((v) => v.message);
  return (
    <Alert
      severity={refusal.overridable ? 'warning' : 'error'}
      data-testid="job-refusal"
      data-overridable={refusal.overridable}
      action={
        refusal.overridable ? (
          <Button color="inherit" size="small" onClick={onAnyway} disabled={busy}>
            {anywayLabel}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>
        {refusal.overridable ? 'Check before you go ahead' : 'The schedule does not allow this'}
      </AlertTitle>
      {messages.length > 1 ? (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </Box>
      ) : (
        (messages[0] ?? refusal.message)
      )}
      {!refusal.overridable && (
        <Box sx={{ mt: 0.5 }}>Change the day, time, crew or equipment and save again.</Box>
      )}
    </Alert>
  );
}
