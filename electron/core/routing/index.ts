// Route optimization for one crew or a whole day (issue 7): the public API of electron/core/routing.
export {
  bruteForceCrew,
  nearestNeighbourCrew,
  optimizeCrew,
  optimizeDay,
  type CrewInput,
  type CrewProposal,
  type DayInput,
  type ProposedStop,
  type RouteProposal,
  type Travel,
} from './optimize';
export type { RouteCrew, RouteOptions, RouteStop } from './problem';
export { haversineKm, straightLineTravel, type LatLng, type TravelModel } from './travel';
