// The frame around every page: top bar with health, navigation drawer, connection banner, and the
// in-app weather alert.
import {
  Alert,
  AppBar,
  Box,
  Button,
  CircularProgress,
  LinearProgress,
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
import { pagesFor, type PageRoute } from './routes';
import './frame.css';

// Shown once per install: its code (steps, time zones, the database form) loads only then, and
// stays out of what every start of the board has to load.
const SetupWizard = lazy(async () => ({
  default: (await import('../features/setup/SetupWizard')).SetupWizard,
}));

/** The page list on the left: plain elements styled by frame.css (see there why). */
function NavigationDrawer({ routes }: { routes: PageRoute[] }) {
  return (
    <div className="sp-nav-drawer">
      <div className="sp-nav-paper">
        <div className="sp-nav-spacer" />
        <nav aria-label="Main navigation" className="sp-nav">
          <ul className="sp-nav-list">
            {routes.map((route) => (
              <Fragment key={route.path}>
                {route.divider && <li role="separator" className="sp-nav-divider" />}
                <li>
                  <NavLink to={route.path} className="sp-nav-link">
                    <span className="sp-nav-icon">{route.icon}</span>
                    <span className="sp-nav-text">{route.title}</span>
                  </NavLink>
                </li>
              </Fragment>
            ))}
          </ul>
        </nav>
      </div>
    </div>
  );
}

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
  const visible = pagesFor(permissions);
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
      {signedIn && <NavigationDrawer routes={visible} />}
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
