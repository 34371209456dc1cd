// A page the signed-in role may not open (reached by its address: the navigation leaves it out):
// says who may, and whom to ask — worded and drawn the same on every such page.
import LockIcon from '@mui/icons-material/Lock';
import { Box } from '@mui/material';
import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';

export function RoleLock({
  action,
  children,
  testId,
}: {
  /** What only owners and admins may do: "see reports", "manage users". */
  action: string;
  /** Whom to ask, and for what. */
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box data-testid={testId}>
      <EmptyState icon={<LockIcon />} title={`Only owners and admins can ${action}`}>
        {children}
      </EmptyState>
    </Box>
  );
}
