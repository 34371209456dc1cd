// The client's pin on a small map: found from the address ("Find on map"), or dragged to the right
// place by hand when the address cannot be found or the match is only approximate.
import PlaceIcon from '@mui/icons-material/PlaceOutlined';
import SearchIcon from '@mui/icons-material/TravelExplore';
import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import type { LatLngTuple } from 'leaflet';
import type { GeocodeMatch, GeocodePrecision } from '../../../../shared/contract';
import { useApi } from '../../api/context';
import { MapView } from '../map/MapView';
import { MovablePin } from '../map/MovablePin';
import { usePinPlacement } from '../map/usePinPlacement';
import { tileLayerOf, useBusiness } from '../settings/business';
import { recordKeys, type RecordDoc } from '../records/recordApi';

/** The middle of the contiguous United States, when neither client nor business has a position. */
const FALLBACK_CENTER: LatLngTuple = [39.83, -98.58];

const ZOOM = { client: 15, business: 12, fallback: 4 };

/** How exact a match is, in the dispatcher's words. */
export const precisionWords: Record<GeocodePrecision, string> = {
  address: 'Exact address',
  street: 'Street only — the house number was not found',
  postcode: 'ZIP code area only',
  city: 'City only',
  region: 'Region only',
};

function positionOf(client: RecordDoc): LatLngTuple | null {
  const { latitude, longitude } = client;
  return typeof latitude === 'number' && typeof longitude === 'number'
    ? [latitude, longitude]
    : null;
}

export function ClientMapPin({ client }: { client: RecordDoc }) {
  const api = useApi();
  const id = String(client.client_id);
  const name = `${String(client.first_name)} ${String(client.last_name)}`;
  const business = useBusiness();
  const tiles = business.isPending ? null : tileLayerOf(business.data?.config);
  const {
    moving,
    setMoving,
    match,
    dropped,
    find: geocode,
    place: setLocation,
  } = usePinPlacement({
    area: 'clients',
    id,
    alsoChanged: [recordKeys.list('clients')],
    find: () => api.clients.geocode({ id, version: client.version }),
    recordOf: (found) => found.client as RecordDoc,
    place: ([latitude, longitude]) =>
      api.clients.setLocation({ id, version: client.version, latitude, longitude }),
  });

  const stored = positionOf(client);
  const businessAt = business.data?.location?.coordinates;
  const start: LatLngTuple = businessAt ? [businessAt[1], businessAt[0]] : FALLBACK_CENTER;
  const pin = dropped ?? stored ?? (moving ? start : null);
  // The map follows the saved position, not the pin being dropped, so it holds still under a drag.
  const center = stored ?? start;
  const zoom = stored ? ZOOM.client : businessAt ? ZOOM.business : ZOOM.fallback;
  const deleted = Boolean(client.deleted_at);
  const busy = geocode.isPending || setLocation.isPending;

  return (
    <Stack spacing={1} sx={{ width: 280 }} data-testid="client-map-pin">
      <MapView
        center={center}
        zoom={zoom}
        height={200}
        label={`Map of ${name}'s location`}
        tileUrl={tiles?.tileUrl ?? null}
        attribution={tiles?.attribution}
      >
        {pin && (
          <MovablePin
            at={pin}
            label={`${name}'s location`}
            movableLabel={`${name}'s pin: drag it to the right place, or move it with the arrow keys and press Enter`}
            movable={moving && !busy}
            onDrop={(at) => setLocation.mutate(at)}
          />
        )}
      </MapView>
      {!deleted && (
        <Stack direction="row" spacing={1}>
          <Button
            size="small"
            variant="outlined"
            disabled={busy}
            startIcon={geocode.isPending ? <CircularProgress size={16} /> : <SearchIcon />}
            onClick={() => geocode.mutate()}
          >
            {geocode.isPending ? 'Finding…' : 'Find on map'}
          </Button>
          <Button
            size="small"
            variant={moving ? 'contained' : 'text'}
            startIcon={<PlaceIcon />}
            disabled={busy}
            aria-pressed={moving}
            onClick={() => setMoving((on) => !on)}
          >
            Move pin
          </Button>
        </Stack>
      )}
      <Box aria-live="polite">
        <PinStatus
          stored={stored !== null}
          moving={moving}
          match={match}
          geocodeError={geocode.error}
          saving={setLocation.isPending}
          locationSaved={setLocation.isSuccess}
          saveError={setLocation.error}
        />
      </Box>
    </Stack>
  );
}

function PinStatus(props: {
  stored: boolean;
  moving: boolean;
  match: GeocodeMatch | null;
  geocodeError: Error | null;
  saving: boolean;
  locationSaved: boolean;
  saveError: Error | null;
}) {
  const hint = props.moving && (
    <Typography variant="caption" component="p" color="text.secondary">
      Drag the pin to the right place; it is saved where you drop it.
    </Typography>
  );
  if (props.saving) {
    return (
      <Typography variant="caption" component="p">
        Saving the location…
      </Typography>
    );
  }
  if (props.saveError) {
    return (
      <>
        <Alert severity="error">Could not save the location: {props.saveError.message}</Alert>
        {hint}
      </>
    );
  }
  if (props.geocodeError) {
    return (
      <>
        <Alert severity="warning">{props.geocodeError.message}</Alert>
        {hint}
      </>
    );
  }
  if (props.locationSaved) return <Alert severity="success">Location saved</Alert>;
  if (props.match) {
    return (
      <Typography variant="caption" component="p" data-testid="geocode-match">
        <strong>{precisionWords[props.match.precision]}:</strong> {props.match.display_name}
        {props.match.precision !== 'address' && ' — drag the pin if it is not in the right place.'}
      </Typography>
    );
  }
  if (hint) return hint;
  return props.stored ? null : (
    <Typography variant="caption" component="p" color="text.secondary">
      Not on the map yet: find the address, or move the pin by hand.
    </Typography>
  );
}
