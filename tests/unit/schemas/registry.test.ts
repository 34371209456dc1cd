// The collection registry and the index declarations agree with the schemas.
import { describe, expect, it } from 'vitest';
import { indexSpecs } from '../../../electron/core/db/index-specs';
import { COLLECTION_NAMES, collections, ID_PREFIXES } from '../../../shared/schemas';

describe('collections registry', () => {
  it('lists the 12 seed collections with their id field, prefix and schema', () => {
    expect([...COLLECTION_NAMES].sort()).toEqual(
      [
        'appointments',
        'availability',
        'businesses',
        'clients',
        'equipment',
        'notifications',
        'payment_methods',
        'services',
        'staff',
        'users',
        'voice_sessions',
        'weather_cache',
      ].sort(),
    );
    for (const name of COLLECTION_NAMES) {
      const def = collections[name];
      expect(def.name).toBe(name);
      expect(def.idPrefix).toBe(ID_PREFIXES[name]);
      expect(Object.keys(def.schema.shape)).toContain(def.idField);
      expect(Object.keys(def.schema.shape)).toEqual(
        expect.arrayContaining(['version', 'created_at', 'updated_at', 'deleted_at', 'audit_log']),
      );
    }
    expect(collections.appointments.idField).toBe('appointment_id');
    expect(collections.appointments.softDelete).toBe(true);
    expect(collections.notifications.softDelete).toBe(false);
    expect(collections.weather_cache.softDelete).toBe(false);
  });
});

describe('index specs', () => {
  it('declares indexes for every collection, with unique names', () => {
    expect(Object.keys(indexSpecs).sort()).toEqual([...COLLECTION_NAMES].sort());
    for (const name of COLLECTION_NAMES) {
      const names = indexSpecs[name].map((spec) => spec.name);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('indexes only fields the schemas define', () => {
    for (const name of COLLECTION_NAMES) {
      const fields = Object.keys(collections[name].schema.shape);
      for (const spec of indexSpecs[name]) {
        for (const key of Object.keys(spec.key)) expect(fields).toContain(key);
      }
    }
  });

  it('makes every id index unique, and users.email', () => {
    for (const name of COLLECTION_NAMES) {
      const idField = collections[name].idField;
      const idIndex = indexSpecs[name].find((s) => s.name === `${idField}_unique`);
      expect(idIndex).toEqual({ key: { [idField]: 1 }, name: `${idField}_unique`, unique: true });
    }
    expect(indexSpecs.users.find((s) => s.key.email === 1)?.unique).toBe(true);
  });

  it('replaces the invalid latitude/longitude 2dsphere index with location', () => {
    const geo = indexSpecs.clients.filter((s) => Object.values(s.key).includes('2dsphere'));
    expect(geo).toEqual([{ key: { location: '2dsphere' }, name: 'location_2dsphere' }]);
  });

  it('has the compound and TTL indexes of the seed', () => {
    const keysOf = (name: keyof typeof indexSpecs) => indexSpecs[name].map((s) => s.key);
    expect(keysOf('appointments')).toEqual(
      expect.arrayContaining([
        { scheduled_date: 1, status: 1 },
        { business_id: 1, scheduled_date: 1, status: 1 },
        { assigned_staff_ids: 1, scheduled_date: 1 },
      ]),
    );
    expect(keysOf('notifications')).toContainEqual({ business_id: 1, status: 1, created_at: -1 });
    expect(keysOf('voice_sessions')).toContainEqual({ business_id: 1, outcome: 1, created_at: -1 });
    expect(keysOf('availability')).toContainEqual({ date_from: 1, date_to: 1 });
    expect(indexSpecs.weather_cache.find((s) => s.key.expires_at === 1)).toEqual({
      key: { expires_at: 1 },
      name: 'expires_at_ttl',
      expireAfterSeconds: 0,
    });
    expect(indexSpecs.appointments.find((s) => s.name === 'business_date_status')?.key).toEqual({
      business_id: 1,
      scheduled_date: 1,
      status: 1,
    });
  });
});
