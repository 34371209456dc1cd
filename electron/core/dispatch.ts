// The one entry point for every channel: validate, check access, run the handler, return a Result.
import { nanoid } from 'nanoid';
import type { z } from 'zod';
import {
  contract,
  isChannel,
  type Channel,
  type Output,
  type ParsedInput,
  type Result,
} from '../../shared/contract';
import { can } from '../../shared/auth/permissions';
import { AppError } from './errors';
import type { HandlerContext, Session } from './context';
import type { Clock, Logger } from './ports';

export type Handler<C extends Channel> = (
  ctx: HandlerContext,
  input: ParsedInput<C>,
) => Promise<Output<C>> | Output<C>;

/** One handler per channel; the type makes a missing handler a compile error. */
export type Handlers = { [C in Channel]: Handler<C> };

/** Who is calling: filled in by the transport (IPC or WebSocket), never by the caller's input. */
export interface CallOrigin {
  session: Session | null;
  origin: HandlerContext['origin'];
  signal?: AbortSignal;
  /** Lets sign-in/out change the connection's session; transports without sessions leave it out. */
  setSession?: (session: Session | null) => void;
}

export type Dispatch = (
  call: CallOrigin,
  channel: unknown,
  input: unknown,
) => Promise<Result<unknown>>;

export interface DispatchOptions {
  handlers: Handlers;
  logger: Logger;
  clock: Clock;
  /** Check handler output against the contract too (development and tests). */
  validateOutput: boolean;
  /** Turns a known kind of failure (e.g. the database unreachable) into an expected error value. */
  translateError?: (err: unknown) => AppError | undefined;
  /** Whether a signed-in session is still good (user not deactivated or removed since sign-in). */
  sessionValid?: (session: Session) => Promise<boolean>;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]) {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function createDispatch({
  handlers,
  logger,
  clock,
  validateOutput,
  sessionValid,
  translateError,
}: DispatchOptions): Dispatch {
  return async (call, channel, rawInput) => {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return {
        ok: false,
        error: {
          kind: 'validation',
          message: `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`,
        },
      };
    }
    const def = contract[channel];
    if (def.access === 'session' && !call.session) {
      return { ok: false, error: { kind: 'unauthenticated', message: 'Please sign in first.' } };
    }
    if (
      def.access === 'session' &&
      call.session &&
      sessionValid &&
      !(await sessionValid(call.session))
    ) {
      call.setSession?.(null);
      return {
        ok: false,
        error: {
          kind: 'unauthenticated',
          message:
            'Your account was deactivated or removed since you signed in. Please sign in again.',
        },
      };
    }
    if (def.permission && call.session && !can(call.session.role, def.permission)) {
      return {
        ok: false,
        error: {
          kind: 'forbidden',
          message: `Your role (${call.session.role}) does not allow this. Ask the business owner for access.`,
          details: { permission: def.permission },
        },
      };
    }
    const parsed = def.input.safeParse(rawInput);
    if (!parsed.success) {
      const details = formatIssues(parsed.error.issues);
      const first = details[0];
      const where = first?.path ? `${first.path}: ` : '';
      return {
        ok: false,
        error: {
          kind: 'validation',
          message: `Invalid input for ${channel} — ${where}${first?.message ?? 'rejected'}.`,
          details,
        },
      };
    }
    const ctx: HandlerContext = {
      session: call.session,
      origin: call.origin,
      logger,
      clock,
      signal: call.signal ?? new AbortController().signal,
      setSession: call.setSession ?? (() => undefined),
    };
    try {
      const handler = handlers[channel] as Handler<Channel>;
      const value = await handler(ctx, parsed.data as ParsedInput<Channel>);
      if (validateOutput) {
        const checked = def.output.safeParse(value);
        if (!checked.success) {
          throw new Error(
            `Handler for ${channel} returned output that breaks the contract: ${JSON.stringify(formatIssues(checked.error.issues))}`,
          );
        }
      }
      return { ok: true, value };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toValue() };
      const known = translateError?.(err);
      if (known) return { ok: false, error: known.toValue() };
      const id = nanoid(10);
      logger.log('error', 'Handler failed', {
        id,
        channel,
        error: err instanceof Error ? err.message : String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
      return {
        ok: false,
        error: {
          kind: 'internal',
          message: `Something went wrong on our side. The details were logged under id ${id}.`,
          id,
        },
      };
    }
  };
}
