// equipment: mowers, trucks, tools and vehicles, with their assignment and maintenance history.
import { z } from 'zod';
import { calendarDateSchema, documentFields, moneySchema } from './common';
import { idOf } from './ids';

export const equipmentCategorySchema = z.enum([
  'mower',
  'edger',
  'blower',
  'trimmer',
  'aerator',
  'spreader',
  'sprayer',
  'truck',
  'van',
  'trailer',
  'ladder',
  'hvac_tool',
  'plumbing_tool',
  'cleaning_tool',
  'tool',
  'other',
]);
export type EquipmentCategory = z.infer<typeof equipmentCategorySchema>;

export const equipmentStatusSchema = z.enum(['active', 'maintenance', 'retired']);
export type EquipmentStatus = z.infer<typeof equipmentStatusSchema>;

export const maintenanceNoteSchema = z.strictObject({
  /** Calendar date of the work (00:00 UTC). */
  date: calendarDateSchema,
  /** snake_case kind of work, e.g. 'oil_change', 'blade_sharpening'. */
  type: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, { error: "Expected a snake_case type such as 'oil_change'" }),
  notes: z.string(),
  cost: moneySchema,
  /** The machine's hour meter when the work was done; absent when nobody read it. */
  hours: z.number().nonnegative().optional(),
});
export type MaintenanceNote = z.infer<typeof maintenanceNoteSchema>;

export const equipmentObject = z.strictObject({
  ...documentFields,
  equipment_id: idOf('eq'),
  business_id: idOf('bus'),
  name: z.string().trim().min(1),
  category: equipmentCategorySchema,
  subcategory: z.string().nullable().default(null),
  serial_number: z.string().nullable().default(null),
  purchase_date: calendarDateSchema.nullable().default(null),
  purchase_price: moneySchema.nullable().default(null),
  status: equipmentStatusSchema.default('active'),
  assigned_staff_ids: z.array(idOf('stf')).default([]),
  maintenance_due_date: calendarDateSchema.nullable().default(null),
  last_maintenance_date: calendarDateSchema.nullable().default(null),
  maintenance_notes: z.array(maintenanceNoteSchema).default([]),
  total_maintenance_cost: moneySchema.default(0),
  hours_used: z.number().nonnegative().default(0),
  notes: z.string().nullable().default(null),
  is_active: z.boolean().default(true),
});

export const equipmentSchema = equipmentObject;
export type Equipment = z.infer<typeof equipmentSchema>;
export type EquipmentInput = z.input<typeof equipmentSchema>;
