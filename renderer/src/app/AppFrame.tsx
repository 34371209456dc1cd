// The frame around every page: top bar with health, navigation drawer, connection banner, and the
// in-app weather alert.
import {
  Alert,
  AppBar,
  Box,
  Button,
  CircularProgress,
  Divider,
  Drawer,
  LinearProgress,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Stack,
  Toolbar,
  Typography,
} from '@mui/material';
import { Fragment, lazy, Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useConnectionState } from '../api/context';
import { SignInPage } from '../features/auth/SignInPage';
import { useSession, useSignOut } from '../features/auth/useSession';
import { useBoardDaysStaleOnChange } from '../features/board/useBoardDay';
import { WeatherAlert } from '../features/weather/WeatherAlert';
import { HealthIndicator, useHealth } from './HealthIndicator';
import { pageRoutes } from './routes';

// Shown once per install: its code (steps, time zones, the database form) loads only then, and
// stays out of what every start of the board has to load.
const SetupWizard = lazy(async () => ({
  default: (await import('../features/setup/SetupWizard')).SetupWizard,
}));

const DRAWER_WIDTH = 232;

function SignedInMenu() {
  const session = useSession().data?.session;
  const signOut = useSignOut();
  if (!session) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography variant="body2" data-testid="signed-in-as">
        {session.user.first_name} {session.user.last_name} · {session.business.name}
      </Typography>
      <Button size="small" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </Button>
    </Stack>
  );
}

function PageArea() {
  const connection = useConnectionState();
  const session = useSession();
  if (connection !== 'open' && !session.data) {
    return null;
  }
  if (session.isPending) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', flexGrow: 1 }}>
        <CircularProgress aria-label="Loading" />
      </Box>
    );
  }
  if (session.isError) {
    return (
      <Alert severity="error" sx={{ m: 3 }}>
        Could not check who is signed in: {session.error.message}
      </Alert>
    );
  }
  if (session.data.needsSetup) {
    return (
      <Suspense fallback={<LinearProgress aria-label="Loading the setup" />}>
        <SetupWizard />
      </Suspense>
    );
  }
  if (!session.data.session) return <SignInPage />;
  return <Outlet />;
}

function DatabaseBanner() {
  const { health } = useHealth();
  const database = health.data?.checks.find((c) => c.name === 'database');
  if (!database || database.status !== 'down') return null;
  return (
    <Alert severity="error" square data-testid="database-banner">
      {database.message}
    </Alert>
  );
}

export function AppFrame() {
  const connection = useConnectionState();
  useBoardDaysStaleOnChange();
  const permissions = useSession().data?.session?.permissions;
  // Before sign-in (the setup wizard, the sign-in page) there is nowhere to go: no page list.
  const signedIn = permissions !== undefined;
  const visible = pageRoutes.filter(
    (route) => !route.permission || permissions?.includes(route.permission),
  );
  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
      <AppBar
        position="fixed"
        color="default"
        elevation={0}
        sx={{ zIndex: (t) => t.zIndex.drawer + 1, borderBottom: 1, borderColor: 'divider' }}
      >
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ flexGrow: 1, fontWeight: 600 }}>
            ServicePro Dispatch
          </Typography>
          <SignedInMenu />
          <HealthIndicator />
        </Toolbar>
      </AppBar>
      {signedIn && (
        <Drawer
          variant="permanent"
          sx={{
            width: DRAWER_WIDTH,
            flexShrink: 0,
            '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' },
          }}
        >
          <Toolbar variant="dense" />
          <Box component="nav" aria-label="Main navigation" sx={{ overflowY: 'auto' }}>
            <List dense>
              {visible.map((route) => (
                <Fragment key={route.path}>
                  {route.divider && <Divider component="li" sx={{ my: 1 }} />}
                  <li>
                    <ListItemButton
                      component={NavLink}
                      to={route.path}
                      sx={{ '&.active': { bgcolor: 'action.selected', fontWeight: 600 } }}
                    >
                      <ListItemIcon sx={{ minWidth: 36 }}>{route.icon}</ListItemIcon>
                      <ListItemText primary={route.title} />
                    </ListItemButton>
                  </li>
                </Fragment>
              ))}
            </List>
          </Box>
        </Drawer>
      )}
      <Box
        component="main"
        sx={{ flexGrow: 1, overflow: 'auto', display: 'flex', flexDirection: 'column' }}
      >
        <Toolbar variant="dense" />
        {connection === 'closed' && (
          <Alert severity="warning" square>
            Lost the connection to the app. Reconnecting… Anything not confirmed as saved will need
            to be done again.
          </Alert>
        )}
        {connection === 'unauthorized' && (
          <Alert severity="error" square>
            This page was opened without its access key. Open the address that `npm run web` printed
            in the terminal.
          </Alert>
        )}
        <DatabaseBanner />
        <PageArea />
        <WeatherAlert />
      </Box>
    </Box>
  );
}
