// auth.*: sign-in with rate limiting, sign-out, status, and business switching for admins.
import { rolePermissions, canSignIn } from '../../../../shared/auth/permissions';
import type { SessionInfo, SignedIn } from '../../../../shared/contract';
import type { HandlerContext, Session } from '../../context';
import { ResumeTokens } from './tokens';
import type { Db } from 'mongodb';
import { DEMO_PASSWORD, removeSample, seedDemo, seedSample } from '../../demo/seed';
import { AuthStore, type BusinessRecord, type UserRecord } from '../../db/auth-store';
import type { DatabaseHolder } from '../../db/holder';
import type { Handlers } from '../../dispatch';
import { AppError, ForbiddenError, NotFoundError } from '../../errors';
import type { Clock } from '../../ports';
import { AttemptLimiter } from './attempts';
import { hashPassword, verifyPassword } from './passwords';
import { businessSchema, type Business } from '../../../../shared/schemas/businesses';
import { newId } from '../../../../shared/schemas/ids';
import { userSchema } from '../../../../shared/schemas/users';

export interface AuthDeps {
  database: DatabaseHolder;
  clock: Clock;
  limiter?: AttemptLimiter;
  tokens?: ResumeTokens;
}

export function sessionInfo(user: UserRecord, business: BusinessRecord): SessionInfo {
  return {
    user: {
      user_id: user.user_id,
      email: user.email,
      first_name: user.first_name,
      last_name: user.last_name,
      role: user.role,
    },
    business: {
      business_id: business.business_id,
      name: business.name,
      timezone: business.timezone,
    },
    permissions: [...rolePermissions[user.role]],
  };
}

const toSession = (info: SessionInfo): Session => ({
  user_id: info.user.user_id,
  business_id: info.business.business_id,
  role: info.user.role,
  name: `${info.user.first_name} ${info.user.last_name}`.trim(),
});

/** The refusal when setup has been done (also when another window finished it first). */
const ALREADY_SET_UP = 'This app is already set up. Sign in instead, with your account.';

/**
 * Sample clients, staff and jobs in the business just created. The business and its owner are in
 * place whatever happens here: a failure removes what was written and is reported, not thrown.
 */
