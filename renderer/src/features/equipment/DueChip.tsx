// The maintenance-due flag: "Overdue" or "Due soon" (within two weeks), or nothing.
import { Chip } from '@mui/material';
import { localDateOf } from '../../../../shared/time';
import { useTimeZone } from '../jobs/useJobData';
import { dueFlag } from './equipmentModel';

/** Today's date key on the business's clock. */
export function useToday(): string {
  return localDateOf(new Date(), useTimeZone());
}

export function DueChip({ due, today }: { due: unknown; today: string }) {
  const flag = dueFlag(due, today);
  if (flag === 'overdue') {
    return <Chip size="small" color="error" label="Overdue" data-testid="due-flag" />;
  }
  if (flag === 'due_soon') {
    return <Chip size="small" color="warning" label="Due soon" data-testid="due-flag" />;
  }
  return null;
}
