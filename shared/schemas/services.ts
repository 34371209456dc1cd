// services: the kinds of job a business offers, with default duration, price and required equipment.
import { z } from 'zod';
import { currencySchema, documentFields, moneySchema } from './common';
import { idOf } from './ids';
import { verticalSchema } from './businesses';

export const serviceCategorySchema = z.enum([
  'maintenance',
  'specialty',
  'consultation',
  'repair',
  'installation',
]);
export type ServiceCategory = z.infer<typeof serviceCategorySchema>;

export const serviceObject = z.strictObject({
  ...documentFields,
  service_id: idOf('svc'),
  business_id: idOf('bus'),
  vertical: verticalSchema,
  name: z.string().trim().min(1),
  description: z.string().nullable().default(null),
  category: serviceCategorySchema,
  default_duration_minutes: z.int().min(5).max(1440),
  default_price: moneySchema,
  currency: currencySchema,
  requires_equipment_ids: z.array(idOf('eq')).default([]),
  minimum_staff_count: z.int().min(1).default(1),
  can_have_multiple_crews: z.boolean().default(true),
  is_active: z.boolean().default(true),
  sort_order: z.int().default(0),
});

export const serviceSchema = serviceObject;
export type Service = z.infer<typeof serviceSchema>;
export type ServiceInput = z.input<typeof serviceSchema>;
