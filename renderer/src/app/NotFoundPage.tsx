// An address the app has no page for (an old bookmark, a mistyped or shared link): says so, names
// the page it most likely meant, and offers the board, rather than quietly showing another page.
import SearchOffIcon from '@mui/icons-material/SearchOff';
import { Box, Button, Stack, Typography } from '@mui/material';
import { Link as RouterLink, useLocation } from 'react-router-dom';
import { EmptyState } from '../components/EmptyState';
import { useSession } from '../features/auth/useSession';
import { pagesFor } from './routes';
import { suggestPages } from './pageSuggestions';

export function NotFoundPage() {
  const { pathname } = useLocation();
  const permissions = useSession().data?.session?.permissions;
  const open = pagesFor(permissions);
  const suggested = suggestPages(pathname, open);
  const home = open[0];
  return (
    <Box component="section" aria-labelledby="page-title" sx={{ p: 3 }}>
      <Typography id="page-title" variant="h5" component="h1" gutterBottom>
        Page not found
      </Typography>
      <EmptyState icon={<SearchOffIcon />} title={`Nothing in the app lives at ${pathname}`}>
        It may be an old bookmark or a mistyped link.{' '}
        {suggested.length > 0
          ? `Did you mean ${suggested.map((route) => route.title).join(' or ')}?`
          : 'Pick a page from the navigation, or go back to the board.'}
      </EmptyState>
      <Stack direction="row" sx={{ gap: 1, justifyContent: 'center', flexWrap: 'wrap' }}>
        {suggested.map((route) => (
          <Button
            key={route.path}
            variant="contained"
            startIcon={route.icon}
            component={RouterLink}
            to={route.path}
          >
            Open {route.title}
          </Button>
        ))}
        {home && !suggested.includes(home) && (
          <Button
            variant={suggested.length ? 'text' : 'contained'}
            component={RouterLink}
            to={home.path}
          >
            Go to the {home.title.toLowerCase()}
          </Button>
        )}
      </Stack>
    </Box>
  );
}
