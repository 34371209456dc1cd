// The data model: a zod schema per collection and the registry that names each collection's id and rules.
import type { z } from 'zod';
import { appointmentSchema } from './appointments';
import { availabilitySchema } from './availability';
import { businessSchema } from './businesses';
import { clientSchema } from './clients';
import { equipmentSchema } from './equipment';
import { ID_PREFIXES } from './ids';
import { notificationSchema } from './notifications';
import { paymentMethodSchema } from './payment-methods';
import { serviceSchema } from './services';
import { staffSchema } from './staff';
import { userSchema } from './users';
import { voiceSessionSchema } from './voice-sessions';
import { weatherCacheSchema } from './weather-cache';

export * from './appointments';
export * from './availability';
export * from './businesses';
export * from './clients';
export * from './common';
export * from './equipment';
export * from './ids';
export * from './notifications';
export * from './payment-methods';
export * from './services';
export * from './staff';
export * from './users';
export * from './voice-sessions';
export * from './weather-cache';

export interface CollectionDef<Name extends string, S extends z.ZodType> {
  readonly name: Name;
  /** The field holding the document's prefixed string id. */
  readonly idField: string;
  readonly idPrefix: (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];
  readonly schema: S;
  /**
   * True: deleting sets `deleted_at` and reads skip such documents. False: the collection is a
   * log or cache (entries expire or are kept as sent) and is never soft-deleted.
   */
  readonly softDelete: boolean;
}

const def = <Name extends string, S extends z.ZodType>(d: CollectionDef<Name, S>) => d;

/** Every collection of the data model, keyed by its MongoDB name. */
export const collections = {
  users: def({
    name: 'users',
    idField: 'user_id',
    idPrefix: ID_PREFIXES.users,
    schema: userSchema,
    softDelete: true,
  }),
  businesses: def({
    name: 'businesses',
    idField: 'business_id',
    idPrefix: ID_PREFIXES.businesses,
    schema: businessSchema,
    softDelete: true,
  }),
  clients: def({
    name: 'clients',
    idField: 'client_id',
    idPrefix: ID_PREFIXES.clients,
    schema: clientSchema,
    softDelete: true,
  }),
  services: def({
    name: 'services',
    idField: 'service_id',
    idPrefix: ID_PREFIXES.services,
    schema: serviceSchema,
    softDelete: true,
  }),
  staff: def({
    name: 'staff',
    idField: 'staff_id',
    idPrefix: ID_PREFIXES.staff,
    schema: staffSchema,
    softDelete: true,
  }),
  equipment: def({
    name: 'equipment',
    idField: 'equipment_id',
    idPrefix: ID_PREFIXES.equipment,
    schema: equipmentSchema,
    softDelete: true,
  }),
  appointments: def({
    name: 'appointments',
    idField: 'appointment_id',
    idPrefix: ID_PREFIXES.appointments,
    schema: appointmentSchema,
    softDelete: true,
  }),
  availability: def({
    name: 'availability',
    idField: 'availability_id',
    idPrefix: ID_PREFIXES.availability,
    schema: availabilitySchema,
    softDelete: true,
  }),
  weather_cache: def({
    name: 'weather_cache',
    idField: 'weather_cache_id',
    idPrefix: ID_PREFIXES.weather_cache,
    schema: weatherCacheSchema,
    softDelete: false,
  }),
  notifications: def({
    name: 'notifications',
    idField: 'notification_id',
    idPrefix: ID_PREFIXES.notifications,
    schema: notificationSchema,
    softDelete: false,
  }),
  voice_sessions: def({
    name: 'voice_sessions',
    idField: 'voice_session_id',
    idPrefix: ID_PREFIXES.voice_sessions,
    schema: voiceSessionSchema,
    softDelete: false,
  }),
  payment_methods: def({
    name: 'payment_methods',
    idField: 'payment_method_id',
    idPrefix: ID_PREFIXES.payment_methods,
    schema: paymentMethodSchema,
    softDelete: true,
  }),
} as const;

export type CollectionName = keyof typeof collections;
export const COLLECTION_NAMES = Object.keys(collections) as CollectionName[];

/** The stored (parsed) document type of a collection. */
export type DocumentOf<N extends CollectionName> = z.infer<(typeof collections)[N]['schema']>;
/** What may be given to a collection's schema (defaults not yet filled). */
export type DocumentInputOf<N extends CollectionName> = z.input<(typeof collections)[N]['schema']>;
