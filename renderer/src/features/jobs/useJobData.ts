// What the job dialogs read: the job, its client, and the business's services, staff and
// equipment (for names and pickers), each cached by channel and input.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useApi } from '../../api/context';
import { useSession } from '../auth/useSession';
import { rememberedTimeZone, rememberTimeZone } from '../board/boardDate';
import { staffOrder, type EquipmentRecord, type ServiceRecord, type StaffRecord } from './jobModel';

const ALL = { limit: 500 } as const;

export interface Lookups {
  services: ServiceRecord[];
  staff: StaffRecord[];
  equipment: EquipmentRecord[];
  /** Services that may be booked now, in the business's order. */
  activeServices: ServiceRecord[];
  /** Active staff, crew leads first. */
  activeStaff: StaffRecord[];
  /** Equipment that is not retired. */
  usableEquipment: EquipmentRecord[];
  serviceName(id: string): string;
  staffName(id: string): string;
  equipmentName(id: string): string;
  /** Every service's, person's and item's name by id: what history sentences name ids by. */
  names: Record<string, string>;
}

export function useLookups() {
  const api = useApi();
  const services = useQuery({
    queryKey: ['services.list', ALL],
    queryFn: () => api.services.list(ALL),
  });
  const staff = useQuery({ queryKey: ['staff.list', ALL], queryFn: () => api.staff.list(ALL) });
  const equipment = useQuery({
    queryKey: ['equipment.list', ALL],
    queryFn: () => api.equipment.list(ALL),
  });
  const data = useMemo<Lookups | null>(() => {
    if (!services.data || !staff.data || !equipment.data) return null;
    const s = services.data.items;
    const p = staff.data.items;
    const e = equipment.data.items;
    const name = <T>(items: T[], key: keyof T, label: (item: T) => string, fallback: string) => {
      const byId = new Map(items.map((item) => [String(item[key]), label(item)]));
      return (id: string) => byId.get(id) ?? fallback;
    };
    return {
      services: s,
      staff: p,
      equipment: e,
      activeServices: s
        .filter((x) => x.is_active)
        .sort((a, b) => a.sort_order - b.sort_order || a.name.localeCompare(b.name)),
      activeStaff: p.filter((x) => x.is_active).sort(staffOrder),
      usableEquipment: e
        .filter((x) => x.is_active && x.status !== 'retired')
        .sort((a, b) => a.name.localeCompare(b.name)),
      serviceName: name(s, 'service_id', (x) => x.name, 'Unknown service'),
      staffName: name(p, 'staff_id', (x) => `${x.first_name} ${x.last_name}`, 'Unknown person'),
      equipmentName: name(e, 'equipment_id', (x) => x.name, 'Unknown equipment'),
      names: Object.fromEntries([
        ...s.map((x) => [x.service_id, x.name]),
        ...p.map((x) => [x.staff_id, `${x.first_name} ${x.last_name}`]),
        ...e.map((x) => [x.equipment_id, x.name]),
      ]),
    };
  }, [services.data, staff.data, equipment.data]);
  const failed = services.error ?? staff.error ?? equipment.error;
  return {
    data,
    error: failed,
    retry: () => {
      void services.refetch();
      void staff.refetch();
      void equipment.refetch();
    },
  };
}

/** The business's time zone (actual start/end times are read and shown on its clock). */
/**
 * The business's time zone: dates and times on the board, map and dialogs are its wall clock, and
 * "today" is its today — not the computer's, which may be elsewhere.
 */
export function useTimeZone(): string {
  const session = useSession();
  const zone = session.data?.session?.business.timezone;
  useEffect(() => {
    if (zone) rememberTimeZone(zone);
  }, [zone]);
  return zone ?? rememberedTimeZone();
}

export function useJob(appointmentId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['appointments.get', { id: appointmentId }],
    queryFn: () => api.appointments.get({ id: appointmentId }),
  });
}

export function useClient(clientId: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['clients.get', { id: clientId }],
    queryFn: () => api.clients.get({ id: clientId ?? '' }),
    enabled: Boolean(clientId),
  });
}
