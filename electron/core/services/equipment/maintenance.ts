// equipment.addMaintenance/updateMaintenance/removeMaintenance: edits of one maintenance log entry,
// saved through the equipment repository so the version check, validation and audit entry are the
// same as any equipment edit; the last service date follows the log here, the total cost in the
// repository's normalizer.
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { Doc } from '../../db/repository';
import type { Handler, Handlers } from '../../dispatch';
import { AppError } from '../../errors';
import type { Clock } from '../../ports';
import type { MaintenanceEntryInput } from '../../../../shared/contract';
import type { MaintenanceNote } from '../../../../shared/schemas/equipment';
import { specFor } from '../records/handlers';
import { tenantRepository } from '../tenant';

export interface MaintenanceDeps {
  database: DatabaseHolder;
  clock: Clock;
}

type Entry = Required<Omit<MaintenanceEntryInput, 'hours'>> & { hours: number | null };

/** The stored form: no `hours` key when the meter was not read. */
function noteOf(entry: Entry): MaintenanceNote {
  const note: MaintenanceNote = {
    date: entry.date,
    type: entry.type,
    notes: entry.notes,
    cost: entry.cost,
  };
  if (entry.hours !== null) note.hours = entry.hours;
  return note;
}

const describe = (note: MaintenanceNote) =>
  `${note.type.replace(/_/g, ' ')} on ${note.date.toISOString().slice(0, 10)}`;

/** The latest date in the log, or null for an empty log. */
function lastDateOf(log: MaintenanceNote[]): Date | null {
  const times = log.map((note) => note.date.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

export function createMaintenanceHandlers(
  deps: MaintenanceDeps,
): Pick<
  Handlers,
  'equipment.addMaintenance' | 'equipment.updateMaintenance' | 'equipment.removeMaintenance'
> {
  const spec = specFor('equipment');

  /** Applies `edit` to the log of the item at `version`; `index` is checked against that log. */
  async function save(
    ctx: HandlerContext,
    input: { id: string; version: number; index?: number },
    edit: (log: MaintenanceNote[]) => { log: MaintenanceNote[]; note: string },
  ): Promise<Doc> {
    const repo = tenantRepository(deps, ctx, spec);
    const current = await repo.get(input.id);
    // A stale index points into a log the user never saw: refuse as a conflict (the repository's
    // own refusal, naming who changed it) before looking at the index.
    if (current.version !== input.version) return repo.update(input.id, input.version, {});
    const log = (current.maintenance_notes as MaintenanceNote[] | undefined) ?? [];
    if (input.index !== undefined && input.index >= log.length) {
      throw new AppError(
        'validation',
        'This maintenance entry is no longer in the log; reload the item and try again.',
        [{ path: 'index', message: `No entry at position ${input.index}` }],
      );
    }
    const next = edit(log);
    return repo.update(
      input.id,
      input.version,
      { maintenance_notes: next.log, last_maintenance_date: lastDateOf(next.log) },
      { note: next.note },
    );
  }

  const add: Handler<'equipment.addMaintenance'> = (ctx, input) =>
    save(ctx, input, (log) => {
      const note = noteOf(input.entry);
      return { log: [...log, note], note: `maintenance entry added: ${describe(note)}` };
    }) as never;

  const update: Handler<'equipment.updateMaintenance'> = (ctx, input) =>
    save(ctx, input, (log) => {
      const note = noteOf(input.entry);
      return {
        log: log.map((old, i) => (i === input.index ? note : old)),
        note: `maintenance entry corrected: ${describe(note)}`,
      };
    }) as never;

  const remove: Handler<'equipment.removeMaintenance'> = (ctx, input) =>
    save(ctx, input, (log) => ({
      log: log.filter((_old, i) => i !== input.index),
      note: `maintenance entry removed: ${describe(log[input.index] as MaintenanceNote)}`,
    })) as never;

  return {
    'equipment.addMaintenance': add,
    'equipment.updateMaintenance': update,
    'equipment.removeMaintenance': remove,
  };
}
