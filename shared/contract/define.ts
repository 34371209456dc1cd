// The shape of a channel declaration; every channel in the contract is built with `channel()`.
import type { z } from 'zod';
import type { Permission } from '../auth/permissions';

/** Who may call a channel: anyone connected, or only a signed-in session. */
export type Access = 'public' | 'session';

export interface ChannelDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One sentence for the README's channel list and for error messages. */
  readonly summary: string;
  readonly access: Access;
  /** Required of the signed-in user's role (session channels only); checked before the handler runs. */
  readonly permission?: Permission;
  readonly input: I;
  readonly output: O;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(
  def: ChannelDef<I, O>,
): ChannelDef<I, O> => def;
