// Data-folder lock file holding the owner's PID, so two servers never write one folder.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock (or a stale one left by a dead process) and returns its release function. */
export function acquireLock(dbPath: string): () => void {
  const file = join(dbPath, 'mongod.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      heldHere.add(file);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(file);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      const ours = pid === process.pid;
      if (
        Number.isInteger(pid) &&
        pid > 0 &&
        ((ours && heldHere.has(file)) || (!ours && alive(pid)))
      ) {
        throw new Error(
          `Another ServicePro database server (pid ${pid}) is already using ${dbPath}; close it first.`,
          { cause: error },
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dbPath}.`);
}
