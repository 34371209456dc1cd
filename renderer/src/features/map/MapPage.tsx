// The Map page: every client as a clustered marker and the chosen day's jobs as numbered stops on
// each crew's route, with day navigation, the board's filters, a crew legend, and a card for the
// job or client picked. The selected job is shared with the board (see selection.ts).
import MapIcon from '@mui/icons-material/Map';
import { Alert, Box, Button, CircularProgress, Divider, Stack, Typography } from '@mui/material';
import type { Theme } from '@mui/material/styles';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { localDateOf } from '../../../../shared/time';
import { pages } from '../../app/pages';
import { EmptyState } from '../../components/EmptyState';
import { filtersFrom, withFilters } from '../board/filters';
import { longDate } from '../board/layout';
import { useJobDialogs } from '../jobs/JobDialogs';
import { useTimeZone } from '../jobs/useJobData';
import { CLIENT_MARKER_CLASS, ClientMarkers } from './ClientMarkers';
import { DayLayers, START_CLASS, STOP_CLASS } from './DayLayers';
import { FitView } from './FitView';
import { DayNavigation } from '../board/DayNavigation';
import { MapFilters } from './MapFilters';
import { ClientCard, CrewLegend, JobCard } from './MapPanel';
import { MapView } from './MapView';
import {
  crewRoutes,
  isLocated,
  jobPasses,
  stopNumbers,
  type LatLng,
  type MapClient,
  type MapJob,
} from './mapData';
import { JOB_PARAM, selectJob, useSelectedJob } from './selection';
import { useMapClients, useMapDay } from './useMapData';
import { useTileLayer } from '../settings/business';

const mapPage = pages.find((p) => p.path === '/map');

/** Where the map looks with nothing to show: the contiguous United States. */
const NOWHERE: LatLng = [39.8, -98.6];
/**
 * A region at the furthest: a business's clients are never a world apart, and every zoom level
 * the map can show is one more level leaflet.markercluster computes clusters for.
 */
const MIN_ZOOM = 4;
const PANEL_WIDTH = 320;

const mapSx = (theme: Theme) => {
  const v = theme.vars ?? theme;
  return {
    display: 'flex',
    flexDirection: 'column',
    flexGrow: 1,
    minWidth: 0,
    p: 1,
    // Clients in a quiet grey, so the crews' colours stand out above them.
    [`& .${CLIENT_MARKER_CLASS}`]: {
      borderRadius: '50%',
      bgcolor: v.palette.grey[600],
      border: `2px solid ${v.palette.background.paper}`,
      opacity: 0.8,
    },
    // leaflet.markercluster's own default skin, in the theme's colours.
    '& .marker-cluster': {
      backgroundClip: 'padding-box',
      borderRadius: '20px',
      bgcolor: theme.alpha(theme.palette.grey[600], 0.3),
    },
    '& .marker-cluster div': {
      width: 30,
      height: 30,
      ml: '5px',
      mt: '5px',
      textAlign: 'center',
      borderRadius: '15px',
      bgcolor: v.palette.grey[700],
      color: v.palette.common.white,
      typography: 'caption',
      fontWeight: 600,
    },
    '& .marker-cluster span': { lineHeight: '30px' },
    [`& .${STOP_CLASS} span`]: {
      display: 'grid',
      placeItems: 'center',
      width: '100%',
      height: '100%',
      boxSizing: 'border-box',
      borderRadius: '50%',
      bgcolor: 'var(--stop-color)',
      color: v.palette.common.white,
      border: `2px solid ${v.palette.common.white}`,
      boxShadow: 2,
      typography: 'caption',
      fontWeight: 700,
      cursor: 'pointer',
    },
    [`& .${STOP_CLASS}--selected span`]: {
      outline: `3px solid ${v.palette.secondary.main}`,
      outlineOffset: 1,
    },
    [`& .${STOP_CLASS}:focus-visible`]: { outline: 'none' },
    [`& .${STOP_CLASS}:focus-visible span`]: {
      outline: `3px solid ${v.palette.primary.main}`,
    },
    [`& .${START_CLASS} span`]: {
      display: 'block',
      width: '100%',
      height: '100%',
      boxSizing: 'border-box',
      borderRadius: '4px',
      bgcolor: v.palette.text.primary,
      border: `3px solid ${v.palette.background.paper}`,
    },
  } as const;
};

