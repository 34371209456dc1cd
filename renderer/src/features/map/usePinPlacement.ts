// Placing a record on the map (a client's location, a crew's route start): find its address, or
// drag the pin there when the address is not found closely enough. Both save with the record's
// version; a refusal (edited elsewhere meanwhile) shows the latest record to try again on.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { LatLngTuple } from 'leaflet';
import { useState } from 'react';
import type { GeocodeMatch } from '../../../../shared/contract';
import { recordKeys, type RecordDoc, type RecordAreaName } from '../records/recordApi';

export interface PinPlacementOptions<Found extends { match: GeocodeMatch }> {
  area: RecordAreaName;
  id: string;
  /** Other queries a saved record changes (the area's lists, the map's days). */
  alsoChanged: QueryKey[];
  /** Looks the address up and saves what it found. */
  find: () => Promise<Found>;
  /** The saved record in what `find` answered. */
  recordOf: (found: Found) => RecordDoc;
  /** Saves the pin where it was dropped. */
  place: (at: LatLngTuple) => Promise<unknown>;
  /** A find or a placement starts: clear the outcome of other actions on the same record. */
  onStart?: () => void;
}

export function usePinPlacement<Found extends { match: GeocodeMatch }>(
  options: PinPlacementOptions<Found>,
) {
  const { area, id } = options;
  const queryClient = useQueryClient();
  /** The pin can be dragged (the address was not found closely enough, or the user asked). */
  const [moving, setMoving] = useState(false);
  const [match, setMatch] = useState<GeocodeMatch | null>(null);
  /** Where the pin was dropped, shown until the save answers. */
  const [dropped, setDropped] = useState<LatLngTuple | null>(null);

  const saved = async (next: RecordDoc) => {
    queryClient.setQueryData(recordKeys.get(area, id), next);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: recordKeys.get(area, id) }),
      queryClient.invalidateQueries({ queryKey: recordKeys.history(area, id) }),
      ...options.alsoChanged.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    ]);
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: recordKeys.get(area, id) });

  const find = useMutation({
    mutationFn: options.find,
    onMutate: () => {
      setMatch(null);
      setDropped(null);
      place.reset();
      options.onStart?.();
    },
    onSuccess: async (found) => {
      setMatch(found.match);
      // Short of the house itself, the pin is only near the place: let it be dragged closer.
      setMoving(found.match.precision !== 'address');
      await saved(options.recordOf(found));
    },
    onError: async () => {
      setMoving(true);
      await refresh();
    },
  });

  const place = useMutation({
    mutationFn: options.place,
    onMutate: (at: LatLngTuple) => {
      setDropped(at);
      setMatch(null);
      find.reset();
      options.onStart?.();
    },
    onSuccess: async (next) => {
      setMoving(false);
      await saved(next as RecordDoc);
      setDropped(null);
    },
    onError: async () => {
      setDropped(null);
      await refresh();
    },
  });

  return { moving, setMoving, match, setMatch, dropped, find, place, saved, refresh };
}
