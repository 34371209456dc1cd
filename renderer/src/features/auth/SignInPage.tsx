// Sign-in form: email and password, with the core's reason shown when it refuses.
import LockOutlinedIcon from '@mui/icons-material/LockOutlined';
import { Alert, Button, TextField } from '@mui/material';
import { useState } from 'react';
import { AuthCard } from './AuthCard';
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

  const submit = () => {
    signIn.mutate({ email, password });
  };

  return (
    <AuthCard
      icon={<LockOutlinedIcon color="primary" />}
      title="Sign in"
      width={380}
      onSubmit={submit}
    >
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
    </AuthCard>
  );
}
