// map.clients / map.day: the Map page's markers and routes, read through the tenant repositories.
import { scheduledDateValue } from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { CollectionSpec, Doc } from '../../db/repository';
import type { Handlers } from '../../dispatch';
import type { Clock } from '../../ports';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';
import { tenantRepository } from '../tenant';
import { crewOfJobs } from './crews';

export interface MapDeps {
  database: DatabaseHolder;
  clock: Clock;
}

interface Point {
  type: 'Point';
  coordinates: [number, number];
}

const pointOf = (value: unknown): Point | null => {
  const p = value as Point | null | undefined;
  return p?.type === 'Point' && Array.isArray(p.coordinates) ? p : null;
};

const fullName = (doc: Doc) => `${String(doc.first_name)} ${String(doc.last_name)}`;

export function createMapHandlers(deps: MapDeps): Pick<Handlers, 'map.clients' | 'map.day'> {
  const repo = (ctx: HandlerContext, spec: CollectionSpec) => tenantRepository(deps, ctx, spec);

  return {
    'map.clients': async (ctx) => {
      // One read of the whole client book, in stored order: a sort, a `$exists` filter or a
      // second count query each cost more on the embedded database than the few fields read.
      // `location` is kept in step with latitude/longitude on every write (withLocation), and is
      // what the 2dsphere index holds, so it alone says whether a client is on the map.
      const docs = await repo(ctx, specFor('clients')).find(
        {},
        { fields: ['client_id', 'first_name', 'last_name', 'address', 'location'] },
      );
      const markers = [];
      for (const doc of docs) {
        const point = pointOf(doc.location);
        if (!point) continue;
        markers.push({
          client_id: String(doc.client_id),
          name: fullName(doc),
          address: String(doc.address),
          lng: point.coordinates[0],
          lat: point.coordinates[1],
        });
      }
      return { clients: markers, without_location: docs.length - markers.length };
    },

    'map.day': async (ctx, { date }) => {
      const business = await repo(ctx, businessSpec).get(ctx.session?.business_id ?? '');
      const [allStaff, appointments, services] = await Promise.all([
        repo(ctx, specFor('staff')).find(
          {},
          { fields: ['staff_id', 'first_name', 'last_name', 'role', 'is_active', 'location'] },
        ),
        repo(ctx, specFor('appointments')).find(
          { scheduled_date: scheduledDateValue(date) },
          {
            sort: { scheduled_start_time: 1, appointment_id: 1 },
            fields: [
              'appointment_id',
              'version',
              'client_id',
              'service_id',
              'assigned_staff_ids',
              'status',
              'scheduled_start_time',
              'scheduled_end_time',
            ],
          },
        ),
        repo(ctx, specFor('services')).find(
          {},
          { includeDeleted: true, fields: ['service_id', 'name', 'deleted_at'] },
        ),
      ]);
      const clients = await repo(ctx, specFor('clients')).find(
        { client_id: { $in: [...new Set(appointments.map((a) => a.client_id))] } },
        {
          includeDeleted: true,
          fields: ['client_id', 'first_name', 'last_name', 'address', 'location'],
        },
      );
      const clientById = new Map(clients.map((c) => [String(c.client_id), c]));
      const serviceName = new Map(services.map((s) => [String(s.service_id), String(s.name)]));

      const active = allStaff.filter((s) => s.is_active === true);
      const leads = active
        .filter((s) => s.role === 'crew_lead')
        .sort(
          (a, b) =>
            String(a.last_name).localeCompare(String(b.last_name)) ||
            String(a.first_name).localeCompare(String(b.first_name)),
        );
      const crewOf = crewOfJobs(
        leads.map((l) => String(l.staff_id)),
        appointments.map((a) => ({
          staff_ids: a.assigned_staff_ids as string[],
          counts: a.status !== 'canceled' && a.status !== 'rescheduled',
        })),
      );

      const businessPoint = pointOf(business.location);
      const crews = leads.map((lead) => {
        const own = pointOf(lead.location);
        const point = own ?? businessPoint;
        return {
          lead_id: String(lead.staff_id),
          name: fullName(lead),
          start: point
            ? {
                lng: point.coordinates[0],
                lat: point.coordinates[1],
                source: own ? ('crew' as const) : ('business' as const),
                label: own ? `${fullName(lead)}'s start` : String(business.address),
              }
            : null,
        };
      });

      const jobs = appointments.map((a, i) => {
        const client = clientById.get(String(a.client_id));
        const point = pointOf(client?.location);
        return {
          appointment_id: String(a.appointment_id),
          version: Number(a.version),
          client_id: String(a.client_id),
          client_name: client ? fullName(client) : 'Unknown client',
          address: client ? String(client.address) : '',
          lng: point?.coordinates[0] ?? null,
          lat: point?.coordinates[1] ?? null,
          crew_id: crewOf[i] ?? null,
          staff_ids: a.assigned_staff_ids as string[],
          status: a.status,
          service_id: String(a.service_id),
          service_name: serviceName.get(String(a.service_id)) ?? 'Unknown service',
          start: String(a.scheduled_start_time),
          end: String(a.scheduled_end_time),
        };
      });

      const onJobs = new Set(jobs.flatMap((j) => j.staff_ids));
      const used = new Set(jobs.map((j) => j.service_id));
      return {
        date,
        timezone: String(business.timezone),
        crews,
        jobs,
        staff: allStaff
          .filter((s) => s.is_active === true || onJobs.has(String(s.staff_id)))
          .map((s) => ({ staff_id: String(s.staff_id), name: fullName(s) })),
        services: services
          .filter((s) => !s.deleted_at || used.has(String(s.service_id)))
          .map((s) => ({ service_id: String(s.service_id), name: String(s.name) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      } as never;
    },
  };
}
