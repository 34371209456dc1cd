// The indexes of every collection, as data: the seed's list, its "Performance Optimization" compounds and the fixed geo index.
import type { CollectionName } from '../../../shared/schemas';

export interface IndexSpec {
  key: Record<string, 1 | -1 | '2dsphere'>;
  name: string;
  unique?: boolean;
  expireAfterSeconds?: number;
  partialFilterExpression?: object;
}

const asc = (field: string): IndexSpec => ({ key: { [field]: 1 }, name: field });
const uniqueId = (field: string): IndexSpec => ({
  key: { [field]: 1 },
  name: `${field}_unique`,
  unique: true,
});

export const indexSpecs: Record<CollectionName, readonly IndexSpec[]> = {
  users: [
    { key: { email: 1 }, name: 'email_unique', unique: true },
    asc('business_id'),
    asc('role'),
    asc('is_active'),
    // Not in the seed: every other collection's id is uniquely indexed; users are found by id too.
    uniqueId('user_id'),
  ],
  businesses: [
    uniqueId('business_id'),
    asc('owner_id'),
    asc('vertical'),
    asc('subscription_status'),
  ],
  clients: [
    uniqueId('client_id'),
    asc('business_id'),
    asc('phone'),
    asc('email'),
    asc('service_type_ids'),
    // The seed's {latitude: '2dsphere', longitude: '2dsphere'} is invalid in MongoDB (2dsphere
    // needs GeoJSON or a [lng, lat] pair in one field); `location` holds that GeoJSON point.
    { key: { location: '2dsphere' }, name: 'location_2dsphere' },
  ],
  services: [uniqueId('service_id'), asc('business_id'), asc('vertical'), asc('is_active')],
  staff: [uniqueId('staff_id'), asc('business_id'), asc('role'), asc('is_active')],
  equipment: [
    uniqueId('equipment_id'),
    asc('business_id'),
    asc('category'),
    asc('status'),
    asc('assigned_staff_ids'),
  ],
  appointments: [
    uniqueId('appointment_id'),
    asc('business_id'),
    asc('client_id'),
    asc('scheduled_date'),
    asc('status'),
    asc('assigned_staff_ids'),
    { key: { scheduled_date: 1, status: 1 }, name: 'scheduled_date_status' },
    { key: { business_id: 1, scheduled_date: 1, status: 1 }, name: 'business_date_status' },
    { key: { assigned_staff_ids: 1, scheduled_date: 1 }, name: 'staff_date' },
  ],
  availability: [
    uniqueId('availability_id'),
    asc('business_id'),
    asc('staff_id'),
    { key: { date_from: 1, date_to: 1 }, name: 'date_from_date_to' },
  ],
  weather_cache: [
    uniqueId('weather_cache_id'),
    asc('business_id'),
    asc('check_date'),
    // Listed twice in the seed (as "TTL" and under Performance Optimization): one index.
    { key: { expires_at: 1 }, name: 'expires_at_ttl', expireAfterSeconds: 0 },
  ],
  notifications: [
    uniqueId('notification_id'),
    asc('business_id'),
    asc('client_id'),
    asc('appointment_id'),
    asc('type'),
    asc('status'),
    { key: { business_id: 1, status: 1, created_at: -1 }, name: 'business_status_created' },
  ],
  voice_sessions: [
    uniqueId('voice_session_id'),
    asc('business_id'),
    asc('client_id'),
    asc('start_time'),
    asc('outcome'),
    { key: { business_id: 1, outcome: 1, created_at: -1 }, name: 'business_outcome_created' },
  ],
  // The seed lists no indexes here; these are the id and tenant lookups every repository makes.
  payment_methods: [uniqueId('payment_method_id'), asc('business_id'), asc('client_id')],
};
