// What every handler receives besides its input: who is asking, and the tools to answer.
import type { Clock, Logger } from './ports';

export type Role = 'owner' | 'admin' | 'staff' | 'customer';

export interface Session {
  user_id: string;
  business_id: string;
  role: Role;
  name: string;
}

export interface HandlerContext {
  session: Session | null;
  /** Where the call came from; used in logs and audit entries. */
  origin: 'ipc' | 'ws' | 'test';
  logger: Logger;
  clock: Clock;
  signal: AbortSignal;
}
