// The side panel beside the map: a legend line per crew (colour, stops, straight-line length),
// what is missing from the map and why, and the card of the job or client picked on the map.
import CloseIcon from '@mui/icons-material/Close';
import {
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { clockRange } from '../../../../shared/time/clock';
import { STATUS_LABELS } from '../jobs/statusLabels';
import { ReassignCrew } from './ReassignCrew';
import { kmText, type CrewRoute, type MapClient, type MapDay, type MapJob } from './mapData';

export function CrewLegend({ routes }: { routes: CrewRoute[] }) {
  if (routes.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 1 }}>
        No crew matches the filters.
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label="Crews" data-testid="map-legend">
      {routes.map((r) => (
        <ListItem key={r.crew.lead_id} data-testid="map-legend-crew" data-crew-id={r.crew.lead_id}>
          <Box
            aria-hidden
            sx={{
              width: 14,
              height: 14,
              borderRadius: '50%',
              bgcolor: r.swatch.color,
              mr: 1.5,
              flexShrink: 0,
            }}
          />
          <ListItemText
            primary={r.crew.name}
            secondary={
              r.stops.length === 0
                ? 'No stops'
                : `${r.stops.length} ${r.stops.length === 1 ? 'stop' : 'stops'} · ${kmText(r.km)}${
                    r.crew.start
                      ? r.crew.start.source === 'crew'
                        ? ' from home base'
                        : ' from the office'
                      : ''
                  }`
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

export function JobCard({
  job,
  day,
  date,
  number,
  crewName,
  onClose,
  onOpenBoard,
  onOpenJob,
  onOpenClient,
}: {
  job: MapJob;
  day: MapDay;
  date: string;
  number: number | undefined;
  crewName: string | null;
  onClose: () => void;
  onOpenBoard: () => void;
  onOpenJob: () => void;
  onOpenClient: () => void;
}) {
  const names = new Map(day.staff.map((s) => [s.staff_id, s.name]));
  const people = job.staff_ids.map((id) => names.get(id) ?? 'Former staff member');
  return (
    <Card variant="outlined" data-testid="map-job-card" data-appointment-id={job.appointment_id}>
      <CardContent sx={{ pb: 0 }}>
        <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flexGrow: 1 }}>
            <Typography variant="overline" color="text.secondary">
              {number ? `Stop ${number}` : 'Job'} · {clockRange(job.start, job.end)}
            </Typography>
            <Typography variant="subtitle1" component="h2">
              {job.client_name}
            </Typography>
          </Box>
          <IconButton size="small" aria-label="Close the job card" onClick={onClose}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {job.address}
        </Typography>
        <Typography variant="body2" sx={{ mt: 1 }}>
          {job.service_name}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {crewName ? `${crewName}'s crew` : 'On no crew’s route'}
          {people.length > 0 && `: ${people.join(', ')}`}
        </Typography>
        <Chip size="small" label={STATUS_LABELS[job.status]} sx={{ mt: 1 }} />
      </CardContent>
      <CardActions sx={{ flexWrap: 'wrap' }}>
        <Button size="small" onClick={onOpenBoard}>
          Open on board
        </Button>
        <Button size="small" onClick={onOpenJob}>
          Open job
        </Button>
        <Button size="small" onClick={onOpenClient}>
          Open client
        </Button>
      </CardActions>
      <ReassignCrew key={job.appointment_id} job={job} date={date} crews={day.crews} />
    </Card>
  );
}

export function ClientCard({
  client,
  onClose,
  onOpenClient,
}: {
  client: MapClient;
  onClose: () => void;
  onOpenClient: () => void;
}) {
  return (
    <Card variant="outlined" data-testid="map-client-card">
      <CardContent sx={{ pb: 0 }}>
        <Stack direction="row" sx={{ alignItems: 'flex-start' }}>
          <Box sx={{ flexGrow: 1 }}>
            <Typography variant="overline" color="text.secondary">
              Client
            </Typography>
            <Typography variant="subtitle1" component="h2">
              {client.name}
            </Typography>
          </Box>
          <IconButton size="small" aria-label="Close the client card" onClick={onClose}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {client.address}
        </Typography>
      </CardContent>
      <CardActions>
        <Button size="small" onClick={onOpenClient}>
          Open client
        </Button>
      </CardActions>
    </Card>
  );
}
