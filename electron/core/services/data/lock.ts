// One data move at a time: a copy to a server, a switch, an export or an import each refuse to start
// while another runs (a switch closes the database an import is writing to).
import { ConflictError } from '../../errors';

export class DataMoveLock {
  private running: string | null = null;

  /** What is running now, in words ("A copy to a server"), or null. */
  get current(): string | null {
    return this.running;
  }

  async run<T>(what: string, work: () => Promise<T>): Promise<T> {
    if (this.running) {
      throw new ConflictError(
        `${this.running} is running. Wait for it to finish, then try again.`,
        { running: this.running },
      );
    }
    this.running = what;
    try {
      return await work();
    } finally {
      this.running = null;
    }
  }
}
