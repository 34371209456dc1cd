// The seed's own example documents parse, keep their values, and get the documented defaults.
import { describe, expect, it } from 'vitest';
import {
  appointmentSchema,
  availabilitySchema,
  businessSchema,
  clientSchema,
  equipmentSchema,
  notificationSchema,
  paymentMethodSchema,
  serviceSchema,
  staffSchema,
  userSchema,
  voiceSessionSchema,
  weatherCacheSchema,
} from '../../../shared/schemas';
import {
  seedAppointment,
  seedAvailability,
  seedBusiness,
  seedClient,
  seedEquipment,
  seedNotification,
  seedPaymentMethod,
  seedService,
  seedStaff,
  seedUser,
  seedVoiceSession,
  seedWeatherCache,
} from './fixtures';

const examples = [
  ['users', userSchema, seedUser],
  ['businesses', businessSchema, seedBusiness],
  ['clients', clientSchema, seedClient],
  ['services', serviceSchema, seedService],
  ['staff', staffSchema, seedStaff],
  ['equipment', equipmentSchema, seedEquipment],
  ['appointments', appointmentSchema, seedAppointment],
  ['availability', availabilitySchema, seedAvailability],
  ['weather_cache', weatherCacheSchema, seedWeatherCache],
  ['notifications', notificationSchema, seedNotification],
  ['voice_sessions', voiceSessionSchema, seedVoiceSession],
  ['payment_methods', paymentMethodSchema, seedPaymentMethod],
] as const;

describe('seed example documents', () => {
  it.each(examples)('%s parses and keeps every field it was given', (_name, schema, make) => {
    const input = make();
    const result = schema.safeParse(input);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.data).toMatchObject(input);
  });

  it('fills what the seed leaves out of the log-like collections', () => {
    const availability = availabilitySchema.parse(seedAvailability());
    expect(availability).toMatchObject({
      version: 1,
      deleted_at: null,
      start_time: null,
      end_time: null,
    });
    const notification = notificationSchema.parse(seedNotification());
    expect(notification.version).toBe(1);
    expect(notification.deleted_at).toBeNull();
  });

  it('keeps the MongoDB _id and the appointment audit diff', () => {
    const user = userSchema.parse(seedUser());
    expect(user._id?.toHexString()).toBe('65a5a0b0c0d0e0f001020304');
    const appointment = appointmentSchema.parse(seedAppointment());
    expect(appointment.audit_log[1]?.changes).toEqual({
      assigned_staff_ids: { before: [], after: ['stf_marcus01'] },
    });
  });

  it("refuses the seed's shorthand audit change that lacks before/after", () => {
    const appointment = seedAppointment();
    const result = appointmentSchema.safeParse({
      ...appointment,
      audit_log: [
        { ...appointment.audit_log[0], changes: { assigned_staff_ids: ['stf_marcus01'] } },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([
      'audit_log',
      0,
      'changes',
      'assigned_staff_ids',
    ]);
  });
});
