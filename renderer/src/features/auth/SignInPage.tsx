// Sign-in form: email and password, with the core's reason shown when it refuses.
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { fieldErrors, formError as topError } from './fieldErrors';
import { DEMO_ACCOUNTS_KEY, useSignIn } from './useSession';
import { useQueryClient } from '@tanstack/react-query';
import type { Output } from '../../../../shared/contract';

export function SignInPage() {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errors = fieldErrors(signIn.error);
  const formError = topError(signIn.error);
  const demo = useQueryClient().getQueryData<Output<'auth.loadDemo'>>(DEMO_ACCOUNTS_KEY);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <Box sx={{ display: 'grid', placeItems: 'center', flexGrow: 1, p: 3 }}>
      <Paper
        component="form"
        onSubmit={submit}
        sx={{ p: 4, width: 380 }}
        aria-labelledby="sign-in-title"
      >
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <LockOutlinedIcon color="primary" />
            <Typography id="sign-in-title" variant="h5" component="h1">
              Sign in
            </Typography>
          </Stack>
          {formError && <Alert severity="error">{formError}</Alert>}
          {demo && (
            <Alert severity="info" data-testid="demo-accounts">
              Demo data is loaded. Sign in as{' '}
              {demo.accounts.map((a) => `${a.email} (${a.role})`).join(', ')} with the password “
              {demo.password}”.
            </Alert>
          )}
          <TextField
            label="Email"
            type="email"
            autoComplete="username"
            autoFocus
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={Boolean(errors.email)}
            helperText={errors.email}
          />
          <TextField
            label="Password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={Boolean(errors.password)}
            helperText={errors.password}
          />
          <Button type="submit" variant="contained" disabled={signIn.isPending}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}
