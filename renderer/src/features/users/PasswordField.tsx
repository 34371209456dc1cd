// A new password: typed (checked against the core's rules as it is typed) or generated, and the
// panel that shows a password once, with a copy button, for handing over.
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import {
  Alert,
  Box,
  Button,
  IconButton,
  InputAdornment,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import {
  brokenPasswordRules,
  generatePassword,
  PASSWORD_RULES,
  passwordProblem,
} from './userModel';

export function PasswordField({
  label,
  value,
  onChange,
  coreError,
  showProblems,
}: {
  label: string;
  value: string;
  onChange: (password: string, how: 'typed' | 'generated') => void;
  /** What the core said about this field on the last try. */
  coreError?: string;
  /** Show what is wrong even before the field is left (after a submit). */
  showProblems: boolean;
}) {
  const [visible, setVisible] = useState(false);
  const [touched, setTouched] = useState(false);
  const rulesId = useId();
  const broken = brokenPasswordRules(value);
  const message = coreError ?? (touched || showProblems ? passwordProblem(value) : null);
  return (
    <Stack spacing={0.5}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label={label}
          value={value}
          required
          fullWidth
          type={visible ? 'text' : 'password'}
          autoComplete="new-password"
          onChange={(e) => {
            onChange(e.target.value, 'typed');
            if (e.target.value.length >= 10) setTouched(true);
          }}
          onBlur={() => setTouched(true)}
          error={Boolean(message)}
          helperText={message || ' '}
          slotProps={{
            htmlInput: { 'aria-describedby': rulesId, spellCheck: false },
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <IconButton
                    aria-label={visible ? 'Hide password' : 'Show password'}
                    onClick={() => setVisible((v) => !v)}
                    edge="end"
                  >
                    {visible ? <VisibilityOff /> : <Visibility />}
                  </IconButton>
                </InputAdornment>
              ),
            },
          }}
        />
        <Button
          sx={{ mt: 1, flexShrink: 0 }}
          onClick={() => {
            onChange(generatePassword(), 'generated');
            setVisible(true);
            setTouched(true);
          }}
        >
          Generate
        </Button>
      </Stack>
      <List dense disablePadding id={rulesId} aria-label="Password rules">
        {PASSWORD_RULES.map((rule) => {
          const met = value !== '' && !broken.has(rule.message);
          return (
            <ListItem key={rule.label} disableGutters sx={{ py: 0 }} data-met={met}>
              <ListItemIcon sx={{ minWidth: 28 }}>
                {met ? (
                  <CheckCircleIcon fontSize="small" color="success" />
                ) : (
                  <RadioButtonUncheckedIcon fontSize="small" color="disabled" />
                )}
              </ListItemIcon>
              <ListItemText
                primary={rule.label}
                slotProps={{ primary: { variant: 'body2', color: 'text.secondary' } }}
              />
            </ListItem>
          );
        })}
      </List>
    </Stack>
  );
}

/** Shows `password` once; the person handing it over copies it or reads it out. */
export function ShownPassword({ name, password }: { name: string; password: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(password).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <Stack spacing={2}>
      <Typography>
        Give this password to {name}. It is shown only now: once you close this, nobody can see it
        again — only set a new one.
      </Typography>
      <Box
        sx={{
          display: 'flex',
          alignItems: 'center',
          gap: 1,
          p: 1.5,
          borderRadius: 1,
          bgcolor: 'action.hover',
        }}
      >
        <Typography
          component="code"
          data-testid="shown-password"
          sx={{ fontFamily: 'monospace', fontSize: '1.15rem', flexGrow: 1, userSelect: 'all' }}
        >
          {password}
        </Typography>
        <Tooltip title={copied === 'yes' ? 'Copied' : 'Copy password'}>
          <IconButton aria-label="Copy password" onClick={copy}>
            <ContentCopyIcon />
          </IconButton>
        </Tooltip>
      </Box>
      {copied === 'yes' && <Alert severity="success">Copied to the clipboard.</Alert>}
      {copied === 'failed' && (
        <Alert severity="warning">
          The clipboard is not available here: select the password and copy it by hand.
        </Alert>
      )}
    </Stack>
  );
}
