// Where this person's routes start: the business address by default, or their own start point
// (home base) found from a typed address or placed with a pin; the Map page and route optimizer
// start the crew they lead there.
import PlaceIcon from '@mui/icons-material/PlaceOutlined';
import SearchIcon from '@mui/icons-material/TravelExplore';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import type { LatLngTuple } from 'leaflet';
import { useState } from 'react';
import { Marker } from 'react-leaflet';
import type { GeocodeMatch } from '../../../../shared/contract';
import { useApi } from '../../api/context';
import { precisionWords } from '../clients/ClientMapPin';
import { MapView } from '../map/MapView';
import { pinIcon } from '../map/pins';
import type { RecordDoc } from '../records/recordApi';
import { tileLayerOf, useBusiness } from '../settings/business';
import { MovablePin } from '../map/MovablePin';
import { usePinPlacement } from '../map/usePinPlacement';
import { staffName } from './staffModel';

/** The middle of the contiguous United States, when neither person nor business has a position. */
const FALLBACK_CENTER: LatLngTuple = [39.83, -98.58];
const ZOOM = { own: 14, business: 12, fallback: 4 };
/** As long as the channel accepts (staff.findRouteStart). */
const ADDRESS_MAX = 300;

function ownStartOf(staff: RecordDoc): LatLngTuple | null {
  const coordinates = (staff.location as { coordinates?: [number, number] } | undefined)
    ?.coordinates;
  return coordinates ? [coordinates[1], coordinates[0]] : null;
}

const degrees = ([lat, lng]: LatLngTuple) => `${lat.toFixed(5)}, ${lng.toFixed(5)}`;

