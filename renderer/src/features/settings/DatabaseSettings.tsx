// Settings → Database: where the data is (this computer or a MongoDB server), testing a server and
// moving the business's data to it with a guided copy, switching back, removing the copy left on
// this computer, and exporting or importing the business as a folder of JSON files. Owners and
// admins only; the parts are in database/.
import { Alert, Button, Divider, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/context';
import { ExportImport } from './database/ExportImport';
import { ServerConnection } from './database/ServerConnection';
import { databaseStatusKey } from './database/shared';
import { WhereData } from './database/WhereData';
import { SettingsPart } from './form/SettingsPart';
import { Waiting } from './form/Waiting';
import type { SettingsSectionProps } from './SettingsPage';

function DatabaseParts({ businessName }: { businessName: string }) {
  const api = useApi();
  const status = useQuery({ queryKey: databaseStatusKey, queryFn: () => api.database.status() });
  if (status.isPending) return <Waiting label="Checking the database" />;
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
      <SettingsPart
        id="database-part-where"
        title="Where the data is"
        description="The database the app reads and writes, for everyone using it on this computer."
      >
        <WhereData status={status.data} />
      </SettingsPart>
      <SettingsPart
        id="database-part-server"
        title="A MongoDB server (e.g. MongoDB Atlas)"
        description="Several computers can share one server. Test its URI, then copy this business's data to it and switch: the app checks every record arrived before it switches."
      >
        <ServerConnection status={status.data} businessName={businessName} />
      </SettingsPart>
      <SettingsPart
        id="database-part-export"
        title="Export and import"
        description="The business's data as a folder of JSON files: to keep, or to bring into another database."
      >
        <ExportImport />
      </SettingsPart>
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
