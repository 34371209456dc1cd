// Handlers of the record areas (clients, staff, services, equipment, availability), all alike.
import { isDeepStrictEqual } from 'node:util';
import type { Filter, Sort } from 'mongodb';
import type { RecordArea } from '../../../../shared/contract';
import { searchFields } from '../../../../shared/contract';
import { withLocation } from '../../../../shared/schemas/common';
import { collections } from '../../../../shared/schemas';
import { newId } from '../../../../shared/schemas/ids';
import type { HandlerContext } from '../../context';
import type { DatabaseHolder } from '../../db/holder';
import { recomputeBusinessCounts, recomputeClients, recomputeStaff } from '../../db/derived';
import type { CollectionSpec, Doc } from '../../db/repository';
import { tenantRepository } from '../tenant';
import type { TenantRepository } from '../../db/repository';
import type { Handler, Handlers } from '../../dispatch';
import { AppError } from '../../errors';
import type { Clock } from '../../ports';
import { clientSearchClauses, clientSearchTerms, withSearchTerms } from './search-terms';

export interface RecordDeps {
  database: DatabaseHolder;
  clock: Clock;
}

const labels: Record<RecordArea, string> = {
  clients: 'client',
  staff: 'staff member',
  services: 'service',
  equipment: 'piece of equipment',
  availability: 'availability entry',
  appointments: 'appointment',
};

/** Where and when a job happens and who does it: changed only through board.move and jobs.*, under the rules. */
const PLACEMENT_FIELDS = [
  'scheduled_date',
  'scheduled_start_time',
  'scheduled_end_time',
  'assigned_staff_ids',
  'assigned_equipment_ids',
];

function guardPlacement(area: RecordArea, data: Doc, creating: boolean): void {
  if (area !== 'appointments') return;
  const touched = creating
    ? ['assigned_staff_ids', 'assigned_equipment_ids'].filter(
        (f) => ((data[f] as unknown[]) ?? []).length > 0,
      )
    : PLACEMENT_FIELDS.filter((f) => f in data);
  if (touched.length) {
    throw new AppError(
      'validation',
      creating
        ? 'A new job starts in the unassigned queue; give it a crew from the board, where the scheduling rules are checked.'
        : 'Change the day, time, crew or equipment of a job from the board, where the scheduling rules are checked.',
      { fields: touched },
    );
  }
}

/** A staff member's crew lead must be an active crew lead of the business, and not themselves. */
async function guardCrewLead(
  staff: ReturnType<typeof tenantRepository>,
  leadId: unknown,
  selfId: string | null,
): Promise<void> {
  if (leadId === null || leadId === undefined) return;
  const refuse = (message: string): never => {
    throw new AppError('validation', message, [{ path: 'crew_lead_id', message }]);
  };
  if (leadId === selfId) refuse('Nobody works under themselves: choose another crew lead.');
  const lead = await staff.find({ staff_id: leadId } as Filter<Doc>, { limit: 1 });
  const found = lead[0];
  if (!found) refuse('That crew lead is not on the staff (any more): choose another.');
  if (found?.role !== 'crew_lead' || found.is_active === false) {
    refuse(
      `${String(found?.first_name)} ${String(found?.last_name)} is not an active crew lead: choose a crew lead.`,
    );
  }
}

/**
 * What happened to a job and where it came from: written only by the jobs.* channels, which keep
 * them true together (a completed job has its times and amount, a canceled one its reason, a
 * rescheduled one its replacement, a series its occurrences).
 */
const OUTCOME_FIELDS = [
  'status',
  'cancellation_reason',
  'actual_start_time',
  'actual_end_time',
  'actual_duration_minutes',
  'amount_charged',
  'completed_at',
  'completion_photos',
  'series_id',
  'series_frequency',
  'rescheduled_from_appointment_id',
  'rescheduled_from_datetime',
  'was_rescheduled_due_to_weather',
];

function guardOutcome(area: RecordArea, changes: Doc): void {
  if (area !== 'appointments') return;
  const touched = OUTCOME_FIELDS.filter((f) => f in changes);
  if (touched.length) {
    throw new AppError(
      'validation',
      "Start, complete, cancel or reschedule a job with the job's status actions, and add photos from the job; a plain edit cannot change its status, outcome or series.",
      { fields: touched },
    );
  }
}

