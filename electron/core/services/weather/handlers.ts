// weather.*: the weather plan (jobs at risk with proposed slots), approving and dismissing
// proposals, "Check now", and the keyed providers' API keys in the OS keychain.
import type { Handlers } from '../../dispatch';
import type { DatabaseHolder } from '../../db/holder';
import { AppError, ConflictError, UnavailableError } from '../../errors';
import type { Clock, SecretStore } from '../../ports';
import type { JobMessages } from '../messaging/jobs';
import type { Appointment, Business, Client, Service, Staff } from '../../../../shared/schemas';
import { businessSchema } from '../../../../shared/schemas';
import type { WeatherPlanItem, WeatherSlot } from '../../../../shared/contract';
import { reschedule } from '../jobs/handlers';
import { sessionOf } from '../jobs/common';
import { WEATHER_PROVIDER_NAMES } from '../../weather/types';
import { FRESH_MS } from './forecasts';
import { PROPOSALS, type ProposalDoc, type SlotDoc } from './sweep';
import { weatherKeyName, type WeatherWatch } from './watch';

export interface WeatherDeps {
  database: DatabaseHolder;
  clock: Clock;
  secrets: SecretStore;
  watch: WeatherWatch;
  /** Texts the client the reschedule notice of an approved move (jobs.reschedule's own hook). */
  messages?: JobMessages;
}

type WeatherHandlers = Pick<
  Handlers,
  | 'weather.plan'
  | 'weather.approve'
  | 'weather.dismiss'
  | 'weather.checkNow'
  | 'weather.keys'
  | 'weather.setKey'
>;

/** A refusal made only of overridable warnings that the proposal already showed. */
function shownAlready(err: ConflictError, shown: readonly string[]): boolean {
  const details = err.details as
    { overridable?: boolean; violations?: { message: string }[] } | undefined;
  return (
    details?.overridable === true &&
    (details.violations ?? []).every((v) => shown.includes(v.message))
  );
}

