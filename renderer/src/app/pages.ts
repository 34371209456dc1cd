// The app's pages, in navigation order: what each is for and what to do while it is empty.
// Plain data (no JSX) so end-to-end tests can walk the same list.
import type { Permission } from '../../../shared/auth/permissions';

export interface PageInfo {
  path: string;
  title: string;
  /** What the page is for, shown while it is empty. */
  purpose: string;
  /** What the user can do now to get there. */
  nextStep: string;
  /** Starts a new group in the navigation. */
  divider?: boolean;
  /** Shown only to roles with this permission (the core refuses the page's channels to others). */
  permission?: Permission;
}

export const pages: PageInfo[] = [
  {
    path: '/board',
    title: 'Dispatch board',
    purpose: "The day's jobs in one lane per crew member, with the unassigned queue beside them.",
    nextStep: 'Add the people you dispatch under Staff; each becomes a lane on this board.',
  },
  {
    path: '/calendar',
    title: 'Calendar',
    purpose: 'The same appointments by week or month, coloured by crew or status.',
    nextStep: 'Schedule a job on the dispatch board and it shows here too.',
  },
  {
    path: '/map',
    title: 'Map',
    purpose: "Client locations and each crew's route for the day.",
    nextStep:
      "Use Find on map on a client's page to place it (Clients → a client → Find on map); clients appear here as markers, and the day's jobs as stops on each crew's route.",
  },
  {
    path: '/weather',
    title: 'Weather plan',
    purpose:
      'Upcoming jobs the forecast puts at risk, each with a proposed new slot to approve or dismiss.',
    nextStep:
      'Nothing to do: the forecast is checked on its own. Click Check now to look again, or change the limits in Settings → Weather.',
  },
  {
    path: '/clients',
    title: 'Clients',
    purpose: 'Everyone you work for: addresses, contact preferences and job history.',
    nextStep: 'Add your first client, or import a CSV file of clients.',
    divider: true,
  },
  {
    path: '/staff',
    title: 'Staff',
    purpose: 'Crew members, their weekly availability, time off and equipment.',
    nextStep: 'Add the people you dispatch; each becomes a lane on the board.',
  },
  {
    path: '/services',
    title: 'Services',
    purpose: 'What you sell: duration, price and the equipment and crew size each needs.',
    nextStep: 'Add a service so jobs can be priced and timed automatically.',
  },
  {
    path: '/equipment',
    title: 'Equipment',
    purpose: 'Mowers, vans and tools: who has them and when maintenance is due.',
    nextStep: 'Add equipment to keep it from being double-booked.',
  },
  {
    path: '/availability',
    title: 'Availability',
    purpose: 'Business closures, special hours and staff time off.',
    nextStep: 'Add a holiday or a staff day off so nobody is booked then.',
  },
  {
    path: '/notifications',
    title: 'Messages',
    purpose:
      'Texts to clients — confirmations, reminders, "on my way" — whether each was delivered, and the replies clients sent back.',
    nextStep:
      'Connect Twilio in Settings → Text messages; confirmations and reminders then go out as jobs are booked.',
    divider: true,
  },
  {
    path: '/calls',
    title: 'Calls',
    purpose: 'Voice sessions with clients and what came of them.',
    nextStep: 'Calls appear here once a voice line is connected.',
  },
  {
    path: '/reports',
    title: 'Reports',
    purpose: 'Revenue, jobs, crews and clients over any period, exportable.',
    nextStep: 'Reports fill in as jobs are completed.',
    permission: 'reports.view',
  },
  {
    path: '/settings',
    title: 'Settings',
    purpose:
      "The business's settings — profile and hours, scheduling rules, the weather watch, texting clients, maps — and how the app looks on this computer.",
    nextStep: 'The defaults work as they are: change them only if your business needs to.',
    permission: 'settings.manage',
    divider: true,
  },
  {
    path: '/users',
    title: 'Users',
    purpose: 'Who can sign in to this business, with which role, and whether they still may.',
    nextStep: 'Add the people who work in the app with you; each gets their own sign-in.',
    permission: 'users.manage',
  },
];
