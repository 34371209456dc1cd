// Settings: the business's configuration, one section per area (profile, hours, scheduling,
// weather, text messages, map and routes…) and how the app looks on this computer. A list of the
// sections on the left, the chosen one in the address (`/settings?section=weather`). Owners and
// admins edit the business's settings; everyone else reads them, and anyone may change the look.
import LockIcon from '@mui/icons-material/Lock';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  List,
  ListItemButton,
  ListItemText,
  Paper,
  Typography,
} from '@mui/material';
import { useId, type ComponentType } from 'react';
import { Link as RouterLink, useBlocker, useSearchParams } from 'react-router-dom';
import type { Output } from '../../../../shared/contract';
import { pages } from '../../app/pages';
import { useSession } from '../auth/useSession';
import { AppearanceSettings } from './AppearanceSettings';
import { BackupsSettings } from './BackupsSettings';
import { DatabaseSettings } from './DatabaseSettings';
import { useBusiness } from './business';
import { DirtyForms } from './form/dirty';
import { HoursSettings } from './HoursSettings';
import { MapSettingsSection } from './MapSettingsSection';
import { MessagingSettings } from './MessagingSettings';
import { ProfileSettings } from './ProfileSettings';
import { SchedulingSettings } from './SchedulingSettings';
import { WeatherSettings } from './WeatherSettings';

const settingsPage = pages.find((p) => p.path === '/settings');

export type BusinessDoc = Output<'business.get'>;

export interface SettingsSectionProps {
  business: BusinessDoc;
  /** Owners and admins; others see the values without inputs to change them. */
  canEdit: boolean;
}

/** A part of the page with its own form and Save: each saves only its own settings. */
interface SettingsSection {
  /** In the address: `/settings?section=<id>`; the section's test id is `settings-<id>`. */
  id: string;
  title: string;
  description: string;
  Component: ComponentType<SettingsSectionProps>;
  /**
   * This computer's, not the business's: anyone signed in may change it (the page does not wait
   * for the business to load for it).
   */
  perComputer?: boolean;
}

const sections: SettingsSection[] = [
  {
    id: 'profile',
    title: 'Business profile',
    description:
      "The business's name, trade, phone, email, address and time zone: what clients see in texts, and the zone every date and time is in.",
    Component: ProfileSettings,
  },
  {
    id: 'hours',
    title: 'Business hours',
    description:
      'When the business is open. The board shades these hours; a job outside them asks for confirmation, and a closed day takes no jobs.',
    Component: HoursSettings,
  },
  {
    id: 'scheduling',
    title: 'Scheduling',
    description:
      'The rules every move on the board is checked against, and how far the weather plan may move a job.',
    Component: SchedulingSettings,
  },
  {
    id: 'map',
    title: 'Map and routes',
    description:
      'Where the map tiles come from, and how route optimization estimates driving between stops.',
    Component: MapSettingsSection,
  },
  {
    id: 'weather',
    title: 'Weather',
    description:
      'The weather watch: where forecasts come from, how far ahead and against which limits upcoming jobs are checked, and what may move.',
    Component: WeatherSettings,
  },
  {
    id: 'messaging',
    title: 'Text messages',
    description:
      'Texting clients: the Twilio account texts go out through, the wording of confirmations and reminders, and when and how fast they are sent.',
    Component: MessagingSettings,
  },
  {
    id: 'backups',
    title: 'Backups',
    description:
      'Backups of the database on this computer: made every day and on request, and restored whole when something went wrong.',
    Component: BackupsSettings,
  },
  {
    id: 'database',
    title: 'Database',
    description:
      "Where the business's data is kept — on this computer or a MongoDB server such as Atlas — moving it there with a checked copy, and exporting or importing it as a folder of JSON files.",
    Component: DatabaseSettings,
  },
  {
    id: 'appearance',
    title: 'Appearance',
    description:
      'How the app looks on this computer: light or dark, roomy or compact. Kept on this computer for whoever signs in here.',
    Component: AppearanceSettings,
    perComputer: true,
  },
];

