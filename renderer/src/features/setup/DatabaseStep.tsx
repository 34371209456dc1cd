// Step 2: where the data lives — this computer (the default), or MongoDB Atlas / another server,
// with a URI field that hides its password until asked and a Test button that answers in words.
import {
  Alert,
  Button,
  CircularProgress,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from '@mui/material';
import { useId } from 'react';
import type { ConnectionTest, Output } from '../../../../shared/contract';
import { UriField } from '../settings/database/UriField';
import type { DatabaseForm, FieldErrors } from './model';

export type SetupDatabase = NonNullable<Output<'setup.status'>['database']>;

export function DatabaseStep(props: {
  value: DatabaseForm;
  onChange: (value: DatabaseForm) => void;
  errors: FieldErrors;
  database: SetupDatabase;
  test: ConnectionTest | null;
  testing: boolean;
  onTest: () => void;
  busy: boolean;
}) {
  const { value, onChange, errors, database } = props;
  const labelId = useId();

  if (database.fromEnvironment) {
    return (
      <Alert severity="info" data-testid="database-from-environment">
        This app was started with a MONGODB_URI setting, so it uses {database.server}. To choose
        here instead, start the app without that setting.
      </Alert>
    );
  }

  return (
    <>
      <FormControl>
        <FormLabel id={labelId}>Keep the business&apos;s data</FormLabel>
        <RadioGroup
          aria-labelledby={labelId}
          name="database"
          value={value.choice}
          onChange={(e) => onChange({ ...value, choice: e.target.value as DatabaseForm['choice'] })}
        >
          <FormControlLabel
            value="embedded"
            disabled={props.busy}
            control={<Radio />}
            label={
              <span>
                <strong>On this computer</strong> (recommended)
                <Typography
                  variant="body2"
                  color="text.secondary"
                  component="span"
                  sx={{ display: 'block' }}
                >
                  Nothing to set up: the app keeps its own database in this computer&apos;s user
                  folder.
                </Typography>
              </span>
            }
          />
          <FormControlLabel
            value="uri"
            disabled={props.busy}
            control={<Radio />}
            label={
              <span>
                <strong>MongoDB Atlas / my server</strong>
                <Typography
                  variant="body2"
                  color="text.secondary"
                  component="span"
                  sx={{ display: 'block' }}
                >
                  For several desks sharing one business, or data kept on your own server.
                </Typography>
              </span>
            }
          />
        </RadioGroup>
      </FormControl>
      {value.choice === 'uri' && (
        <Stack spacing={1.5}>
          {!database.canSaveUri && (
            <Alert severity="warning" data-testid="cannot-save-uri">
              A server can be used only if its URI can be kept safely, and{' '}
              {database.cannotSaveReason ?? 'it cannot'}. Choose &ldquo;On this computer&rdquo;, or
              install the OS keychain support and restart the app.
            </Alert>
          )}
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <UriField
              label="Connection string (URI)"
              name="uri"
              value={value.uri}
              onChange={(uri) => onChange({ ...value, uri })}
              required
              disabled={props.busy}
              problem={errors['database.uri']}
              hint="From Atlas: Connect → Drivers. It starts with mongodb+srv:// or mongodb:// and holds the password."
            />
            <Button
              variant="outlined"
              onClick={props.onTest}
              disabled={props.testing || props.busy}
              sx={{ mt: 1, flexShrink: 0 }}
              startIcon={props.testing ? <CircularProgress size={16} /> : undefined}
            >
              {props.testing ? 'Testing…' : 'Test'}
            </Button>
          </Stack>
          {props.test && (
            <Alert
              severity={props.test.ok ? 'success' : 'error'}
              role={props.test.ok ? 'status' : 'alert'}
              data-testid="database-test"
            >
              {props.test.message}
            </Alert>
          )}
          <FormHelperText>
            Next tests the server again and switches to it. If it already holds a business, you sign
            in there with your account instead of setting up a new one.
          </FormHelperText>
        </Stack>
      )}
    </>
  );
}
