// What every command handler receives: the engine, cursors, change streams and the connection state.
import { type Document } from 'bson';
import { type Conversation, type ScramServer } from './auth/scram';
import { type ChangeStreamHub } from './changestreams';
import { type CursorManager } from './cursors';
import { type Engine } from './engine';

export interface ConnectionState {
  id: number;
  authenticated: boolean;
  conversations: Map<number, Conversation>;
}

export interface ServerState {
  engine: Engine;
  cursors: CursorManager;
  hub: ChangeStreamHub;
  scram?: ScramServer;
  /** The data folder, when the server persists one (backups are written beside it). */
  dbPath?: string;
  startedAt: number;
  address: () => string;
}

export interface CommandContext {
  server: ServerState;
  conn: ConnectionState;
  db: string;
}

export type Handler = (cmd: Document, ctx: CommandContext) => Document | Promise<Document>;
