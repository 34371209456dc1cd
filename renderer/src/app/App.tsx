// Root component: providers, theme and routes.
import { LinearProgress } from '@mui/material';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createHashRouter, Navigate, RouterProvider } from 'react-router-dom';
import type { Api } from '../../../shared/contract';
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { ApiProvider } from '../api/context';
import { BoardPage } from '../features/board/BoardPage';
import { JobDialogsProvider } from '../features/jobs/JobDialogs';
import type { Transport } from '../api/transport';
import { PlaceholderPage } from '../components/PlaceholderPage';
import { AppearanceProvider } from '../features/settings/appearance/AppearanceProvider';
import type { ShownList } from '../features/records/RecordListPage';
import { AppFrame } from './AppFrame';
import { NotFoundPage } from './NotFoundPage';
import { pageRoutes } from './routes';

/**
 * A page loaded when first opened: the board is what the app opens on, and it should not wait for
 * the calendar, the data grids or the map to load.
 */
function lazyPage<P extends object>(
  load: () => Promise<Record<string, unknown>>,
  name: string,
): ComponentType<P> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<P> }));
}

const CalendarPage = lazyPage(() => import('../features/calendar/CalendarPage'), 'CalendarPage');
const ClientsListPage = lazyPage<{ csvActions?: (shown: ShownList) => ReactElement }>(
  () => import('../features/clients/ClientsListPage'),
  'ClientsListPage',
);
const ClientCsvActions = lazyPage<{ shown: ShownList }>(
  () => import('../features/clients/ClientCsv'),
  'ClientCsvActions',
);
const ClientDetailPage = lazyPage<{ mapPin?: (client: Record<string, unknown>) => ReactElement }>(
  () => import('../features/clients/ClientDetailPage'),
  'ClientDetailPage',
);
const ClientMapPin = lazyPage<{ client: Record<string, unknown> }>(
  () => import('../features/clients/ClientMapPin'),
  'ClientMapPin',
);
const EquipmentListPage = lazyPage(
  () => import('../features/equipment/EquipmentListPage'),
  'EquipmentListPage',
);
const EquipmentDetailPage = lazyPage(
  () => import('../features/equipment/EquipmentDetailPage'),
  'EquipmentDetailPage',
);
const ServicesListPage = lazyPage(
  () => import('../features/services/ServicesListPage'),
  'ServicesListPage',
);
const ServiceDetailPage = lazyPage(
  () => import('../features/services/ServiceDetailPage'),
  'ServiceDetailPage',
);
const StaffListPage = lazyPage(() => import('../features/staff/StaffListPage'), 'StaffListPage');
const StaffDetailPage = lazyPage(
  () => import('../features/staff/StaffDetailPage'),
  'StaffDetailPage',
);
const AvailabilityPage = lazyPage(
  () => import('../features/availability/AvailabilityPage'),
  'AvailabilityPage',
);
const UsersPage = lazyPage(() => import('../features/users/UsersPage'), 'UsersPage');
const MessagesPage = lazyPage(() => import('../features/messages/MessagesPage'), 'MessagesPage');
const MapPage = lazyPage(() => import('../features/map/MapPage'), 'MapPage');
const SettingsPage = lazyPage(() => import('../features/settings/SettingsPage'), 'SettingsPage');
const WeatherPage = lazyPage(() => import('../features/weather/WeatherPage'), 'WeatherPage');
const ReportsPage = lazyPage(() => import('../features/reports/ReportsPage'), 'ReportsPage');
const SetupPage = lazyPage(() => import('../features/setup/SetupPage'), 'SetupPage');

/** While a page's code loads: a thin bar, as the frame around it is already there. */
const page = (element: ReactElement) => (
  <Suspense fallback={<LinearProgress aria-label="Loading the page" />}>{element}</Suspense>
);

/** Pages whose feature is built; the rest show their placeholder. */
const builtPages: Record<string, ReactElement> = {
  '/board': page(<BoardPage />),
  '/calendar': page(<CalendarPage />),
  '/map': page(<MapPage />),
  '/weather': page(<WeatherPage />),
  '/clients': page(<ClientsListPage csvActions={(shown) => <ClientCsvActions shown={shown} />} />),
  '/equipment': page(<EquipmentListPage />),
  '/services': page(<ServicesListPage />),
  '/staff': page(<StaffListPage />),
  '/availability': page(<AvailabilityPage />),
  '/notifications': page(<MessagesPage />),
  '/users': page(<UsersPage />),
  '/settings': page(<SettingsPage />),
  '/reports': page(<ReportsPage />),
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
      { path: '/clients/new', element: page(<ClientDetailPage />) },
      {
        path: '/clients/:id',
        element: page(
          <ClientDetailPage
            mapPin={(client) => (
              <Suspense fallback={null}>
                <ClientMapPin key={String(client.client_id)} client={client} />
              </Suspense>
            )}
          />,
        ),
      },
      { path: '/services/new', element: page(<ServiceDetailPage />) },
      { path: '/services/:id', element: page(<ServiceDetailPage />) },
      { path: '/equipment/new', element: page(<EquipmentDetailPage />) },
      { path: '/equipment/:id', element: page(<EquipmentDetailPage />) },
      { path: '/staff/new', element: page(<StaffDetailPage />) },
      { path: '/staff/:id', element: page(<StaffDetailPage />) },
      // Owners and admins run the setup again (business, hours, data); not in the navigation.
      { path: '/setup', element: page(<SetupPage />) },
      // Anything else says so (an old bookmark, a mistyped link) instead of showing another page.
      { path: '*', element: <NotFoundPage /> },
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
    <QueryClientProvider client={queryClient}>
      <ApiProvider value={{ api, transport }}>
        {/* Inside the API: the theme follows this computer's preferences (preferences.get). */}
        <AppearanceProvider>
          <JobDialogsProvider>
            <RouterProvider router={router} />
          </JobDialogsProvider>
        </AppearanceProvider>
      </ApiProvider>
    </QueryClientProvider>
  );
}