export function MapPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const dialogs = useJobDialogs();
  const shared = useSelectedJob();
  const today = localDateOf(new Date(), useTimeZone());
  // With no date in the address, the map opens on the day of the job picked on the board.
  const date = params.get('date') ?? shared?.date ?? today;
  const selectedId =
    params.get(JOB_PARAM) ?? (shared && shared.date === date ? shared.appointmentId : null);
  const filters = useMemo(() => filtersFrom(params), [params]);
  const [client, setClient] = useState<MapClient | null>(null);
  // The job the page opened on: the map centres on it once, rather than on the whole day.
  const [openedOn] = useState(selectedId);

  const clients = useMapClients();
  const day = useMapDay(date);
  const tiles = useTileLayer();

  const go = (next: string) => {
    const nextParams = new URLSearchParams(params);
    nextParams.set('date', next);
    nextParams.delete(JOB_PARAM);
    setParams(nextParams);
  };
  const setJob = useCallback(
    (job: MapJob | null) => {
      setParams(
        (now) => {
          const next = new URLSearchParams(now);
          if (job) next.set(JOB_PARAM, job.appointment_id);
          else next.delete(JOB_PARAM);
          if (!next.has('date')) next.set('date', date);
          return next;
        },
        { replace: true },
      );
      selectJob(job ? { appointmentId: job.appointment_id, date } : null);
      if (job) setClient(null);
    },
    [setParams, date],
  );
  const pickClient = useCallback(
    (c: MapClient) => {
      setClient(c);
      setJob(null);
    },
    [setJob],
  );

  const visible = useMemo(
    () => day.data?.jobs.filter((j) => jobPasses(j, filters)) ?? [],
    [day.data, filters],
  );
  const routes = useMemo(
    () => (day.data ? crewRoutes(day.data, visible, filters) : []),
    [day.data, visible, filters],
  );
  const numbers = useMemo(() => stopNumbers(routes), [routes]);
  const fitPoints = useMemo<LatLng[]>(() => {
    const stops = visible.filter(isLocated).map((j) => [j.lat, j.lng] as LatLng);
    if (stops.length)
      return [...stops, ...routes.flatMap((r) => (r.start && r.stops.length ? [r.start] : []))];
    return (clients.data?.clients ?? []).map((c) => [c.lat, c.lng] as LatLng);
  }, [visible, routes, clients.data]);

  const selected = day.data?.jobs.find((j) => j.appointment_id === selectedId) ?? null;
  const focus =
    openedOn && selected && selected.appointment_id === openedOn && isLocated(selected)
      ? ([selected.lat, selected.lng] as LatLng)
      : null;
  const unlocated = day.data?.jobs.filter((j) => !isLocated(j)).length ?? 0;
  const onMap = visible.filter(isLocated).length;
  const center: LatLng = useMemo(() => {
    const start = day.data?.crews.find((c) => c.start)?.start;
    if (start) return [start.lat, start.lng];
    const first = clients.data?.clients[0];
    return first ? [first.lat, first.lng] : NOWHERE;
  }, [day.data, clients.data]);

  const header = (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ alignItems: 'center', px: 2, py: 1, flexWrap: 'wrap' }}
    >
      <Typography id="page-title" variant="h5" component="h1" sx={{ mr: 1 }}>
        Map
      </Typography>
      <DayNavigation date={date} today={today} onGo={go} />
      <Typography data-testid="map-date" color="text.secondary">
        {longDate(date)}
      </Typography>
      {day.data && (
        <Typography variant="body2" color="text.secondary" data-testid="map-counts">
          {onMap} {onMap === 1 ? 'stop' : 'stops'} on the map
          {clients.data && ` · ${clients.data.clients.length} clients`}
        </Typography>
      )}
      <Box sx={{ flexGrow: 1 }} />
      {day.data && (
        <MapFilters
          day={day.data}
          filters={filters}
          onChange={(f) => setParams(withFilters(params, f))}
        />
      )}
    </Stack>
  );

  const failed = clients.error ?? day.error;
  const clientsData = clients.data;
  const dayData = day.data;
  let body;
  if (failed) {
    body = (
      <Alert
        severity="error"
        sx={{ m: 2 }}
        action={
          <Button
            color="inherit"
            onClick={() => {
              void clients.refetch();
              void day.refetch();
            }}
          >
            Try again
          </Button>
        }
      >
        The map could not be loaded: {failed.message}
      </Alert>
    );
  } else if (!clientsData || !dayData) {
    body = (
      <Box sx={{ display: 'grid', placeItems: 'center', flexGrow: 1 }}>
        <CircularProgress aria-label="Loading the map" />
      </Box>
    );
  } else if (clientsData.clients.length === 0 && !dayData.jobs.some(isLocated)) {
    body = (
      <EmptyState icon={<MapIcon />} title="No clients on the map yet">
        {mapPage?.nextStep}
      </EmptyState>
    );
  } else {
    const crewName = (id: string | null) =>
      dayData.crews.find((c) => c.lead_id === id)?.name ?? null;
    body = (
      <Box
        sx={{ display: 'flex', flexGrow: 1, minHeight: 0, borderTop: 1, borderColor: 'divider' }}
      >
        <Box sx={mapSx} data-testid="map-page-map">
          <MapView
            center={center}
            zoom={11}
            minZoom={MIN_ZOOM}
            label="Map of clients and crew routes"
            height="100%"
            fill
            tileUrl={tiles?.tileUrl ?? null}
            attribution={tiles?.attribution}
          >
            <ClientMarkers clients={clientsData.clients} onSelect={pickClient} />
            <DayLayers
              routes={routes}
              jobs={visible}
              numbers={numbers}
              selectedId={selectedId}
              onSelect={setJob}
            />
            <FitView fitKey={dayData.date} points={fitPoints} focus={focus} />
          </MapView>
        </Box>
        <Box
          component="aside"
          aria-label="Crews and the picked job"
          sx={{
            width: PANEL_WIDTH,
            flexShrink: 0,
            overflowY: 'auto',
            borderLeft: 1,
            borderColor: 'divider',
            py: 1,
          }}
        >
          <Typography variant="subtitle2" sx={{ px: 2 }}>
            Routes
          </Typography>
          <CrewLegend routes={routes} />
          <Stack spacing={1} sx={{ px: 2, py: 1 }}>
            {dayData.jobs.length === 0 ? (
              <Typography variant="body2" color="text.secondary" data-testid="map-no-jobs">
                No jobs on this day. Pick another day, or schedule jobs on the dispatch board.
              </Typography>
            ) : visible.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                No job of this day matches the filters.
              </Typography>
            ) : null}
            {unlocated > 0 && (
              <Alert severity="info" data-testid="map-unlocated">
                {unlocated} {unlocated === 1 ? 'job is' : 'jobs are'} not on the map: the client has
                no map position yet. Use Find on map on the client&apos;s page.
              </Alert>
            )}
            {clientsData.without_location > 0 && (
              <Typography variant="body2" color="text.secondary">
                {clientsData.without_location} clients are not on the map yet (Find on map on a
                client&apos;s page places them).
              </Typography>
            )}
          </Stack>
          <Divider />
          <Box sx={{ p: 2 }}>
            {selected ? (
              <JobCard
                job={selected}
                day={dayData}
                date={dayData.date}
                number={numbers.get(selected.appointment_id)}
                crewName={crewName(selected.crew_id)}
                onClose={() => setJob(null)}
                onOpenBoard={() =>
                  navigate(
                    `/board?${new URLSearchParams({ date, [JOB_PARAM]: selected.appointment_id }).toString()}`,
                  )
                }
                onOpenJob={() => dialogs.openJob(selected.appointment_id)}
                onOpenClient={() => navigate(`/clients/${selected.client_id}`)}
              />
            ) : client ? (
              <ClientCard
                client={client}
                onClose={() => setClient(null)}
                onOpenClient={() => navigate(`/clients/${client.client_id}`)}
              />
            ) : (
              <Typography variant="body2" color="text.secondary">
                Click a numbered stop or a client&apos;s marker to see it here.
              </Typography>
            )}
          </Box>
        </Box>
      </Box>
    );
  }

  return (
    <Box
      component="section"
      aria-labelledby="page-title"
      sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minHeight: 0 }}
    >
      {header}
      {body}
    </Box>
  );
}
