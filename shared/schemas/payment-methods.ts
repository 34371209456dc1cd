// payment_methods (Phase 2): cards and bank accounts on file, as tokens held by the payment processor.
import { z } from 'zod';
import { documentFields, whenFieldsValid } from './common';
import { idOf } from './ids';
import { paymentMethodTypeSchema, paymentProcessorSchema } from './businesses';

export const paymentMethodObject = z.strictObject({
  ...documentFields,
  payment_method_id: idOf('pm'),
  business_id: idOf('bus'),
  /** Null for the business's own card. */
  client_id: idOf('cli').nullable().default(null),
  type: paymentMethodTypeSchema,
  processor: paymentProcessorSchema,
  /** The processor's token for this method; no card or account number is ever stored. */
  processor_id: z.string().min(1),
  last_four: z.string().regex(/^\d{4}$/, { error: 'last_four must be 4 digits' }),
  brand: z.string().min(1).nullable().default(null),
  expiry_month: z.int().min(1).max(12).nullable().default(null),
  expiry_year: z.int().min(2000).max(2100).nullable().default(null),
  is_default: z.boolean().default(false),
  is_active: z.boolean().default(true),
});

export const paymentMethodSchema = paymentMethodObject.superRefine((pm, ctx) => {
  if (pm.type === 'credit_card' && (pm.expiry_month === null || pm.expiry_year === null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['expiry_month'],
      message: 'A credit card needs expiry_month and expiry_year',
    });
  }
}, whenFieldsValid);
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export type PaymentMethodInput = z.input<typeof paymentMethodSchema>;
