// Settings: the business's configuration, one section per area (map and routes, weather, text
// messages). Owners and admins edit; everyone else reads why they cannot.
import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import type { ComponentType } from 'react';
import type { Output } from '../../../../shared/contract';
import { pages } from '../../app/pages';
import { useSession } from '../auth/useSession';
import { useBusiness } from './business';
import { MapSettingsSection } from './MapSettingsSection';
import { MessagingSettings } from './MessagingSettings';
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
  id: string;
  title: string;
  description: string;
  Component: ComponentType<SettingsSectionProps>;
}

const sections: SettingsSection[] = [
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
];

export function SettingsPage() {
  const session = useSession().data?.session;
  const canEdit = session?.permissions.includes('settings.manage') ?? false;
  const business = useBusiness();

  let body;
  if (business.isPending) {
    body = (
      <Box sx={{ display: 'grid', placeItems: 'center', py: 8 }}>
        <CircularProgress aria-label="Loading the settings" />
      </Box>
    );
  } else if (business.isError) {
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
      <Stack spacing={3}>
        {!canEdit && (
          <Alert severity="info" icon={<LockIcon />} data-testid="settings-read-only">
            Only owners and admins can change settings. These are the settings {business.data.name}{' '}
            works with; ask an owner or an admin to change them.
          </Alert>
        )}
        {sections.map(({ id, title, description, Component }) => (
          <Paper
            key={id}
            component="section"
            variant="outlined"
            aria-labelledby={`settings-${id}`}
            data-testid={`settings-${id}`}
            sx={{ p: 3 }}
          >
            <Typography id={`settings-${id}`} variant="h6" component="h2">
              {title}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {description}
            </Typography>
            <Component business={business.data} canEdit={canEdit} />
          </Paper>
        ))}
      </Stack>
    );
  }

  return (
    <Box component="section" aria-labelledby="page-title" sx={{ p: 3, maxWidth: 880 }}>
      <Typography id="page-title" variant="h5" component="h1" gutterBottom>
        {settingsPage?.title ?? 'Settings'}
      </Typography>
      <Typography color="text.secondary">{settingsPage?.purpose}</Typography>
      <Typography role="status" variant="body2" color="text.secondary" sx={{ mb: 3 }}>
        {settingsPage?.nextStep}
      </Typography>
      {body}
    </Box>
  );
}