const cents = (amount: unknown) => Math.round(Number(amount ?? 0) * 100);

/** Fields kept true from the rest of the document on every write. */
const normalizers: Partial<Record<RecordArea, (doc: Doc) => Doc>> = {
  appointments: (doc) => ({
    ...doc,
    total_price:
      Math.max(0, cents(doc.custom_price ?? doc.service_price) - cents(doc.discount)) / 100,
  }),
  clients: (doc) => withSearchTerms(withLocation(doc as Parameters<typeof withLocation>[0]) as Doc),
  equipment: (doc) => ({
    ...doc,
    total_maintenance_cost:
      Math.round(
        ((doc.maintenance_notes as { cost?: number }[] | undefined) ?? []).reduce(
          (sum, note) => sum + (note.cost ?? 0),
          0,
        ) * 100,
      ) / 100,
  }),
};

export function specFor(area: RecordArea): CollectionSpec {
  const def = collections[area];
  return {
    name: def.name,
    idField: def.idField,
    label: labels[area],
    schema: def.schema as unknown as CollectionSpec['schema'],
    softDelete: def.softDelete,
    newId: () => newId(def.idPrefix),
    normalize: normalizers[area],
  };
}

/**
 * A client's edit with its search terms brought up to date first, so the edit's audit entry (and
 * History tab) shows what the user changed, not the derived terms. If the edit is refused, the terms
 * are set back from the client as it then is.
 */
