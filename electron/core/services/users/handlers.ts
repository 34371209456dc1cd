// users.*: owners and admins manage who signs in to their business.
import { publicUserSchema, userSchema } from '../../../../shared/schemas/users';
import { newId } from '../../../../shared/schemas/ids';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { CollectionSpec, Doc } from '../../db/repository';
import { tenantRepository } from '../tenant';
import type { Handlers } from '../../dispatch';
import { ForbiddenError } from '../../errors';
import type { Clock } from '../../ports';
import { hashPassword } from '../auth/passwords';

export interface UsersDeps {
  database: DatabaseHolder;
  clock: Clock;
}

const usersSpec: CollectionSpec = {
  name: 'users',
  idField: 'user_id',
  label: 'user',
  schema: userSchema as unknown as CollectionSpec['schema'],
  softDelete: true,
  newId: () => newId('usr'),
  secretFields: ['password_hash'],
};

const toPublic = (doc: Doc) => publicUserSchema.parse(doc);

export function createUsersHandlers(
  deps: UsersDeps,
): Pick<Handlers, 'users.list' | 'users.create' | 'users.update' | 'users.resetPassword'> {
  const repo = (ctx: HandlerContext) => tenantRepository(deps, ctx, usersSpec);
  const grantsAdmin = (ctx: HandlerContext, role: string | undefined) => {
    if (role === 'admin' && ctx.session?.role !== 'admin') {
      throw new ForbiddenError('Only a system administrator can make someone an administrator.');
    }
  };

  return {
    'users.list': async (ctx, input) => {
      const filter = input?.includeInactive === false ? { is_active: true } : {};
      const users = await repo(ctx).find(filter, { sort: { last_name: 1, first_name: 1 } });
      return users.map(toPublic);
    },

    'users.create': async (ctx, { data }) => {
      grantsAdmin(ctx, data.role);
      const { password, ...profile } = data;
      const created = await repo(ctx).create({
        ...profile,
        password_hash: await hashPassword(password),
        is_active: true,
      });
      return toPublic(created);
    },

    'users.update': async (ctx, { id, version, changes }) => {
      grantsAdmin(ctx, changes.role);
      const r = repo(ctx);
      const current = await r.get(id);
      const demotes = changes.role !== undefined && changes.role !== current.role;
      const deactivates = changes.is_active === false && current.is_active === true;
      if (id === ctx.session?.user_id && (demotes || deactivates)) {
        throw new ForbiddenError(
          'You cannot change your own role or deactivate yourself. Ask another owner.',
        );
      }
      if (current.role === 'owner' && (demotes || deactivates)) {
        const owners = await r.count({ role: 'owner', is_active: true });
        if (owners <= 1) {
          throw new ForbiddenError(
            'A business needs at least one active owner. Make someone else owner first.',
          );
        }
      }
      return toPublic(await r.update(id, version, changes));
    },

    'users.resetPassword': async (ctx, { id, version, password }) => {
      const updated = await repo(ctx).update(
        id,
        version,
        { password_hash: await hashPassword(password) },
        { action: 'password_reset' },
      );
      return toPublic(updated);
    },
  };
}
