// The empty state every list and page shows: what belongs here and what to do next.
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export function EmptyState({
  icon,
  title,
  children,
}: {
  icon?: ReactNode;
  title: string;
  children: ReactNode;
}) {
  return (
    <Box
      role="status"
      sx={{ py: 8, px: 3, textAlign: 'center', color: 'text.secondary', maxWidth: 560, mx: 'auto' }}
    >
      {icon && <Box sx={{ fontSize: 48, mb: 1, '& svg': { fontSize: 'inherit' } }}>{icon}</Box>}
      <Typography variant="h6" component="p" color="text.primary" gutterBottom>
        {title}
      </Typography>
      <Typography variant="body2">{children}</Typography>
    </Box>
  );
}