/** Asks before leaving a section (or the page) whose changes are not saved. */
function UnsavedChangesGuard({ dirty, title }: { dirty: boolean; title: string }) {
  const titleId = useId();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search),
  );
  return (
    <Dialog
      open={blocker.state === 'blocked'}
      onClose={() => blocker.reset?.()}
      aria-labelledby={titleId}
      data-testid="settings-unsaved-dialog"
    >
      <DialogTitle id={titleId}>Leave without saving?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          Your changes to {title} are not saved. Stay to save them, or leave and lose them.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => blocker.reset?.()}>Stay</Button>
        <Button color="error" variant="contained" onClick={() => blocker.proceed?.()}>
          Leave without saving
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function SettingsPage() {
  const session = useSession().data?.session;
  const canManage = session?.permissions.includes('settings.manage') ?? false;
  const business = useBusiness();
  const [params] = useSearchParams();
  const current = sections.find((s) => s.id === params.get('section')) ?? sections[0];
  if (!current) return null;
  const canEdit = current.perComputer === true || canManage;
  const { Component } = current;

  let body;
  if (business.isPending && !current.perComputer) {
    body = (
      <Box sx={{ display: 'grid', placeItems: 'center', py: 8 }}>
        <CircularProgress aria-label="Loading the settings" />
      </Box>
    );
  } else if (business.isError && !current.perComputer) {
    body = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => business.refetch()}>
            Try again
          </Button>
        }
      >
        The settings could not be loaded: {business.error.message}
      </Alert>
    );
  } else {
    body = (
      <>
        {!canEdit && (
          <Alert
            severity="info"
            icon={<LockIcon />}
            data-testid="settings-read-only"
            sx={{ mb: 2 }}
          >
            Only owners and admins can change settings. These are the settings{' '}
            {business.data?.name ?? 'the business'} works with; ask an owner or an admin to change
            them.
          </Alert>
        )}
        <Paper
          // A new section is a new form: nothing typed in another is carried over.
          key={current.id}
          component="section"
          variant="outlined"
          aria-labelledby={`settings-${current.id}`}
          data-testid={`settings-${current.id}`}
          sx={{ p: 3 }}
        >
          <Typography id={`settings-${current.id}`} variant="h6" component="h2">
            {current.title}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {current.description}
          </Typography>
          {/* A per-computer section reads no business; the others have it loaded here. */}
          <Component business={business.data as BusinessDoc} canEdit={canEdit} />
        </Paper>
      </>
    );
  }

  return (
    <Box component="section" aria-labelledby="page-title" sx={{ p: 3 }}>
      <Typography id="page-title" variant="h5" component="h1" gutterBottom>
        {settingsPage?.title ?? 'Settings'}
      </Typography>
      <Typography color="text.secondary">{settingsPage?.purpose}</Typography>
      <Typography role="status" variant="body2" color="text.secondary" sx={{ mb: 3 }}>
        {settingsPage?.nextStep}
      </Typography>
      <Box
        sx={{
          display: 'flex',
          flexDirection: { xs: 'column', md: 'row' },
          gap: 3,
          alignItems: 'flex-start',
        }}
      >
        <Paper
          component="nav"
          variant="outlined"
          aria-label="Settings sections"
          sx={{
            width: { xs: '100%', md: 240 },
            flexShrink: 0,
            position: { md: 'sticky' },
            top: 16,
          }}
        >
          <List disablePadding>
            {sections.map((section) => {
              const selected = section.id === current.id;
              return (
                <ListItemButton
                  key={section.id}
                  component={RouterLink}
                  to={{ pathname: '/settings', search: `?section=${section.id}` }}
                  selected={selected}
                  aria-current={selected ? 'page' : undefined}
                  data-testid={`settings-nav-${section.id}`}
                >
                  <ListItemText
                    primary={section.title}
                    secondary={section.perComputer ? 'This computer' : undefined}
                  />
                </ListItemButton>
              );
            })}
          </List>
          {canManage && (
            <Box sx={{ p: 1.5, borderTop: 1, borderColor: 'divider' }}>
              <Button component={RouterLink} to="/setup" size="small" fullWidth>
                Run the setup wizard again
              </Button>
            </Box>
          )}
        </Paper>
        <Box sx={{ flexGrow: 1, minWidth: 0, maxWidth: 880, width: '100%' }}>
          <DirtyForms>
            {(dirty) => (
              <>
                {body}
                <UnsavedChangesGuard dirty={dirty} title={current.title} />
              </>
            )}
          </DirtyForms>
        </Box>
      </Box>
    </Box>
  );
}
