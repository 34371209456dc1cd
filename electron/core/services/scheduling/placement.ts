// The scheduling rules as every writing channel applies them: load what the rules need, check, refuse or warn.
import type {
  Appointment,
  Availability,
  Business,
  Equipment,
  Service,
  Staff,
} from '../../../../shared/schemas';
import { addDays, scheduledDateValue, type DateKey } from '../../../../shared/time';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import type { CollectionSpec, Doc } from '../../db/repository';
import { AppError, ConflictError } from '../../errors';
import type { Clock } from '../../ports';
import { businessSpec } from '../business/handlers';
import { specFor } from '../records/handlers';
import { tenantRepository } from '../tenant';
import { shortDate } from './format';
import { checkPlacement, type Placement, type RuleCheck, type Violation } from './rules';

export interface PlacementDeps {
  database: DatabaseHolder;
  clock: Clock;
}

export interface PlacementOptions {
  /** The dispatcher saw the warnings and goes ahead. */
  override_warnings: boolean;
  /**
   * Jobs that are not compared against: the ones this write moves or replaces (their old places are
   * freed by the same write). A placement's own `appointment_id` is always ignored.
   */
  ignore?: readonly string[];
  /** The question that ends a warning: 'Move it anyway?' on the board. */
  confirm?: string;
}

/** Which problem a refusal names first: a clash with another job says the most. */
const FIRST: readonly Violation['rule'][] = [
  'staff_overlap',
  'equipment_double_booked',
  'staff_time_off',
  'business_closed',
];
const rank = (v: Violation) => {
  const i = FIRST.indexOf(v.rule);
  return i < 0 ? FIRST.length : i;
};

/** The most telling problem in full (a clash before hours), then how many more there are. */
export function joinMessages(violations: readonly Violation[]): string {
  const first = [...violations].sort((a, b) => rank(a) - rank(b))[0]?.message ?? '';
  if (violations.length === 1) return first;
  const more = violations.length - 1;
  return `${first.replace(/\.$/, '')} — and ${more} more ${more === 1 ? 'problem' : 'problems'}.`;
}

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];

/**
 * What the rules' findings mean for a write: hard violations refuse it with a ConflictError
 * {violations, overridable: false}; soft ones refuse it unless `override_warnings`
 * ({overridable: true}); info notices (maintenance due soon) are left out and never refuse.
 * Returns the soft warnings that were overridden.
 */
export function enforceRules(
  found: Pick<RuleCheck, 'hard' | 'soft'>,
  options: Pick<PlacementOptions, 'override_warnings' | 'confirm'>,
): Violation[] {
  const { hard, soft } = found;
  if (hard.length) {
    throw new ConflictError(joinMessages(hard), {
      violations: [...hard, ...soft],
      overridable: false,
    });
  }
  if (soft.length && !options.override_warnings) {
    throw new ConflictError(`${joinMessages(soft)} ${options.confirm ?? 'Save it anyway?'}`, {
      violations: soft,
      overridable: true,
    });
  }
  return soft;
}

/** The days, people and machines some placements involve: what the rules read about is theirs. */
export interface PlacementScope {
  dates: readonly DateKey[];
  staff_ids: readonly string[];
  equipment_ids: readonly string[];
}

const scopeOf = (placements: readonly Placement[]): PlacementScope => ({
  dates: placements.map((p) => p.scheduled_date),
  staff_ids: placements.flatMap((p) => p.staff_ids),
  equipment_ids: placements.flatMap((p) => p.equipment_ids),
});

/**
 * Checks placements (one job, or each occurrence of a series) under the board's rules, loading
 * what the rules need once for all of them, and refuses or warns as `enforceRules` says, for the
 * lot at once. With more than one placement, each message starts with its date
 * ("On Thu, Apr 23: …"). Returns the soft warnings that were overridden.
 */
export function checkJobPlacements(
  deps: PlacementDeps,
  ctx: Pick<HandlerContext, 'session'>,
  placements: readonly Placement[],
  options: PlacementOptions,
): Promise<Violation[]> {
  if (placements.length === 0) return Promise.resolve([]);
  return checkWithin(deps, ctx, Promise.resolve(placements), scopeOf(placements), options, false);
}

/**
 * `checkJobPlacements` for placements still being worked out — a board move waiting for its job,
 * whose service it keeps — that will lie within `scope` (the move's day, crew and equipment):
 * what the rules read about the scope loads meanwhile, alongside the job, one database round trip
 * instead of two. Every service of the business is read, as which one is not known yet.
 */
export function checkJobPlacementsAhead(
  deps: PlacementDeps,
  ctx: Pick<HandlerContext, 'session'>,
  placements: Promise<readonly Placement[]>,
  scope: PlacementScope,
  options: PlacementOptions,
  /** The business's document, when the caller reads it anyway: not read twice. */
  business?: Promise<Doc>,
): Promise<Violation[]> {
  return checkWithin(deps, ctx, placements, scope, options, true, business);
}

