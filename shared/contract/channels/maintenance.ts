// equipment.addMaintenance/updateMaintenance/removeMaintenance: one entry of an item's maintenance
// log at a time, so the core keeps the last service date and the total cost true to the log.
import { z } from 'zod';
import { calendarDateSchema, moneySchema } from '../../schemas/common';
import { equipmentSchema, maintenanceNoteSchema } from '../../schemas/equipment';
import { idOf } from '../../schemas/ids';
import { channel } from '../define';

/** One entry as the user writes it; `hours` null when the meter was not read. */
export const maintenanceEntryInputSchema = z.strictObject({
  date: calendarDateSchema,
  type: maintenanceNoteSchema.shape.type,
  notes: z.string().trim().max(2000).default(''),
  cost: moneySchema.max(1_000_000, { error: 'Amount must be at most 1,000,000' }),
  hours: z
    .number()
    .nonnegative({ error: 'Hours must not be negative' })
    .max(1_000_000, { error: 'Hours must be at most 1,000,000' })
    .nullable()
    .default(null),
});
export type MaintenanceEntryInput = z.input<typeof maintenanceEntryInputSchema>;

const versioned = { id: idOf('eq'), version: z.int().min(1) };
/** The entry's position in the stored log; safe because the version pins the log it points into. */
const index = z.int().min(0);

export const maintenanceChannels = {
  'equipment.addMaintenance': channel({
    summary:
      "Adds an entry to the item's maintenance log, if nobody changed the item since `version`.",
    access: 'session',
    permission: 'records.edit',
    input: z.strictObject({ ...versioned, entry: maintenanceEntryInputSchema }),
    output: equipmentSchema,
  }),
  'equipment.updateMaintenance': channel({
    summary: 'Corrects the log entry at `index`, if nobody changed the item since `version`.',
    access: 'session',
    permission: 'records.edit',
    input: z.strictObject({ ...versioned, index, entry: maintenanceEntryInputSchema }),
    output: equipmentSchema,
  }),
  'equipment.removeMaintenance': channel({
    summary: 'Removes the log entry at `index`, if nobody changed the item since `version`.',
    access: 'session',
    permission: 'records.edit',
    input: z.strictObject({ ...versioned, index }),
    output: equipmentSchema,
  }),
};