const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`;

export function createWeatherHandlers(deps: WeatherDeps): WeatherHandlers {
  const db = () => {
    if (!deps.database.connected) {
      throw new UnavailableError('The database is not connected yet; try again in a moment.');
    }
    return deps.database.get().db;
  };
  const businessOf = async (businessId: string): Promise<Business> => {
    const doc = await db().collection('businesses').findOne({ business_id: businessId });
    if (!doc) throw new AppError('not_found', 'The business could not be found.');
    return businessSchema.parse(doc);
  };
  const keys = async (businessId: string) => {
    const has = async (provider: 'openweathermap' | 'weatherapi') =>
      deps.secrets.available &&
      Boolean(await deps.secrets.get(weatherKeyName(provider, businessId)).catch(() => null));
    return {
      openweathermap: await has('openweathermap'),
      weatherapi: await has('weatherapi'),
      keychain_available: deps.secrets.available,
    };
  };

  return {
    'weather.plan': async (ctx) => {
      const session = sessionOf(ctx);
      const business = await businessOf(session.business_id);
      const docs = await db()
        .collection<ProposalDoc>(PROPOSALS)
        .find({ business_id: business.business_id, status: 'open' })
        .sort({ 'before.date': 1, 'before.start': 1 })
        .toArray();
      const jobs = (await db()
        .collection('appointments')
        .find(
          {
            business_id: business.business_id,
            appointment_id: { $in: docs.map((d) => d.appointment_id) },
          },
          { projection: { appointment_id: 1, client_id: 1, service_id: 1 } },
        )
        .toArray()) as unknown as Appointment[];
      const jobById = new Map(jobs.map((j) => [j.appointment_id, j]));
      const [clients, services, staff] = await Promise.all([
        db()
          .collection('clients')
          .find(
            { business_id: business.business_id, client_id: { $in: jobs.map((j) => j.client_id) } },
            { projection: { client_id: 1, first_name: 1, last_name: 1 } },
          )
          .toArray() as unknown as Promise<Client[]>,
        db()
          .collection('services')
          .find({ business_id: business.business_id }, { projection: { service_id: 1, name: 1 } })
          .toArray() as unknown as Promise<Service[]>,
        db()
          .collection('staff')
          .find(
            { business_id: business.business_id },
            { projection: { staff_id: 1, first_name: 1, last_name: 1 } },
          )
          .toArray() as unknown as Promise<Staff[]>,
      ]);
      const clientName = new Map(clients.map((c) => [c.client_id, fullName(c)]));
      const serviceName = new Map(services.map((s) => [s.service_id, s.name]));
      const staffName = new Map(staff.map((s) => [s.staff_id, fullName(s)]));
      const slot = (s: SlotDoc): WeatherSlot => ({
        ...s,
        staff_names: s.staff_ids.length
          ? s.staff_ids.map((id) => staffName.get(id) ?? 'Someone no longer on staff')
          : ['Unassigned'],
      });
      const now = deps.clock.now().getTime();
      const items: WeatherPlanItem[] = docs.map((d) => {
        const job = jobById.get(d.appointment_id);
        return {
          proposal_id: d.proposal_id,
          appointment_id: d.appointment_id,
          version: d.version,
          client_name: (job && clientName.get(job.client_id)) ?? 'A client',
          service_name: (job && serviceName.get(job.service_id)) ?? 'A service',
          before: slot(d.before),
          after: d.after ? slot(d.after) : null,
          same_crew: d.same_crew,
          note: d.note,
          risks: d.risks,
          weather: d.weather,
          details: d.details,
          after_weather: d.after_weather,
          basis: d.basis,
          stale: d.stale || now - d.forecast_at.getTime() > 2 * FRESH_MS,
          forecast_at: d.forecast_at,
          status: 'open',
        };
      });
      const chosen = await deps.watch.providerFor(business);
      const state = deps.watch.stateOf(business.business_id);
      return {
        items,
        status: {
          enabled: business.config.weather_enabled,
          provider: chosen.id,
          provider_name: WEATHER_PROVIDER_NAMES[chosen.id],
          fallback_reason: chosen.fallbackReason,
          last_sweep_at: state.last_sweep_at,
          next_sweep_at: business.config.weather_enabled ? deps.watch.nextSweepAt() : null,
          last_error: state.last_error,
          window_hours: business.config.reschedule_window_hours,
        },
      };
    },

    'weather.approve': async (ctx, input) => {
      const session = sessionOf(ctx);
      const proposals = db().collection<ProposalDoc>(PROPOSALS);
      const docs = await proposals
        .find({ business_id: session.business_id, proposal_id: { $in: input.proposal_ids } })
        .toArray();
      const byId = new Map(docs.map((d) => [d.proposal_id, d]));
      const moved: { proposal_id: string; appointment_id: string }[] = [];
      const failed: { proposal_id: string; message: string }[] = [];
      // One at a time, in the plan's order: each move is checked against the ones before it.
      const ordered = [...input.proposal_ids].sort((a, b) => {
        const x = byId.get(a);
        const y = byId.get(b);
        return `${x?.after?.date}${x?.after?.start}`.localeCompare(
          `${y?.after?.date}${y?.after?.start}`,
        );
      });
      for (const id of ordered) {
        const doc = byId.get(id);
        if (!doc || doc.status !== 'open') {
          failed.push({
            proposal_id: id,
            message: 'This proposal is no longer open; check the plan again.',
          });
          continue;
        }
        if (!doc.after) {
          failed.push({ proposal_id: id, message: doc.note });
          continue;
        }
        try {
          const move = (override_warnings: boolean) =>
            reschedule(deps, ctx, {
              appointment_id: doc.appointment_id,
              version: doc.version,
              scheduled_date: doc.after!.date,
              start: doc.after!.start,
              end: doc.after!.end,
              staff_ids: doc.after!.staff_ids,
              due_to_weather: true,
              override_warnings,
            });
          // The warnings the plan showed with the proposal are accepted by approving it (and kept in
          // the audit log); any other warning stops the move, as on the board.
          const { appointment } = await move(false).catch((err: unknown) => {
            if (err instanceof ConflictError && shownAlready(err, doc.warnings)) return move(true);
            throw err;
          });
          const now = deps.clock.now();
          await proposals.updateOne(
            { proposal_id: id, status: 'open' },
            {
              $set: {
                status: 'approved',
                new_appointment_id: appointment.appointment_id,
                decided_by: session.user_id,
                decided_at: now,
                updated_at: now,
              },
            },
          );
          moved.push({ proposal_id: id, appointment_id: appointment.appointment_id });
        } catch (err) {
          const message =
            err instanceof ConflictError && /changed|version/i.test(err.message)
              ? 'The job was changed since this proposal was made; check the plan again.'
              : err instanceof Error
                ? err.message
                : String(err);
          failed.push({ proposal_id: id, message });
        }
      }
      return { moved, failed };
    },

    'weather.dismiss': async (ctx, input) => {
      const session = sessionOf(ctx);
      const now = deps.clock.now();
      const result = await db()
        .collection<ProposalDoc>(PROPOSALS)
        .updateMany(
          {
            business_id: session.business_id,
            proposal_id: { $in: input.proposal_ids },
            status: 'open',
          },
          {
            $set: {
              status: 'dismissed',
              decided_by: session.user_id,
              decided_at: now,
              updated_at: now,
            },
          },
        );
      return { dismissed: result.modifiedCount };
    },

    'weather.checkNow': async (ctx) => {
      const session = sessionOf(ctx);
      const business = await businessOf(session.business_id);
      if (!business.config.weather_enabled) {
        throw new AppError(
          'validation',
          'The weather watch is off for this business. Turn it on in Settings → Weather first.',
        );
      }
      const result = await deps.watch.sweepBusinessNow(session.business_id);
      if (!result) throw new UnavailableError('The weather check could not run; try again.');
      return {
        checked: result.checked,
        at_risk: result.at_risk,
        proposals: result.proposals,
        provider_calls: result.provider_calls,
        stale_cells: result.stale_cells,
        error: result.error,
      };
    },

    'weather.keys': async (ctx) => keys(sessionOf(ctx).business_id),

    'weather.setKey': async (ctx, input) => {
      const session = sessionOf(ctx);
      if (!deps.secrets.available) {
        throw new UnavailableError(
          `API keys are kept only in the OS keychain, which is not available here (${deps.secrets.fallbackReason ?? deps.secrets.backend}).`,
        );
      }
      const name = weatherKeyName(input.provider, session.business_id);
      if (input.key === null) await deps.secrets.delete(name);
      else await deps.secrets.set(name, input.key);
      return keys(session.business_id);
    },
  };
}
