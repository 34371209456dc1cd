// One typed handle on the generated record channels of any area, so the list and detail
// frameworks are written once for clients, services, staff and equipment.
import type { Api } from '../../../../shared/contract';

export type RecordAreaName =
  'clients' | 'staff' | 'services' | 'equipment' | 'availability' | 'appointments';

/** A stored record as the framework sees it; each area's page knows its own fields. */
export type RecordDoc = Record<string, unknown> & {
  version: number;
  deleted_at: Date | null;
};

export interface ListInput {
  search?: string;
  filter?: Record<string, unknown>;
  sort?: { field: string; direction: 'asc' | 'desc' };
  limit?: number;
  offset?: number;
  includeDeleted?: boolean;
}

export interface HistoryEntry {
  action: string;
  user_id: string;
  timestamp: Date;
  changes?: Record<string, { before: unknown; after: unknown }>;
  note?: string;
}

export interface RecordChannels {
  list(input: ListInput): Promise<{ items: RecordDoc[]; total: number }>;
  get(input: { id: string }): Promise<RecordDoc>;
  create(input: { data: Record<string, unknown> }): Promise<RecordDoc>;
  update(input: {
    id: string;
    version: number;
    changes: Record<string, unknown>;
  }): Promise<RecordDoc>;
  remove(input: { id: string; version: number }): Promise<RecordDoc>;
  restore(input: { id: string; version: number }): Promise<RecordDoc>;
  history(input: { id: string; limit?: number }): Promise<HistoryEntry[]>;
}

/**
 * The area's channels with loose record types: the core validates every input against the area's
 * schema, and its refusals come back as values the forms show on the field at fault.
 */
export function recordApi(api: Api, area: RecordAreaName): RecordChannels {
  return api[area] as unknown as RecordChannels;
}

/** Query keys, by channel and input as everywhere in the renderer. */
export const recordKeys = {
  list: (area: RecordAreaName, input?: ListInput) =>
    input ? [`${area}.list`, input] : [`${area}.list`],
  get: (area: RecordAreaName, id: string) => [`${area}.get`, { id }],
  history: (area: RecordAreaName, id: string) => [`${area}.history`, { id }],
};
