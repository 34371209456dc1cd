// Step 1: what the app is, and the two ways on — set up a business, or look around in demo data.
import { Alert, Typography } from '@mui/material';

export function WelcomeStep({ demoError }: { demoError: string | null }) {
  return (
    <>
      <Typography>
        ServicePro Dispatch puts your crews&apos; day on one board: drag jobs between people and
        times, see routes on the map, text clients when a crew is on its way, and reschedule when
        the weather turns.
      </Typography>
      <Typography color="text.secondary">
        Setting up takes a few minutes: where your data lives, your own account, and your
        business&apos;s details and opening hours. You can change all of it later in Settings.
      </Typography>
      {demoError && <Alert severity="error">{demoError}</Alert>}
    </>
  );
}
