// The connection/health chip in the top bar, with each check's message in its tooltip.
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import SyncIcon from '@mui/icons-material/Sync';
import WarningIcon from '@mui/icons-material/Warning';
import { Box, Chip, Tooltip } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { useApi, useConnectionState } from '../api/context';

const HEALTH_POLL_MS = 15_000;

type Look = {
  label: string;
  color: 'success' | 'warning' | 'error' | 'default';
  icon: ReactElement;
};

export function useHealth() {
  const api = useApi();
  const connection = useConnectionState();
  const health = useQuery({
    queryKey: ['app.health'],
    queryFn: () => api.app.health(),
    refetchInterval: HEALTH_POLL_MS,
    enabled: connection === 'open',
    retry: false,
  });
  return { connection, health };
}

export function HealthIndicator() {
  const { connection, health } = useHealth();
  let look: Look;
  let detail: string[];
  if (connection === 'unauthorized') {
    look = { label: 'No access key', color: 'error', icon: <ErrorIcon /> };
    detail = ['Open the address printed by `npm run web`; it carries the access key.'];
  } else if (connection !== 'open') {
    look = {
      label: connection === 'connecting' ? 'Connecting…' : 'Reconnecting…',
      color: 'warning',
      icon: <SyncIcon />,
    };
    detail = ['The app is not reachable right now; it retries on its own.'];
  } else if (health.isError) {
    look = { label: 'Health unknown', color: 'warning', icon: <WarningIcon /> };
    detail = [health.error.message];
  } else if (!health.data) {
    look = { label: 'Checking…', color: 'default', icon: <SyncIcon /> };
    detail = [];
  } else {
    const status = health.data.status;
    look =
      status === 'ok'
        ? { label: 'Connected', color: 'success', icon: <CheckCircleIcon /> }
        : status === 'degraded'
          ? { label: 'Connected — degraded', color: 'warning', icon: <WarningIcon /> }
          : { label: 'Problem', color: 'error', icon: <ErrorIcon /> };
    detail = health.data.checks.map((c) => `${c.name}: ${c.message}`);
  }
  return (
    <Tooltip
      title={
        detail.length ? (
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {detail.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </Box>
        ) : (
          ''
        )
      }
    >
      <Chip
        data-testid="health-indicator"
        data-connection={connection}
        data-status={health.data?.status ?? 'unknown'}
        size="small"
        variant="outlined"
        color={look.color}
        icon={look.icon}
        label={look.label}
      />
    </Tooltip>
  );
}
