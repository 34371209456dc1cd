// Settings → Database: where the data is (this computer or a MongoDB server), testing a server and
// moving the business's data to it with a guided copy, switching back, removing the copy left on
// this computer, and exporting or importing the business as a folder of JSON files. Owners and
// admins only; the parts are in database/.
import { Alert, Box, Button, CircularProgress, Divider, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useApi } from '../../api/context';
import { ExportImport } from './database/ExportImport';
import { ServerConnection } from './database/ServerConnection';
import { databaseStatusKey } from './database/shared';
import { WhereData } from './database/WhereData';
import type { SettingsSectionProps } from './SettingsPage';

function Part({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <Box component="section" aria-labelledby={id} data-testid={id}>
      <Typography id={id} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {description}
      </Typography>
      {children}
    </Box>
  );
}

function DatabaseParts({ businessName }: { businessName: string }) {
  const api = useApi();
  const status = useQuery({ queryKey: databaseStatusKey, queryFn: () => api.database.status() });
  if (status.isPending) {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={18} aria-label="Checking the database" />
        <Typography variant="body2" color="text.secondary">
          Checking the database…
        </Typography>
      </Stack>
    );
  }
  if (status.isError) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => void status.refetch()}>
            Try again
          </Button>
        }
      >
        Could not tell which database is in use: {status.error.message}
      </Alert>
    );
  }
  return (
    <Stack spacing={3} divider={<Divider flexItem />}>
      <Part
        id="database-part-where"
        title="Where the data is"
        description="The database the app reads and writes, for everyone using it on this computer."
      >
        <WhereData status={status.data} />
      </Part>
      <Part
        id="database-part-server"
        title="A MongoDB server (e.g. MongoDB Atlas)"
        description="Several computers can share one server. Test its URI, then copy this business's data to it and switch: the app checks every record arrived before it switches."
      >
        <ServerConnection status={status.data} businessName={businessName} />
      </Part>
      <Part
        id="database-part-export"
        title="Export and import"
        description="The business's data as a folder of JSON files: to keep, or to bring into another database."
      >
        <ExportImport />
      </Part>
    </Stack>
  );
}

export function DatabaseSettings({ business, canEdit }: SettingsSectionProps) {
  if (!canEdit) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="database-read-only">
        Only owners and admins can see where the data is kept, move it to a server, or export and
        import it.
      </Typography>
    );
  }
  return <DatabaseParts businessName={business.name} />;
}
