// The frame around every page: top bar with health, navigation drawer, connection banner.
import {
  Alert,
  AppBar,
  Box,
  Divider,
  Drawer,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Toolbar,
  Typography,
} from '@mui/material';
import { Fragment } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { useConnectionState } from '../api/context';
import { HealthIndicator } from './HealthIndicator';
import { pageRoutes } from './routes';

const DRAWER_WIDTH = 232;

export function AppFrame() {
  const connection = useConnectionState();
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
          <HealthIndicator />
        </Toolbar>
      </AppBar>
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
            {pageRoutes.map((route) => (
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
        <Outlet />
      </Box>
    </Box>
  );
}
