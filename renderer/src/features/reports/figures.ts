// The report as figures: each one a table of rows (what the chart draws, the table shows and the CSV
// holds, so the three always agree), grouped into the page's sections, plus the headline figures.
import type { Report } from '../../../../shared/contract/channels/reports';
import type { Period } from './period';

export type ColumnKind =
  'text' | 'date' | 'count' | 'money' | 'share' | 'hours' | 'minutes' | 'rating';

export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
}

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface ChartSpec {
  type: 'bar' | 'line' | 'pie';
  /** The column naming each bar, point or slice. */
  category: string;
  /** The columns drawn (one series each); a pie draws the first. */
  series: string[];
  /** Bars run sideways, for long names. */
  horizontal?: boolean;
}

export interface Figure {
  /** Names the CSV file too: `revenue-by-service-2026-01-01-to-2026-03-31.csv`. */
  id: string;
  title: string;
  columns: Column[];
  rows: Row[];
  /** No chart for a plain list (overdue maintenance). */
  chart?: ChartSpec;
  /** Shown instead of the chart and table while there is nothing to show: what fills it. */
  empty: string;
  /** A line under the title that the rows do not hold. */
  note?: string;
  /** True when the figure has rows but every charted value is zero: shown as empty too. */
  allZero?: boolean;
}

export interface Section {
  id: string;
  title: string;
  figures: Figure[];
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export const formatMoney = (amount: number) => usd.format(amount);
export const formatShare = (share: number | null) =>
  share === null ? '—' : `${oneDecimal.format(share * 100)}%`;

/** A cell as the table shows it. */
export function formatCell(kind: ColumnKind, value: Cell): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'money':
      return usd.format(value);
    case 'share':
      return formatShare(value);
    case 'count':
      return whole.format(value);
    case 'hours':
      return `${oneDecimal.format(value)} h`;
    case 'minutes':
      return `${oneDecimal.format(value)} min`;
    case 'rating':
      return `${oneDecimal.format(value)} / 5`;
    default:
      return String(value);
  }
}

/** The CSV's header for a column: its unit in it, as the values are plain numbers. */
export function csvHeader(column: Column): string {
  switch (column.kind) {
    case 'money':
      return `${column.label} (USD)`;
    case 'share':
      return `${column.label} (%)`;
    case 'hours':
      return `${column.label} (hours)`;
    case 'minutes':
      return `${column.label} (minutes)`;
    default:
      return column.label;
  }
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** A cell as the CSV holds it: numbers a spreadsheet can add up, shares as percents. */
export function csvCell(kind: ColumnKind, value: Cell): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'money':
      return round(value, 2);
    case 'share':
      return round(value * 100, 1);
    case 'count':
      return value;
    default:
      return round(value, 2);
  }
}

/** `revenue-by-service-2026-01-01-to-2026-03-31.csv`. */
export const csvFileName = (figure: Pick<Figure, 'id'>, period: Period) =>
  `${figure.id}-${period.from}-to-${period.to}.csv`;

/** The value charts plot for a cell (shares as percents, so the axis reads 0–100). */
export const chartValue = (kind: ColumnKind, value: Cell): number | null =>
  typeof value !== 'number' ? null : kind === 'share' ? round(value * 100, 1) : value;

const figure = (f: Omit<Figure, 'allZero'>): Figure => {
  const charted = f.chart?.series ?? [];
  const allZero =
    f.chart !== undefined &&
    f.rows.length > 0 &&
    f.rows.every((row) => charted.every((key) => !row[key]));
  return { ...f, allZero };
};

const bucketWord = { day: 'day', week: 'week', month: 'month' } as const;

