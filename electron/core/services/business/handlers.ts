// business.get/update and the read-only logs (notifications, calls) of the signed-in business.
import type { Filter } from 'mongodb';
import { businessSchema } from '../../../../shared/schemas/businesses';
import { newId } from '../../../../shared/schemas/ids';
import { notificationSchema } from '../../../../shared/schemas/notifications';
import { voiceSessionSchema } from '../../../../shared/schemas/voice-sessions';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import { type TenantRepository, type CollectionSpec, type Doc } from '../../db/repository';
import { tenantRepository } from '../tenant';
import type { Handlers } from '../../dispatch';
import type { Clock } from '../../ports';

export interface BusinessDeps {
  database: DatabaseHolder;
  clock: Clock;
}

const spec = (
  name: string,
  idField: string,
  label: string,
  schema: unknown,
  softDelete: boolean,
  prefix: Parameters<typeof newId>[0],
): CollectionSpec => ({
  name,
  idField,
  label,
  schema: schema as CollectionSpec['schema'],
  softDelete,
  newId: () => newId(prefix),
});

export const businessSpec = spec(
  'businesses',
  'business_id',
  'business',
  businessSchema,
  true,
  'bus',
);
const notificationSpec = spec(
  'notifications',
  'notification_id',
  'message',
  notificationSchema,
  false,
  'ntf',
);
const callSpec = spec(
  'voice_sessions',
  'voice_session_id',
  'call',
  voiceSessionSchema,
  false,
  'vcs',
);

/** Equality filters from the optional fields that were given. */
const equalities = (fields: Record<string, unknown>): Filter<Doc> =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

export function createBusinessHandlers(
  deps: BusinessDeps,
): Pick<Handlers, 'business.get' | 'business.update' | 'notifications.list' | 'calls.list'> {
  const repo = (ctx: HandlerContext, s: CollectionSpec) => tenantRepository(deps, ctx, s);
  const page = async (
    r: TenantRepository,
    filter: Filter<Doc>,
    sort: Record<string, 1 | -1>,
    limit: number,
    offset: number,
  ) => {
    const [items, total] = await Promise.all([
      r.find(filter, { sort, limit, skip: offset }),
      r.count(filter),
    ]);
    return { items, total } as never;
  };

  return {
    'business.get': (ctx) => repo(ctx, businessSpec).get(ctx.session?.business_id ?? '') as never,
    'business.update': async (ctx, { version, changes }) => {
      const r = repo(ctx, businessSpec);
      const id = ctx.session?.business_id ?? '';
      const { config, ...profile } = changes;
      const patch: Doc = { ...profile };
      if (config) patch.config = { ...((await r.get(id)).config as Doc), ...config };
      return (await r.update(id, version, patch)) as never;
    },
    'notifications.list': (ctx, { limit, offset, ...fields }) =>
      page(repo(ctx, notificationSpec), equalities(fields), { created_at: -1 }, limit, offset),
    'calls.list': (ctx, { limit, offset, ...fields }) =>
      page(repo(ctx, callSpec), equalities(fields), { start_time: -1 }, limit, offset),
  };
}
