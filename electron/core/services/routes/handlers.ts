// routes.propose / routes.apply: the route optimizer (electron/core/routing) on the business's day, applied through the board's rules.
import type { DatabaseHolder } from '../../db/holder';
import type { Handlers } from '../../dispatch';
import type { Clock } from '../../ports';
import { applyRoutes } from './apply';
import { proposeRoutes } from './propose';

export interface RoutesDeps {
  database: DatabaseHolder;
  clock: Clock;
}

export function createRoutesHandlers(
  deps: RoutesDeps,
): Pick<Handlers, 'routes.propose' | 'routes.apply'> {
  return {
    'routes.propose': (ctx, input) => proposeRoutes(deps, ctx, input),
    // Live updates need nothing here: every write goes through the appointments collection,
    // whose change stream (board/live.ts) tells every board.
    'routes.apply': (ctx, input) => applyRoutes(deps, ctx, input),
  };
}