export function reportSections(report: Report): Section[] {
  const { revenue, jobs, punctuality, staff, clients, weather, messaging, equipment } = report;
  return [
    {
      id: 'revenue',
      title: 'Revenue',
      figures: [
        figure({
          id: `revenue-by-${bucketWord[report.period.bucket]}`,
          title: `Revenue by ${bucketWord[report.period.bucket]}`,
          columns: [
            { key: 'start', label: 'Starting', kind: 'date' },
            { key: 'label', label: 'Period', kind: 'text' },
            { key: 'amount', label: 'Revenue', kind: 'money' },
          ],
          rows: revenue.by_bucket.map((b) => ({
            start: b.start,
            label: b.label,
            amount: b.amount,
          })),
          chart: { type: 'bar', category: 'label', series: ['amount'] },
          empty: 'Revenue shows once jobs are completed with an amount charged.',
        }),
        figure({
          id: 'revenue-by-service',
          title: 'Revenue by service',
          columns: [
            { key: 'name', label: 'Service', kind: 'text' },
            { key: 'jobs', label: 'Jobs', kind: 'count' },
            { key: 'amount', label: 'Revenue', kind: 'money' },
          ],
          rows: revenue.by_service.map((s) => ({ name: s.name, jobs: s.jobs, amount: s.amount })),
          chart: { type: 'bar', category: 'name', series: ['amount'], horizontal: true },
          empty: 'Revenue by service shows once jobs are completed with an amount charged.',
        }),
        figure({
          id: 'revenue-by-staff',
          title: 'Revenue by staff',
          columns: [
            { key: 'name', label: 'Staff', kind: 'text' },
            { key: 'jobs', label: 'Jobs', kind: 'count' },
            { key: 'amount', label: 'Revenue', kind: 'money' },
          ],
          rows: revenue.by_staff.map((s) => ({ name: s.name, jobs: s.jobs, amount: s.amount })),
          chart: { type: 'bar', category: 'name', series: ['amount'], horizontal: true },
          empty:
            'Revenue by staff shows once jobs assigned to crew members are completed with an amount charged. A job done by two people counts fully for each.',
        }),
      ],
    },
    {
      id: 'jobs',
      title: 'Jobs',
      figures: [
        figure({
          id: 'jobs-by-outcome',
          title: 'Jobs by outcome',
          columns: [
            { key: 'outcome', label: 'Outcome', kind: 'text' },
            { key: 'jobs', label: 'Jobs', kind: 'count' },
          ],
          rows: [
            { outcome: 'Completed', jobs: jobs.completed },
            { outcome: 'Canceled', jobs: jobs.canceled },
            { outcome: 'No-shows (of the canceled)', jobs: jobs.no_shows },
            { outcome: 'Rescheduled for weather', jobs: jobs.rescheduled_weather },
            { outcome: 'Rescheduled for other reasons', jobs: jobs.rescheduled_other },
            { outcome: 'Open', jobs: jobs.open },
          ],
          chart: { type: 'bar', category: 'outcome', series: ['jobs'], horizontal: true },
          empty: 'Jobs show here once they are scheduled in this period.',
        }),
        figure({
          id: 'canceled-by-reason',
          title: 'Canceled jobs by reason',
          columns: [
            { key: 'reason', label: 'Reason', kind: 'text' },
            { key: 'count', label: 'Jobs', kind: 'count' },
          ],
          rows: jobs.canceled_by_reason.map((r) => ({ reason: r.reason, count: r.count })),
          chart: { type: 'pie', category: 'reason', series: ['count'] },
          empty: 'No job of this period was canceled.',
        }),
      ],
    },
    {
      id: 'punctuality',
      title: 'Punctuality',
      figures: [
        figure({
          id: 'punctuality',
          title: 'Starts on time',
          columns: [
            { key: 'measured', label: 'Jobs measured', kind: 'count' },
            { key: 'on_time', label: 'On time (within 15 min)', kind: 'share' },
            { key: 'delay', label: 'Average delay', kind: 'minutes' },
          ],
          rows: [
            {
              measured: punctuality.measured,
              on_time: punctuality.on_time_rate,
              delay: punctuality.average_delay_minutes,
            },
          ],
          empty: '',
        }),
        figure({
          id: 'duration-by-service',
          title: 'Time on the job vs the estimate, by service',
          columns: [
            { key: 'name', label: 'Service', kind: 'text' },
            { key: 'jobs', label: 'Jobs', kind: 'count' },
            { key: 'actual', label: 'Average actual', kind: 'minutes' },
            { key: 'estimated', label: 'Average estimate', kind: 'minutes' },
          ],
          rows: punctuality.by_service.map((s) => ({
            name: s.name,
            jobs: s.jobs,
            actual: s.average_actual_minutes,
            estimated: s.average_estimated_minutes,
          })),
          chart: { type: 'bar', category: 'name', series: ['actual', 'estimated'] },
          empty:
            'Punctuality shows once crews record when they start and finish completed jobs (the actual start and end times).',
        }),
      ],
    },
    {
      id: 'staff',
      title: 'Staff',
      figures: [
        figure({
          id: 'staff-utilization',
          title: 'Booked vs available hours',
          columns: [
            { key: 'name', label: 'Staff', kind: 'text' },
            { key: 'role', label: 'Role', kind: 'text' },
            { key: 'jobs', label: 'Jobs completed', kind: 'count' },
            { key: 'revenue', label: 'Revenue', kind: 'money' },
            { key: 'booked', label: 'Booked', kind: 'hours' },
            { key: 'available', label: 'Available', kind: 'hours' },
            { key: 'utilization', label: 'Utilization', kind: 'share' },
            { key: 'rating', label: 'Average rating', kind: 'rating' },
            { key: 'ratings', label: 'Ratings', kind: 'count' },
          ],
          rows: staff.map((s) => ({
            name: s.name,
            role: s.role.replace(/_/g, ' '),
            jobs: s.jobs_completed,
            revenue: s.revenue,
            booked: s.booked_hours,
            available: s.available_hours,
            utilization: s.utilization,
            rating: s.average_rating,
            ratings: s.ratings,
          })),
          chart: { type: 'bar', category: 'name', series: ['booked', 'available'] },
          empty:
            'Staff show here once crew members are added with their weekly hours and jobs are booked for them.',
        }),
      ],
    },
    {
      id: 'clients',
      title: 'Clients',
      figures: [
        figure({
          id: 'clients',
          title: 'Clients in the period',
          columns: [
            { key: 'new', label: 'New', kind: 'count' },
            { key: 'active', label: 'Active', kind: 'count' },
            { key: 'repeat', label: 'Repeat rate', kind: 'share' },
            { key: 'balance', label: 'Balance due now', kind: 'money' },
            { key: 'owing', label: 'Clients with a balance', kind: 'count' },
          ],
          rows: [
            {
              new: clients.new,
              active: clients.active,
              repeat: clients.repeat_rate,
              balance: clients.balance_due_total,
              owing: clients.clients_with_balance,
            },
          ],
          empty: '',
        }),
        figure({
          id: 'top-clients',
          title: 'Top clients by revenue',
          columns: [
            { key: 'name', label: 'Client', kind: 'text' },
            { key: 'jobs', label: 'Jobs', kind: 'count' },
            { key: 'revenue', label: 'Revenue', kind: 'money' },
          ],
          rows: clients.top.map((c) => ({ name: c.name, jobs: c.jobs, revenue: c.revenue })),
          chart: { type: 'bar', category: 'name', series: ['revenue'], horizontal: true },
          empty: 'Top clients show once their jobs are completed with an amount charged.',
        }),
      ],
    },
    {
      id: 'weather',
      title: 'Weather impact',
      figures: [
        figure({
          id: 'weather-summary',
          title: 'What the weather cost',
          columns: [
            { key: 'moved', label: 'Jobs moved', kind: 'count' },
            { key: 'shifted', label: 'Revenue shifted to other days', kind: 'money' },
            { key: 'days', label: 'Days lost', kind: 'count' },
          ],
          rows: [
            {
              moved: weather.jobs_moved,
              shifted: weather.revenue_shifted,
              days: weather.days_lost,
            },
          ],
          empty: '',
        }),
        figure({
          id: 'weather-impact',
          title: 'Jobs moved by the weather',
          columns: [
            { key: 'measure', label: 'Measure', kind: 'text' },
            { key: 'jobs', label: 'Jobs', kind: 'count' },
          ],
          rows: [
            { measure: 'Rescheduled for weather', jobs: jobs.rescheduled_weather },
            { measure: 'Rescheduled for other reasons', jobs: jobs.rescheduled_other },
          ],
          chart: { type: 'pie', category: 'measure', series: ['jobs'] },
          empty:
            'Weather impact shows once jobs are moved because of the forecast (approved on the Weather plan page).',
        }),
      ],
    },
    {
      id: 'texts',
      title: 'Texts',
      figures: [
        figure({
          id: 'texts',
          title: 'Texts to clients',
          columns: [
            { key: 'measure', label: 'Measure', kind: 'text' },
            { key: 'count', label: 'Texts or clients', kind: 'count' },
          ],
          rows: [
            { measure: 'Sent', count: messaging.sent },
            { measure: 'Delivered', count: messaging.delivered },
            { measure: 'Failed', count: messaging.failed },
            { measure: 'Opt-outs', count: messaging.opt_outs },
          ],
          note:
            messaging.confirmation_rate === null
              ? 'Confirmation rate: no client was texted about a job of this period.'
              : `Confirmation rate: ${formatShare(messaging.confirmation_rate)} of the jobs whose client was texted about them were confirmed.`,
          chart: { type: 'bar', category: 'measure', series: ['count'] },
          empty:
            'Texts show once confirmations and reminders go out (connect Twilio in Settings → Text messages).',
        }),
      ],
    },
    {
      id: 'equipment',
      title: 'Equipment',
      figures: [
        figure({
          id: 'maintenance-cost-by-item',
          title: 'Maintenance cost by item',
          columns: [
            { key: 'name', label: 'Equipment', kind: 'text' },
            { key: 'cost', label: 'Cost', kind: 'money' },
          ],
          rows: equipment.by_item.map((e) => ({ name: e.name, cost: e.cost })),
          chart: { type: 'bar', category: 'name', series: ['cost'], horizontal: true },
          empty: "Maintenance costs show once maintenance is logged on an equipment item's page.",
        }),
        figure({
          id: 'maintenance-overdue',
          title: 'Maintenance overdue now',
          columns: [
            { key: 'name', label: 'Equipment', kind: 'text' },
            { key: 'due', label: 'Due', kind: 'date' },
          ],
          rows: equipment.overdue.map((e) => ({ name: e.name, due: e.due_date })),
          empty: 'No equipment is overdue for maintenance.',
        }),
      ],
    },
  ];
}

