import type { Db } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/compose';
import type { MapClient, MapCrew, MapJob } from '../../../shared/contract';
import { connection } from '../../support/core';
import { demoWorld, type DemoWorld } from '../../support/demo';

const world = demoWorld('map');
const DAY = '2026-04-16';
let db: Db;
let core: Core;
let lawn: Awaited<ReturnType<DemoWorld['signedIn']>>;
let hvac: Awaited<ReturnType<DemoWorld['signedIn']>>;
type Clients = { clients: MapClient[]; without_location: number };
type Day = {
  date: string;
  crews: MapCrew[];
  jobs: MapJob[];
  staff: { staff_id: string; name: string }[];
  services: { service_id: string; name: string }[];
};

beforeAll(async () => {
  db = world.db;
  core = world.core;
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  hvac = await world.signedIn('owner@front-range-hvac.example');
});

describe('map.clients', () => {
  it("gives every located client of the caller's business, and counts the rest", async () => {
    const business_id = lawn.session?.business_id;
    const { clients, without_location } = await lawn.value<Clients>('map.clients');
    const located = await db
      .collection('clients')
      .countDocuments({ business_id, deleted_at: null, location: { $exists: true } });
    const all = await db.collection('clients').countDocuments({ business_id, deleted_at: null });
    expect(located).toBeGreaterThan(0);
    expect(clients).toHaveLength(located);
    expect(without_location).toBe(all - located);
    const first = clients[0];
    if (!first) throw new Error('no client');
    const stored = await db.collection('clients').findOne({ client_id: first.client_id });
    expect(stored?.business_id).toBe(business_id);
    expect([first.lng, first.lat]).toEqual(stored?.location.coordinates);
    expect(first.name).toBe(`${stored?.first_name} ${stored?.last_name}`);
    expect(Object.keys(first).sort()).toEqual(['address', 'client_id', 'lat', 'lng', 'name']);

    const theirs = await hvac.value<Clients>('map.clients');
    const ours = new Set(clients.map((c) => c.client_id));
    expect(theirs.clients.some((c) => ours.has(c.client_id))).toBe(false);
  });

  it('leaves out a client whose position was cleared, and counts it as not on the map', async () => {
    const before = await lawn.value<Clients>('map.clients');
    const target = before.clients[1];
    if (!target) throw new Error('no client');
    await db
      .collection('clients')
      .updateOne(
        { client_id: target.client_id },
        { $set: { latitude: null, longitude: null }, $unset: { location: '' } },
      );
    const after = await lawn.value<Clients>('map.clients');
    expect(after.clients.map((c) => c.client_id)).not.toContain(target.client_id);
    expect(after.without_location).toBe(before.without_location + 1);
  });
});

describe('map.day', () => {
  it("gives the day's jobs in visiting order, each with its client's position and crew", async () => {
    const business_id = lawn.session?.business_id;
    const day = await lawn.value<Day>('map.day', { date: DAY });
    const stored = await db
      .collection('appointments')
      .find({ business_id, scheduled_date: new Date(`${DAY}T00:00:00Z`), deleted_at: null })
      .toArray();
    expect(stored.length).toBeGreaterThan(0);
    expect(day.jobs).toHaveLength(stored.length);
    const starts = day.jobs.map((j) => j.start);
    expect(starts).toEqual([...starts].sort());

    const leads = new Set(day.crews.map((c) => c.lead_id));
    const onRoutes = day.jobs.filter((j) => j.crew_id !== null);
    expect(onRoutes.length).toBeGreaterThan(0);
    for (const job of onRoutes) expect(leads.has(String(job.crew_id))).toBe(true);
    // A job a crew lead works is on that lead's route.
    for (const job of day.jobs) {
      const lead = job.staff_ids.find((id) => leads.has(id));
      if (lead) expect(job.crew_id).toBe(lead);
    }
    for (const job of day.jobs.filter((j) => j.staff_ids.length === 0)) {
      expect(job.crew_id).toBeNull();
    }

    const job = day.jobs[0];
    if (!job) throw new Error('no job');
    const client = await db.collection('clients').findOne({ client_id: job.client_id });
    expect([job.lng, job.lat]).toEqual(client?.location.coordinates);
    expect(job.service_name).toBe(day.services.find((s) => s.service_id === job.service_id)?.name);
  });

  it("starts each crew's route at the business's address unless the crew lead has a home base", async () => {
    const business_id = lawn.session?.business_id;
    const business = await db.collection('businesses').findOne({ business_id });
    const day = await lawn.value<Day>('map.day', { date: DAY });
    const [first, second] = day.crews;
    if (!first || !second) throw new Error('the demo needs two crews');
    expect(first.start).toEqual({
      lng: business?.location.coordinates[0],
      lat: business?.location.coordinates[1],
      source: 'business',
      label: business?.address,
    });

    await db
      .collection('staff')
      .updateOne(
        { staff_id: second.lead_id },
        { $set: { location: { type: 'Point', coordinates: [-86.9, 33.4] } } },
      );
    const after = await lawn.value<Day>('map.day', { date: DAY });
    expect(after.crews.find((c) => c.lead_id === second.lead_id)?.start).toMatchObject({
      lng: -86.9,
      lat: 33.4,
      source: 'crew',
    });
  });

  it('shows no other business its jobs', async () => {
    const ours = await lawn.value<Day>('map.day', { date: DAY });
    const theirs = await hvac.value<Day>('map.day', { date: DAY });
    const ids = new Set(ours.jobs.map((j) => j.appointment_id));
    expect(theirs.jobs.some((j) => ids.has(j.appointment_id))).toBe(false);
  });

  it('refuses a malformed date or an unexpected field, and callers who are not signed in', async () => {
    expect(await lawn.call('map.day', { date: '16/04/2026' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(await lawn.call('map.day', { date: DAY, business_id: 'bus_x' })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(await lawn.call('map.clients', { limit: 5 })).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    const anonymous = connection(core);
    for (const name of ['map.clients', 'map.day']) {
      expect(await anonymous.call(name, { date: DAY }), name).toMatchObject({
        ok: false,
        error: { kind: 'unauthenticated' },
      });
    }
  });
});