async function addSampleData(
  ctx: HandlerContext,
  business: Business,
  db: Db,
): Promise<{ added: boolean; message: string }> {
  const sample = {
    business_id: business.business_id,
    name: business.name,
    vertical: business.vertical,
    timezone: business.timezone,
    owner_id: business.owner_id,
    business_hours: business.config.business_hours,
  };
  try {
    const counts = await seedSample(db, { business: sample, now: ctx.clock.now() });
    ctx.logger.log('info', 'Sample data added', { business_id: business.business_id, counts });
    return {
      added: true,
      message: `Added ${counts.clients ?? 0} sample clients, ${counts.staff ?? 0} staff and ${counts.appointments ?? 0} jobs.`,
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    ctx.logger.log('error', 'Sample data could not be added', {
      business_id: business.business_id,
      reason,
    });
    await removeSample(db, business.business_id).catch(() => undefined);
    return {
      added: false,
      message: `Your business is ready, but the sample data could not be added (${reason}). Add your own clients and staff to start.`,
    };
  }
}

function minutes(ms: number): string {
  const m = Math.ceil(ms / 60_000);
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export function createAuthHandlers(
  deps: AuthDeps,
): Pick<
  Handlers,
  | 'auth.status'
  | 'auth.signIn'
  | 'auth.signOut'
  | 'auth.switchBusiness'
  | 'auth.createOwner'
  | 'auth.resume'
  | 'auth.loadDemo'
> {
  const limiter = deps.limiter ?? new AttemptLimiter(deps.clock);
  const tokens = deps.tokens ?? new ResumeTokens(deps.clock);

  /** Signs the connection in and hands back the token that resumes it elsewhere. */
  function signedIn(ctx: HandlerContext, info: SessionInfo): SignedIn {
    if (ctx.session?.resume_token) tokens.revoke(ctx.session.resume_token);
    const session = toSession(info);
    const resume_token = tokens.issue(session);
    ctx.setSession({ ...session, resume_token });
    return { ...info, resume_token };
  }
  const store = () => new AuthStore(deps.database.get().db);

  /** The session as stored now: a user deactivated or removed since sign-in loses it. */
  async function current(session: Session | null): Promise<SessionInfo | null> {
    if (!session) return null;
    const user = await store().getUser(session.user_id);
    const business = await store().getBusiness(session.business_id);
    if (!user || !user.is_active || !business) return null;
    return sessionInfo({ ...user, role: session.role }, business);
  }

  return {
    'auth.status': async (ctx) => {
      const session = await current(ctx.session);
      if (!session && ctx.session) ctx.setSession(null);
      return { session, needsSetup: !(await store().hasUsers()) };
    },

    'auth.signIn': async (ctx, { email, password }) => {
      const key = `email:${email.trim().toLowerCase()}`;
      const wait = limiter.retryAfterMs(key);
      if (wait > 0) {
        throw new AppError(
          'rate_limited',
          `Too many failed sign-ins for this email. Try again in ${minutes(wait)}.`,
          { retry_after_ms: wait },
        );
      }
      const user = await store().findUserByEmail(email);
      if (!(await verifyPassword(password, user?.password_hash)) || !user) {
        limiter.recordFailure(key);
        throw new AppError('unauthenticated', 'The email or password is incorrect.');
      }
      if (!user.is_active) {
        throw new ForbiddenError(
          'This account has been deactivated. Ask the business owner to reactivate it.',
        );
      }
      if (!canSignIn(user.role)) {
        throw new ForbiddenError('Client accounts cannot sign in to the dispatch app.');
      }
      const business = user.business_id
        ? await store().getBusiness(user.business_id)
        : await store().firstBusiness();
      if (!business) {
        throw new ForbiddenError(
          user.business_id
            ? 'The business of this account no longer exists.'
            : 'No business exists yet to work in.',
        );
      }
      limiter.recordSuccess(key);
      await store().recordSignIn(user.user_id, ctx.clock.now());
      ctx.logger.log('info', 'Signed in', {
        user_id: user.user_id,
        business_id: business.business_id,
      });
      return signedIn(ctx, sessionInfo(user, business));
    },

    'auth.createOwner': async (ctx, input) => {
      if (await store().hasUsers()) throw new ForbiddenError(ALREADY_SET_UP);
      const now = ctx.clock.now();
      const userId = newId('usr');
      const businessId = newId('bus');
      const created = (user_id: string) => [{ action: 'created', user_id, timestamp: now }];
      const system = { version: 1, created_at: now, updated_at: now, deleted_at: null };
      const { config, ...profile } = input.business;
      const business = businessSchema.parse({
        ...profile,
        config: config ?? {},
        ...system,
        business_id: businessId,
        owner_id: userId,
        audit_log: created(userId),
      });
      const owner = userSchema.parse({
        first_name: input.owner.first_name,
        last_name: input.owner.last_name,
        email: input.owner.email,
        phone: input.owner.phone ?? null,
        ...system,
        user_id: userId,
        business_id: businessId,
        role: 'owner',
        password_hash: await hashPassword(input.owner.password),
        audit_log: created(userId),
      });
      // Two windows finishing setup at once: the store lets exactly one of them write.
      if (!(await store().createFirstOwner(business, owner, now)))
        throw new ForbiddenError(ALREADY_SET_UP);
      ctx.logger.log('info', 'Owner account created', { user_id: userId, business_id: businessId });
      const sample = input.sample_data
        ? await addSampleData(ctx, business, deps.database.get().db)
        : undefined;
      return {
        ...signedIn(ctx, sessionInfo(owner as UserRecord, business)),
        ...(sample && { sample_data: sample }),
      };
    },

    'auth.loadDemo': async (ctx) => {
      // The same claim as creating the owner: the demo and a new business never both land.
      if (!(await store().claimSetup(ctx.clock.now()))) {
        throw new ForbiddenError('Demo data can only be loaded into an empty database.');
      }
      const { accounts } = await seedDemo(deps.database.get().db, {
        now: ctx.clock.now(),
        logger: ctx.logger,
      }).catch(async (err: unknown) => {
        await store().releaseSetup();
        throw err;
      });
      ctx.logger.log('info', 'Demo data loaded');
      return { password: DEMO_PASSWORD, accounts };
    },

    'auth.resume': async (ctx, { resume_token }) => {
      const session = tokens.lookup(resume_token);
      const info = await current(session);
      if (!session || !info) {
        tokens.revoke(resume_token);
        return null;
      }
      ctx.setSession({ ...session, resume_token });
      return info;
    },

    'auth.signOut': (ctx) => {
      if (ctx.session?.resume_token) tokens.revoke(ctx.session.resume_token);
      ctx.setSession(null);
      return { signedOut: true };
    },

    'auth.switchBusiness': async (ctx, { business_id }) => {
      const session = ctx.session;
      if (!session) throw new AppError('unauthenticated', 'Please sign in first.');
      const user = await store().getUser(session.user_id);
      const business = await store().getBusiness(business_id);
      if (!user) throw new AppError('unauthenticated', 'Please sign in again.');
      if (!business) throw new NotFoundError(`No business ${business_id} was found.`);
      const info = sessionInfo(user, business);
      const next = toSession(info);
      if (session.resume_token) tokens.replace(session.resume_token, next);
      ctx.setSession({ ...next, resume_token: session.resume_token });
      ctx.logger.log('info', 'Switched business', { user_id: user.user_id, business_id });
      return info;
    },
  };
}