async function updateClient(
  r: TenantRepository,
  input: { id: string; version: number; changes: Doc },
  update: () => Promise<Doc>,
): Promise<Doc> {
  const current = await r.get(input.id);
  // A new number is worth texting again: the provider's complaint was about the old one.
  if (
    'phone' in input.changes &&
    input.changes.phone !== current.phone &&
    current.sms_problem !== null &&
    current.sms_problem !== undefined
  ) {
    input.changes.sms_problem = null;
  }
  const terms = clientSearchTerms({ ...current, ...input.changes });
  const synced =
    current.version === input.version &&
    !isDeepStrictEqual(current.search_terms, terms) &&
    (
      await r.collection.updateOne(
        { business_id: r.scope.business_id, client_id: input.id, version: input.version },
        { $set: { search_terms: terms } },
      )
    ).modifiedCount === 1;
  try {
    return await update();
  } catch (error) {
    if (synced) {
      const latest = await r.get(input.id, { includeDeleted: true });
      await r.collection.updateOne(
        { business_id: r.scope.business_id, client_id: input.id, version: latest.version },
        { $set: { search_terms: clientSearchTerms(latest) } },
      );
    }
    throw error;
  }
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type AreaHandlers<A extends RecordArea> = Pick<
  Handlers,
  Extract<
    keyof Handlers,
    `${A}.${'list' | 'get' | 'create' | 'update' | 'remove' | 'restore' | 'history'}`
  >
>;

export function createRecordHandlers<A extends RecordArea>(
  area: A,
  deps: RecordDeps,
): AreaHandlers<A> {
  const spec = specFor(area);
  const repo = (ctx: HandlerContext) => tenantRepository(deps, ctx, spec);

  const list: Handler<`${RecordArea}.list`> = async (ctx, input) => {
    const clauses: Filter<Doc>[] = Object.entries(input.filter).map(([field, value]) =>
      // A crew is its lead and the people working under them.
      area === 'staff' && field === 'crew'
        ? { $or: [{ staff_id: value }, { crew_lead_id: value }] }
        : { [field]: value },
    );
    if (input.search && area === 'clients') {
      // Clients are many: their search is a prefix lookup in an index (search-terms.ts).
      clauses.push(...(clientSearchClauses(input.search) as Filter<Doc>[]));
    } else if (input.search) {
      const pattern = new RegExp(escapeRegex(input.search), 'i');
      clauses.push({ $or: searchFields[area].map((field) => ({ [field]: pattern })) });
    }
    const filter: Filter<Doc> = clauses.length ? { $and: clauses } : {};
    const sort: Sort = input.sort
      ? { [input.sort.field]: input.sort.direction === 'desc' ? -1 : 1, [spec.idField]: 1 }
      : { [spec.idField]: 1 };
    const r = repo(ctx);
    const finding = r.find(filter, {
      includeDeleted: input.includeDeleted,
      // Up to 25 audit entries a record: the History tab reads them with `<area>.history`.
      omit: ['audit_log', 'search_terms'],
      sort,
      limit: input.limit,
      skip: input.offset,
    });
    // Counted alongside the page rather than after it: one round trip less when the page is full.
    const counting = r.count(filter, { includeDeleted: input.includeDeleted });
    counting.catch(() => undefined);
    const items = await finding;
    // A page that is not full is the list's last: it gives the total by itself.
    const lastPage = items.length < input.limit && (items.length > 0 || input.offset === 0);
    const total = lastPage ? input.offset + items.length : await counting;
    return { items, total } as never;
  };

  /**
   * Derived fields follow every write: the business's counts after a client or staff member comes or
   * goes; the client's and crew's figures after an appointment changes.
   */
  const counted = async (ctx: HandlerContext, write: Promise<Doc>, before?: Doc): Promise<Doc> => {
    const result = await write;
    if (!ctx.session) return result;
    const db = deps.database.get().db;
    const business_id = ctx.session.business_id;
    if (area === 'clients' || area === 'staff') await recomputeBusinessCounts(db, business_id);
    if (area === 'appointments') {
      const clients = new Set([result.client_id, before?.client_id].filter(Boolean) as string[]);
      const staff = new Set([
        ...((result.assigned_staff_ids as string[]) ?? []),
        ...((before?.assigned_staff_ids as string[]) ?? []),
      ]);
      const business = await db
        .collection('businesses')
        .findOne({ business_id }, { projection: { timezone: 1 } });
      await recomputeClients(db, business_id, [...clients]);
      await recomputeStaff(
        db,
        business_id,
        [...staff],
        deps.clock.now(),
        String(business?.timezone ?? 'UTC'),
      );
    }
    return result;
  };

  const handlers = {
    [`${area}.list`]: list,
    [`${area}.get`]: (ctx: HandlerContext, input: { id: string }) =>
      repo(ctx).get(input.id, { includeDeleted: true }),
    [`${area}.create`]: async (ctx: HandlerContext, input: { data: Doc }) => {
      guardPlacement(area, input.data, true);
      const data =
        area === 'availability'
          ? { ...input.data, created_by_user_id: ctx.session?.user_id }
          : input.data;
      if (area === 'staff') await guardCrewLead(repo(ctx), data.crew_lead_id, null);
      return counted(ctx, repo(ctx).create(data));
    },
    [`${area}.update`]: async (
      ctx: HandlerContext,
      input: { id: string; version: number; changes: Doc },
    ) => {
      const r = repo(ctx);
      // The job as it was, so a client or crew member it moved away from is recounted too.
      guardPlacement(area, input.changes, false);
      guardOutcome(area, input.changes);
      if (area === 'staff' && 'crew_lead_id' in input.changes) {
        await guardCrewLead(r, input.changes.crew_lead_id, input.id);
      }
      const before = area === 'appointments' ? await r.get(input.id) : undefined;
      const update = () => r.update(input.id, input.version, input.changes);
      if (area === 'clients') return counted(ctx, updateClient(r, input, update));
      return counted(ctx, update(), before);
    },
    [`${area}.remove`]: (ctx: HandlerContext, input: { id: string; version: number }) =>
      counted(ctx, repo(ctx).remove(input.id, input.version)),
    [`${area}.restore`]: (ctx: HandlerContext, input: { id: string; version: number }) =>
      counted(ctx, repo(ctx).restore(input.id, input.version)),
    [`${area}.history`]: async (ctx: HandlerContext, input: { id: string; limit: number }) => {
      const r = repo(ctx);
      // Existence check first, so a foreign or unknown id is refused the same way as everywhere else.
      await r.get(input.id, { includeDeleted: true });
      return r.history(input.id, input.limit);
    },
  };
  return handlers as unknown as AreaHandlers<A>;
}

export function createAllRecordHandlers(deps: RecordDeps) {
  return {
    ...createRecordHandlers('clients', deps),
    ...createRecordHandlers('staff', deps),
    ...createRecordHandlers('services', deps),
    ...createRecordHandlers('equipment', deps),
    ...createRecordHandlers('availability', deps),
    ...createRecordHandlers('appointments', deps),
  };
}
