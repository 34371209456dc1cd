// The in-app alert for new jobs at weather risk (weather.alert), with a way to the Weather plan. In
// the desktop app the tray notification does this job, so the alert shows in browser mode only.
import CloseIcon from '@mui/icons-material/Close';
import { Alert, AlertTitle, Button, IconButton, Snackbar } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { EventPayload } from '../../../../shared/contract';
import { useApi, useConnectionState, useContractEvent } from '../../api/context';
import { useSession } from '../auth/useSession';
import { weatherPlanKey } from './queryKeys';

type WeatherAlertPayload = EventPayload<'weather.alert'>;

export function WeatherAlert() {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const connection = useConnectionState();
  const session = useSession().data?.session;
  const info = useQuery({
    queryKey: ['app.info'],
    queryFn: () => api.app.info(),
    enabled: connection === 'open',
    staleTime: Infinity,
  });
  // Each alert gets its own number, so a second one replaces the first with its own animation.
  const [shown, setShown] = useState<{ seq: number; alert: WeatherAlertPayload } | null>(null);
  const [open, setOpen] = useState(false);

  useContractEvent('weather.alert', (alert) => {
    if (!session || alert.business_id !== session.business.business_id) return;
    void queryClient.invalidateQueries({ queryKey: weatherPlanKey });
    if (info.data?.mode !== 'browser') return;
    setShown((previous) => ({ seq: (previous?.seq ?? 0) + 1, alert }));
    setOpen(true);
  });

  if (!shown || !session) return null;
  const close = () => setOpen(false);
  return (
    <Snackbar
      key={shown.seq}
      open={open}
      onClose={(_, reason) => {
        // A click elsewhere on the page does not hide it: the dispatcher decides.
        if (reason !== 'clickaway') close();
      }}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
    >
      <Alert
        severity="warning"
        variant="filled"
        data-testid="weather-alert"
        action={
          <>
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                close();
                navigate('/weather');
              }}
            >
              Review
            </Button>
            <IconButton color="inherit" size="small" aria-label="Hide this alert" onClick={close}>
              <CloseIcon fontSize="small" />
            </IconButton>
          </>
        }
        sx={{ maxWidth: 440 }}
      >
        <AlertTitle>{shown.alert.title}</AlertTitle>
        {shown.alert.body}
      </Alert>
    </Snackbar>
  );
}
