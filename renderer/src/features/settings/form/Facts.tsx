// A few facts read at a glance, as a definition list in two columns: what each is, and its value.
import { Box } from '@mui/material';
import type { ReactNode } from 'react';

export function Facts({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <Box
      component="dl"
      data-testid={testId}
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.5,
        typography: 'body2',
      }}
    >
      {children}
    </Box>
  );
}

export function Fact({
  label,
  children,
  testId,
}: {
  label: string;
  children: ReactNode;
  /** On the value. */
  testId?: string;
}) {
  return (
    <>
      <Box component="dt" sx={{ color: 'text.secondary' }}>
        {label}
      </Box>
      <Box component="dd" sx={{ m: 0 }} data-testid={testId}>
        {children}
      </Box>
    </>
  );
}
