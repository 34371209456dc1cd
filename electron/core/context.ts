// What every handler receives besides its input: who is asking, and the tools to answer.
import type { Clock, Logger } from './ports';

import type { Role } from '../../shared/auth/permissions';

export type { Role };

export interface Session {
  user_id: string;
  business_id: string;
  role: Role;
  name: string;
  /** Token that resumes this sign-in on another connection; revoked on sign-out. */
  resume_token?: string;
}

export interface HandlerContext {
  session: Session | null;
  /** Where the call came from; used in logs and audit entries. */
  origin: 'ipc' | 'ws' | 'test';
  logger: Logger;
  clock: Clock;
  signal: AbortSignal;
  /** Signs this connection (window or browser tab) in or out; set by the transport. */
  setSession(session: Session | null): void;
}