export function RouteStartTab({ staff }: { staff: RecordDoc }) {
  const api = useApi();
  const id = String(staff.staff_id);
  const name = staffName(staff);
  const business = useBusiness();
  const tiles = business.isPending ? null : tileLayerOf(business.data?.config);
  const [address, setAddress] = useState('');
  const { moving, setMoving, match, setMatch, dropped, find, place, saved, refresh } =
    usePinPlacement({
      area: 'staff',
      id,
      // Every day's map draws the crew from its start.
      alsoChanged: [['map.day']],
      find: () => api.staff.findRouteStart({ id, version: staff.version, address: address.trim() }),
      recordOf: (found) => found.staff as RecordDoc,
      place: ([latitude, longitude]) =>
        api.staff.setRouteStart({
          id,
          version: staff.version,
          start: { latitude, longitude, ...(address.trim() ? { address: address.trim() } : {}) },
        }),
      onStart: (): void => reset.reset(),
    });

  const reset = useMutation({
    mutationFn: () => api.staff.setRouteStart({ id, version: staff.version, start: null }),
    onMutate: () => {
      setMatch(null);
      setMoving(false);
      find.reset();
      place.reset();
    },
    onSuccess: (next) => saved(next as RecordDoc),
    onError: () => refresh(),
  });

  const own = ownStartOf(staff);
  const businessAt = business.data?.location?.coordinates;
  const businessPoint: LatLngTuple | null = businessAt ? [businessAt[1], businessAt[0]] : null;
  const businessAddress = business.data ? String(business.data.address) : 'the business address';
  const pin = dropped ?? own ?? (moving ? (businessPoint ?? FALLBACK_CENTER) : null);
  // The map follows the saved start, not the pin being dropped, so it holds still under a drag.
  const center = own ?? businessPoint ?? FALLBACK_CENTER;
  const zoom = own ? ZOOM.own : businessPoint ? ZOOM.business : ZOOM.fallback;
  const deleted = Boolean(staff.deleted_at);
  const busy = find.isPending || place.isPending || reset.isPending;
  const error = place.error ?? reset.error;

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="route-start">
      <Typography variant="h6" component="h2">
        Route start
      </Typography>
      <Typography data-testid="route-start-source" sx={{ mb: 1 }}>
        {own
          ? `Routes start from ${name}'s own start point (${degrees(own)}).`
          : `Routes start from the business address (${businessAddress}), the default.`}
      </Typography>
      {staff.role !== 'crew_lead' && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Crews are led by crew leads: this start is used when {name} is a crew lead.
        </Alert>
      )}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Box sx={{ width: { xs: '100%', md: 360 } }}>
          <MapView
            center={center}
            zoom={zoom}
            height={240}
            label={`Map of ${name}'s route start`}
            tileUrl={tiles?.tileUrl ?? null}
            attribution={tiles?.attribution}
          >
            {!pin && businessPoint && (
              <Marker
                position={businessPoint}
                icon={pinIcon('secondary')}
                title={businessAddress}
              />
            )}
            {pin && (
              <MovablePin
                at={pin}
                label={`${name}'s route start`}
                movableLabel={`${name}'s route start: drag it to the right place, or move it with the arrow keys and press Enter`}
                movable={moving && !busy}
                onDrop={(at) => place.mutate(at)}
              />
            )}
          </MapView>
        </Box>
        {!deleted && (
          <Stack spacing={1.5} sx={{ flex: 1, minWidth: 260 }}>
            <Box
              component="form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                if (address.trim()) find.mutate();
              }}
            >
              <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
                <TextField
                  size="small"
                  label="Start address"
                  value={address}
                  onChange={(e) => setAddress(e.target.value)}
                  slotProps={{ htmlInput: { maxLength: ADDRESS_MAX } }}
                  helperText="Street, city, state and ZIP"
                  sx={{ flex: 1 }}
                />
                <Button
                  type="submit"
                  variant="outlined"
                  disabled={busy || !address.trim()}
                  startIcon={find.isPending ? <CircularProgress size={16} /> : <SearchIcon />}
                >
                  {find.isPending ? 'Finding…' : 'Find'}
                </Button>
              </Stack>
            </Box>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              <Button
                size="small"
                variant={moving ? 'contained' : 'text'}
                startIcon={<PlaceIcon />}
                disabled={busy}
                aria-pressed={moving}
                onClick={() => setMoving((on) => !on)}
              >
                Place pin
              </Button>
              <Button size="small" disabled={busy || !own} onClick={() => reset.mutate()}>
                Use the business address
              </Button>
            </Stack>
            <Box aria-live="polite">
              <StartStatus
                moving={moving}
                match={match}
                lookupError={find.error}
                saving={place.isPending || reset.isPending}
                done={place.isSuccess ? 'placed' : reset.isSuccess ? 'reset' : null}
                saveError={error}
              />
            </Box>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

function StartStatus(props: {
  moving: boolean;
  match: GeocodeMatch | null;
  lookupError: Error | null;
  saving: boolean;
  done: 'placed' | 'reset' | null;
  saveError: Error | null;
}) {
  const hint = props.moving && (
    <Typography variant="caption" component="p" color="text.secondary">
      Drag the pin to where the crew starts (or move it with the arrow keys and press Enter); it is
      saved where you drop it.
    </Typography>
  );
  if (props.saving) {
    return (
      <Typography variant="caption" component="p">
        Saving the route start…
      </Typography>
    );
  }
  if (props.saveError) {
    return (
      <>
        <Alert severity="error">Could not save the route start: {props.saveError.message}</Alert>
        {hint}
      </>
    );
  }
  if (props.lookupError) {
    return (
      <>
        <Alert severity="warning">{props.lookupError.message}</Alert>
        {hint}
      </>
    );
  }
  if (props.done === 'placed') return <Alert severity="success">Route start saved</Alert>;
  if (props.done === 'reset') {
    return <Alert severity="success">Routes start from the business address again</Alert>;
  }
  if (props.match) {
    return (
      <Typography variant="caption" component="p" data-testid="route-start-match">
        <strong>{precisionWords[props.match.precision]}:</strong> {props.match.display_name}
        {props.match.precision !== 'address' && ' — drag the pin if it is not in the right place.'}
      </Typography>
    );
  }
  return hint || null;
}
