// Parsing a partial document fills the seed's defaults.
import { describe, expect, it } from 'vitest';
import {
  appointmentSchema,
  businessConfigSchema,
  businessSchema,
  clientSchema,
  serviceSchema,
  staffSchema,
  withLocation,
} from '../../../shared/schemas';
import { seedConfig } from './fixtures';

const at = new Date('2026-11-25T15:00:00Z');
const stamps = { created_at: at, updated_at: at };

describe('defaults', () => {
  it("gives the seed's configuration for an empty config", () => {
    expect(businessConfigSchema.parse({})).toEqual(seedConfig());
    expect(businessConfigSchema.parse(undefined)).toEqual(seedConfig());
  });

  it('fills nested defaults next to given values', () => {
    const config = businessConfigSchema.parse({ weather_thresholds: { rain_percent: 50 } });
    expect(config.weather_thresholds).toEqual({
      rain_percent: 50,
      temp_min_fahrenheit: 32,
      temp_max_fahrenheit: 105,
      wind_speed_mph: 35,
    });
    expect(config.business_hours.saturday).toBeNull();
  });

  it('fills document bookkeeping and business defaults', () => {
    const business = businessSchema.parse({
      ...stamps,
      business_id: 'bus_new001',
      name: 'Acme Plumbing',
      vertical: 'plumbing',
      phone: '+1-303-555-0100',
      email: 'office@acme-plumbing.example',
      address: '1 Main St, Denver, CO 80202',
      timezone: 'America/Denver',
      owner_id: 'usr_new001',
    });
    expect(business).toMatchObject({
      version: 1,
      deleted_at: null,
      audit_log: [],
      plan: 'free',
      staff_count: 0,
      client_count: 0,
      subscription_status: 'active',
      subscription_renewal_date: null,
    });
    expect(business.config).toEqual(seedConfig());
  });

  it('fills client defaults', () => {
    const client = clientSchema.parse({
      ...stamps,
      client_id: 'cli_new001',
      business_id: 'bus_new001',
      first_name: 'Ana',
      last_name: 'Lopez',
      phone: '+1-205-555-0142',
      address: '12 Oak Ave, Homewood, AL 35209',
      city: 'Homewood',
      state: 'AL',
      zip_code: '35209',
    });
    expect(client).toMatchObject({
      is_active: true,
      total_spent: 0,
      job_count: 0,
      avg_rating: null,
      service_type_ids: [],
      preferred_contact_method: 'sms',
      latitude: null,
      longitude: null,
      balance_due: 0,
      email: null,
    });
    expect(client).not.toHaveProperty('location');
  });

  it('fills service, staff and appointment defaults', () => {
    const service = serviceSchema.parse({
      ...stamps,
      service_id: 'svc_new001',
      business_id: 'bus_new001',
      vertical: 'lawn_care',
      name: 'Mow',
      category: 'maintenance',
      default_duration_minutes: 45,
      default_price: 55,
    });
    expect(service).toMatchObject({ currency: 'USD', is_active: true, minimum_staff_count: 1 });

    const staff = staffSchema.parse({
      ...stamps,
      staff_id: 'stf_new001',
      business_id: 'bus_new001',
      first_name: 'Lee',
      last_name: 'Park',
      role: 'crew_member',
    });
    expect(staff.availability_schedule.monday).toEqual({ start: '08:00', end: '17:00' });
    expect(staff.availability_schedule.sunday).toBeNull();
    expect(staff).toMatchObject({ current_availability_status: 'available', cancellation_rate: 0 });

    const appointment = appointmentSchema.parse({
      ...stamps,
      appointment_id: 'apt_new001',
      business_id: 'bus_new001',
      client_id: 'cli_new001',
      service_id: 'svc_new001',
      scheduled_date: new Date('2026-11-30T00:00:00Z'),
      scheduled_start_time: '08:00',
      scheduled_end_time: '08:45',
      estimated_duration_minutes: 45,
      service_price: 55,
      total_price: 55,
    });
    expect(appointment).toMatchObject({
      status: 'scheduled',
      currency: 'USD',
      discount: 0,
      assigned_staff_ids: [],
      completion_photos: [],
      weather_checked: false,
      version: 1,
      audit_log: [],
    });
  });
});

describe('withLocation', () => {
  it('sets location from latitude/longitude, longitude first', () => {
    expect(withLocation({ latitude: 33.5, longitude: -86.8 }).location).toEqual({
      type: 'Point',
      coordinates: [-86.8, 33.5],
    });
  });

  it('replaces a stale location and clears it when the position is unknown', () => {
    const stale = {
      latitude: 33.5,
      longitude: -86.8,
      location: { type: 'Point' as const, coordinates: [0, 0] as [number, number] },
    };
    expect(withLocation(stale).location?.coordinates).toEqual([-86.8, 33.5]);
    const cleared = withLocation({ ...stale, latitude: null, longitude: null });
    expect(cleared).not.toHaveProperty('location');
    expect(stale.location.coordinates).toEqual([0, 0]);
  });
});
