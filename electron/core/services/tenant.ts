// The repository a handler uses: bound to the caller's business and user, never to its input.
import type { HandlerContext } from '../context';
import type { DatabaseHolder } from '../db/holder';
import { TenantRepository, type CollectionSpec } from '../db/repository';
import { AppError } from '../errors';
import type { Clock } from '../ports';

export interface TenantDeps {
  database: DatabaseHolder;
  clock: Clock;
}

export function tenantRepository(
  deps: TenantDeps,
  ctx: Pick<HandlerContext, 'session'>,
  spec: CollectionSpec,
): TenantRepository {
  if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
  return new TenantRepository(
    deps.database.get().db,
    spec,
    { business_id: ctx.session.business_id, user_id: ctx.session.user_id },
    deps.clock,
  );
}