async function checkWithin(
  deps: PlacementDeps,
  ctx: Pick<HandlerContext, 'session'>,
  pending: Promise<readonly Placement[]>,
  scope: PlacementScope,
  options: PlacementOptions,
  everyService: boolean,
  businessRead?: Promise<Doc>,
): Promise<Violation[]> {
  if (!ctx.session) throw new AppError('unauthenticated', 'Please sign in first.');
  const businessId = ctx.session.business_id;
  const repo = (spec: CollectionSpec) => tenantRepository(deps, ctx, spec);
  const appointments = repo(specFor('appointments'));

  const windowOf = (date: DateKey) => [addDays(date, -1), date, addDays(date, 1)];
  const days = unique(scope.dates.flatMap(windowOf)).sort();
  const staffIds = unique(scope.staff_ids);
  const equipmentIds = unique(scope.equipment_ids);
  const services = everyService
    ? repo(specFor('services')).find({}, { includeDeleted: true })
    : pending.then((placements) =>
        repo(specFor('services')).find(
          { service_id: { $in: unique(placements.map((p) => p.service_id)) } },
          { includeDeleted: true },
        ),
      );

  const [placements, serviceDocs, business, staff, equipment, nearby, availability] =
    await Promise.all([
      pending,
      services,
      businessRead ?? repo(businessSpec).get(businessId),
      // No crew (back to the queue) or no machines: nothing to read.
      staffIds.length
        ? repo(specFor('staff')).find({ staff_id: { $in: staffIds } })
        : Promise.resolve([] as Doc[]),
      equipmentIds.length
        ? repo(specFor('equipment')).find({ equipment_id: { $in: equipmentIds } })
        : Promise.resolve([] as Doc[]),
      staffIds.length || equipmentIds.length
        ? appointments.find(
            {
              scheduled_date: { $in: days.map(scheduledDateValue) },
              $or: [
                { assigned_staff_ids: { $in: staffIds } },
                { assigned_equipment_ids: { $in: equipmentIds } },
              ],
            },
            { omit: ['audit_log'] },
          )
        : Promise.resolve([] as Doc[]),
      repo(specFor('availability')).find({
        date_from: { $lte: scheduledDateValue(days.at(-1) ?? '') },
        $or: [{ date_to: { $gte: scheduledDateValue(days[0] ?? '') } }, { is_recurring: true }],
      }),
    ]);
  if (placements.length === 0) return [];
  const inScope = (p: Placement) =>
    scope.dates.includes(p.scheduled_date) &&
    p.staff_ids.every((id) => staffIds.includes(id)) &&
    p.equipment_ids.every((id) => equipmentIds.includes(id));
  if (!placements.every(inScope)) {
    throw new Error('A placement lies outside the scope its rules were loaded for.');
  }
  const ignored = new Set(options.ignore ?? []);
  const others = (nearby as unknown as Appointment[]).filter((a) => !ignored.has(a.appointment_id));
  // The names of the other jobs' clients and services only label clashes: read once there is one.
  const loadNames = async () => {
    const [clients, nearbyServices] = await Promise.all([
      repo(specFor('clients')).find(
        { client_id: { $in: unique(others.map((a) => a.client_id)) } },
        { includeDeleted: true, fields: ['client_id', 'first_name', 'last_name'] },
      ),
      repo(specFor('services')).find(
        { service_id: { $in: unique(others.map((a) => a.service_id)) } },
        { includeDeleted: true, fields: ['service_id', 'name'] },
      ),
    ]);
    return {
      clients: Object.fromEntries(
        clients.map((c) => [String(c.client_id), `${String(c.first_name)} ${String(c.last_name)}`]),
      ),
      services: Object.fromEntries(
        [...nearbyServices, ...serviceDocs].map((s) => [String(s.service_id), String(s.name)]),
      ),
    };
  };

  const many = placements.length > 1;
  const dated = (p: Placement, found: Violation[]): Violation[] =>
    many
      ? found.map((v) => ({ ...v, message: `On ${shortDate(p.scheduled_date)}: ${v.message}` }))
      : found;
  const check = (names: { clients: Record<string, string>; services: Record<string, string> }) => {
    const hard: Violation[] = [];
    const soft: Violation[] = [];
    for (const p of placements) {
      const service = serviceDocs.find((s) => s.service_id === p.service_id);
      if (!service) throw new AppError('not_found', `No service ${p.service_id} was found.`);
      const window = new Set(
        windowOf(p.scheduled_date).map((d) => scheduledDateValue(d).getTime()),
      );
      const result = checkPlacement(p, {
        business: business as unknown as Business,
        service: service as unknown as Service,
        staff: staff as unknown as Staff[],
        equipment: equipment as unknown as Equipment[],
        nearbyAppointments: others.filter((a) => window.has(a.scheduled_date.getTime())),
        availability: availability as unknown as Availability[],
        names,
      });
      hard.push(...dated(p, result.hard));
      soft.push(...dated(p, result.soft));
    }
    return { hard, soft };
  };

  let found = check({ clients: {}, services: {} });
  if (found.hard.length || found.soft.length) found = check(await loadNames());
  return enforceRules(found, options);
}

/** One job's placement under the rules; see checkJobPlacements. */
export function checkJobPlacement(
  deps: PlacementDeps,
  ctx: Pick<HandlerContext, 'session'>,
  placement: Placement,
  options: PlacementOptions,
): Promise<Violation[]> {
  return checkJobPlacements(deps, ctx, [placement], options);
}

/** The audit note of a write that went ahead despite warnings. */
export function overriddenNote(warnings: readonly Violation[]): string | undefined {
  return warnings.length
    ? `Warnings overridden: ${warnings.map((v) => v.message).join(' ')}`
    : undefined;
}
