// One part of a Settings section that holds several (Database, Text messages): a heading, a line
// on what it is for, and its form; the part is a labelled region tests find by its id.
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export function SettingsPart({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <Box component="section" aria-labelledby={id} data-testid={id}>
      <Typography id={id} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {description}
      </Typography>
      {children}
    </Box>
  );
}
