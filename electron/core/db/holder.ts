// Access to the database for handlers: there once start-up connected, a clear refusal before that.
import { UnavailableError } from '../errors';
import type { Database } from './connection';

export class DatabaseHolder {
  private current: Database | undefined;
  private failure: string | undefined;

  get(): Database {
    if (this.current) return this.current;
    throw new UnavailableError(
      this.failure
        ? `The database is not available: ${this.failure}. Check Settings → Database, then restart the app.`
        : 'The database is still starting. Try again in a moment.',
    );
  }

  get failureReason(): string | undefined {
    return this.failure;
  }

  get connected(): boolean {
    return this.current !== undefined;
  }

  set(database: Database): void {
    this.current = database;
    this.failure = undefined;
  }

  fail(reason: string): void {
    this.failure = reason;
  }

  async close(): Promise<void> {
    const db = this.current;
    this.current = undefined;
    await db?.close();
  }
}
