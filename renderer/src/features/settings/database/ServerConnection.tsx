// Settings → Database → A MongoDB server: its URI (masked like a password, with a show toggle),
// Test (reachable, signed in, how fast — in plain words), and "Copy my data and switch", which
// opens the guided copy.
import { Alert, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { DatabaseStatus } from '../../../../../shared/contract';
import { mongoUriSchema } from '../../../../../shared/contract/channels/database';
import { useApi } from '../../../api/context';
import { CopyDialog } from './CopyDialog';
import { UriField } from './UriField';

export function ServerConnection({
  status,
  businessName,
}: {
  status: DatabaseStatus;
  businessName: string;
}) {
  const api = useApi();
  const [uri, setUri] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [copying, setCopying] = useState<string | null>(null);
  const test = useMutation({ mutationFn: (value: string) => api.database.test({ uri: value }) });

  const canCopy = status.kind === 'embedded' && !status.environmentDecides;
  const checked = () => {
    const parsed = mongoUriSchema.safeParse(uri);
    if (parsed.success) return parsed.data;
    setProblem(
      uri.trim() === ''
        ? 'Enter the connection string from Atlas (Connect → Drivers), e.g. mongodb+srv://user:password@cluster0.example.mongodb.net/servicepro'
        : (parsed.error.issues[0]?.message ?? 'That is not a MongoDB URI.'),
    );
    return null;
  };

  return (
    <Stack spacing={1.5} data-testid="database-server-form">
      <UriField
        label="MongoDB URI"
        name="mongodb_uri"
        value={uri}
        onChange={(value) => {
          setUri(value);
          setProblem(null);
          test.reset();
        }}
        problem={problem}
        hint="With its user name and password; it is kept in this computer’s keychain, never in the database."
        sx={{ maxWidth: 640 }}
      />
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <Button
          variant="outlined"
          disabled={test.isPending}
          startIcon={test.isPending ? <CircularProgress size={16} /> : undefined}
          onClick={() => {
            const value = checked();
            if (value) test.mutate(value);
          }}
        >
          Test
        </Button>
        {canCopy && (
          <Button
            variant="contained"
            onClick={() => {
              const value = checked();
              if (value) setCopying(value);
            }}
          >
            Copy my data and switch
          </Button>
        )}
      </Stack>
      {test.data && (
        <Alert severity={test.data.ok ? 'success' : 'error'} data-testid="database-test-result">
          {test.data.message}
        </Alert>
      )}
      {test.isError && <Alert severity="error">{test.error.message}</Alert>}
      {!canCopy && !status.environmentDecides && (
        <Typography variant="body2" color="text.secondary">
          The app uses {status.server}. To move the business to another server, export it here and
          import it there.
        </Typography>
      )}
      <CopyDialog
        open={copying !== null}
        uri={copying ?? ''}
        businessName={businessName}
        onClose={() => setCopying(null)}
      />
    </Stack>
  );
}
