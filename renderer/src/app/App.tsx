// Root component: providers, theme and routes.
import { CssBaseline } from '@mui/material';
import { ThemeProvider } from '@mui/material/styles';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createHashRouter, Navigate, RouterProvider } from 'react-router-dom';
import type { Api } from '../../../shared/contract';
import type { ReactElement } from 'react';
import { ApiProvider } from '../api/context';
import { BoardPage } from '../features/board/BoardPage';
import { AvailabilityPage } from '../features/availability/AvailabilityPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { ClientCsvActions } from '../features/clients/ClientCsv';
import { ClientDetailPage } from '../features/clients/ClientDetailPage';
import { ClientsListPage } from '../features/clients/ClientsListPage';
import { EquipmentDetailPage } from '../features/equipment/EquipmentDetailPage';
import { EquipmentListPage } from '../features/equipment/EquipmentListPage';
import { JobDialogsProvider } from '../features/jobs/JobDialogs';
import { ServiceDetailPage } from '../features/services/ServiceDetailPage';
import { ServicesListPage } from '../features/services/ServicesListPage';
import { StaffDetailPage } from '../features/staff/StaffDetailPage';
import { StaffListPage } from '../features/staff/StaffListPage';
import { UsersPage } from '../features/users/UsersPage';
import type { Transport } from '../api/transport';
import { PlaceholderPage } from '../components/PlaceholderPage';
import { AppFrame } from './AppFrame';
import { pageRoutes } from './routes';
import { theme } from './theme';

/** Pages whose feature is built; the rest show their placeholder. */
const builtPages: Record<string, ReactElement> = {
  '/board': <BoardPage />,
  '/calendar': <CalendarPage />,
  '/clients': <ClientsListPage csvActions={<ClientCsvActions />} />,
  '/equipment': <EquipmentListPage />,
  '/services': <ServicesListPage />,
  '/staff': <StaffListPage />,
  '/availability': <AvailabilityPage />,
  '/users': <UsersPage />,
};

// Hash routing works the same from file:// (Electron) and http:// (browser mode).
const router = createHashRouter([
  {
    path: '/',
    element: <AppFrame />,
    children: [
      { index: true, element: <Navigate to={pageRoutes[0]?.path ?? '/board'} replace /> },
      ...pageRoutes.map((route) => ({
        path: route.path,
        element: builtPages[route.path] ?? <PlaceholderPage route={route} />,
      })),
      // A record's own pages: new, and one by id (the list's path is the page above).
      { path: '/clients/new', element: <ClientDetailPage /> },
      { path: '/clients/:id', element: <ClientDetailPage /> },
      { path: '/services/new', element: <ServiceDetailPage /> },
      { path: '/services/:id', element: <ServiceDetailPage /> },
      { path: '/equipment/new', element: <EquipmentDetailPage /> },
      { path: '/equipment/:id', element: <EquipmentDetailPage /> },
      { path: '/staff/new', element: <StaffDetailPage /> },
      { path: '/staff/:id', element: <StaffDetailPage /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);

export function App({
  api,
  transport,
  queryClient,
}: {
  api: Api;
  transport: Transport;
  queryClient: QueryClient;
}) {
  return (
    <ThemeProvider theme={theme} defaultMode="system">
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <ApiProvider value={{ api, transport }}>
          <JobDialogsProvider>
            <RouterProvider router={router} />
          </JobDialogsProvider>
        </ApiProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
