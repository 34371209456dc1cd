// A page whose feature is not built yet: says what it will hold and what to do meanwhile.
import { Box, Typography } from '@mui/material';
import type { PageRoute } from '../app/routes';
import { EmptyState } from './EmptyState';

export function PlaceholderPage({ route }: { route: PageRoute }) {
  return (
    <Box component="section" aria-labelledby="page-title" sx={{ p: 3 }}>
      <Typography id="page-title" variant="h5" component="h1" gutterBottom>
        {route.title}
      </Typography>
      <Typography color="text.secondary">{route.purpose}</Typography>
      <EmptyState icon={route.icon} title="Nothing here yet">
        {route.nextStep}
      </EmptyState>
    </Box>
  );
}