export interface Headline {
  id: string;
  label: string;
  value: string;
  /** The change against the previous period, when there is one to compare with. */
  delta?: Delta;
  /** More of the same figure, in words ("of 42 measured jobs"). */
  note?: string;
}

export interface Delta {
  text: string;
  /** Whether the change is good news: revenue up is, cancellations up is not. */
  tone: 'good' | 'bad' | 'neutral';
}

/** "▲ 12% vs previous", or "▲ from 0 vs previous" when there was nothing before. */
export function delta(
  current: number,
  previous: number | null,
  upIsGood = true,
): Delta | undefined {
  if (previous === null) return undefined;
  if (current === previous) return { text: 'No change vs previous', tone: 'neutral' };
  const up = current > previous;
  const tone = up === upIsGood ? 'good' : 'bad';
  const arrow = up ? '▲' : '▼';
  if (previous === 0) return { text: `${arrow} from 0 vs previous`, tone };
  const percent = Math.round((Math.abs(current - previous) / Math.abs(previous)) * 100);
  return { text: `${arrow} ${percent}% vs previous`, tone };
}

export function headlines(report: Report): Headline[] {
  const { revenue, jobs, punctuality, clients, weather, messaging, equipment } = report;
  const before = jobs.previous;
  return [
    {
      id: 'revenue',
      label: 'Revenue',
      value: formatMoney(revenue.total),
      delta: delta(revenue.total, revenue.previous_total),
    },
    {
      id: 'completed',
      label: 'Jobs completed',
      value: whole.format(jobs.completed),
      delta: delta(jobs.completed, before?.completed ?? null),
    },
    {
      id: 'canceled',
      label: 'Canceled',
      value: whole.format(jobs.canceled),
      delta: delta(jobs.canceled, before?.canceled ?? null, false),
      note: `${whole.format(jobs.no_shows)} no-shows`,
    },
    {
      id: 'rescheduled',
      label: 'Rescheduled',
      value: whole.format(jobs.rescheduled),
      delta: delta(jobs.rescheduled, before?.rescheduled ?? null, false),
      note: `${whole.format(jobs.rescheduled_weather)} for weather`,
    },
    {
      id: 'no-shows',
      label: 'No-shows',
      value: whole.format(jobs.no_shows),
      delta: delta(jobs.no_shows, before?.no_shows ?? null, false),
    },
    { id: 'open', label: 'Open jobs', value: whole.format(jobs.open) },
    {
      id: 'on-time',
      label: 'On time',
      value: formatShare(punctuality.on_time_rate),
      delta:
        punctuality.on_time_rate === null
          ? undefined
          : delta(punctuality.on_time_rate, punctuality.previous?.on_time_rate ?? null),
      note:
        punctuality.measured === 0
          ? 'no job with an actual start yet'
          : `of ${whole.format(punctuality.measured)} measured jobs`,
    },
    {
      id: 'delay',
      label: 'Average delay',
      value:
        punctuality.average_delay_minutes === null
          ? '—'
          : `${oneDecimal.format(punctuality.average_delay_minutes)} min`,
    },
    {
      id: 'new-clients',
      label: 'New clients',
      value: whole.format(clients.new),
      delta: delta(clients.new, clients.previous?.new ?? null),
    },
    {
      id: 'active-clients',
      label: 'Active clients',
      value: whole.format(clients.active),
      delta: delta(clients.active, clients.previous?.active ?? null),
      note: `${formatShare(clients.repeat_rate)} came back`,
    },
    {
      id: 'balance-due',
      label: 'Balance due now',
      value: formatMoney(clients.balance_due_total),
      note: `${whole.format(clients.clients_with_balance)} clients owe`,
    },
    {
      id: 'weather-moved',
      label: 'Moved by weather',
      value: whole.format(weather.jobs_moved),
      delta: delta(weather.jobs_moved, weather.previous?.jobs_moved ?? null, false),
      note: `${formatMoney(weather.revenue_shifted)} shifted · ${whole.format(weather.days_lost)} days lost`,
    },
    {
      id: 'confirmation-rate',
      label: 'Confirmed by text',
      value: formatShare(messaging.confirmation_rate),
      note: `${whole.format(messaging.sent)} texts sent`,
    },
    {
      id: 'texts-sent',
      label: 'Texts sent',
      value: whole.format(messaging.sent),
      delta: delta(messaging.sent, messaging.previous?.sent ?? null),
      note: `${whole.format(messaging.delivered)} delivered · ${whole.format(messaging.failed)} failed`,
    },
    {
      id: 'maintenance',
      label: 'Maintenance cost',
      value: formatMoney(equipment.maintenance_cost),
      delta: delta(equipment.maintenance_cost, equipment.previous_maintenance_cost, false),
      note: `${whole.format(equipment.overdue.length)} overdue now`,
    },
  ];
}

/** Nothing at all happened in the period (a new business, or a period before it started). */
export const isEmptyReport = (report: Report) =>
  report.jobs.completed +
    report.jobs.canceled +
    report.jobs.rescheduled +
    report.jobs.open +
    report.clients.new +
    report.messaging.sent +
    report.equipment.by_item.length ===
  0;
