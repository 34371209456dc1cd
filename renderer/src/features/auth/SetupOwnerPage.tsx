// First run: the business and its owner account, in one short form.
import StorefrontIcon from '@mui/icons-material/Storefront';
import { Alert, Button, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CreateOwnerInput } from '../../../../shared/contract';
import { useApi, useTransport } from '../../api/context';
import { AuthCard } from './AuthCard';
import { fieldErrors, formError } from './fieldErrors';
import { DEMO_ACCOUNTS_KEY, SESSION_KEY } from './useSession';

const verticals: [string, string][] = [
  ['lawn_care', 'Lawn care'],
  ['landscaping', 'Landscaping'],
  ['construction', 'Construction'],
  ['hvac', 'HVAC'],
  ['plumbing', 'Plumbing'],
  ['electrical', 'Electrical'],
  ['cleaning', 'Cleaning'],
  ['pest_control', 'Pest control'],
  ['pool_service', 'Pool service'],
  ['other', 'Other'],
];

export function SetupOwnerPage() {
  const api = useApi();
  const transport = useTransport();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    business: {
      name: '',
      vertical: 'lawn_care',
      phone: '',
      email: '',
      address: '',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    },
    owner: { first_name: '', last_name: '', email: '', password: '' },
  });
  const create = useMutation({
    mutationFn: () => api.auth.createOwner(form as CreateOwnerInput),
    onSuccess: (signedIn) => {
      transport.setResumeToken(signedIn.resume_token);
      return queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
  const demo = useMutation({
    mutationFn: () => api.auth.loadDemo(),
    onSuccess: (accounts) => {
      queryClient.setQueryData(DEMO_ACCOUNTS_KEY, accounts);
      return queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
  });
  const errors = fieldErrors(create.error);
  const field = (group: 'business' | 'owner', name: string, label: string, extra: object = {}) => {
    const path = `${group}.${name}`;
    const value = (form[group] as Record<string, string>)[name] ?? '';
    return (
      <TextField
        label={label}
        value={value}
        required
        onChange={(e) =>
          setForm((f) => ({ ...f, [group]: { ...f[group], [name]: e.target.value } }))
        }
        error={Boolean(errors[path])}
        helperText={errors[path]}
        {...extra}
      />
    );
  };
  const submit = () => {
    create.mutate();
  };
  const top = formError(create.error);

  return (
    <AuthCard
      icon={<StorefrontIcon color="primary" />}
      title="Set up your business"
      width={560}
      onSubmit={submit}
    >
      <Typography color="text.secondary">
        Welcome! Tell us about the business and create the owner account. You can change all of this
        later in Settings.
      </Typography>
      {top && <Alert severity="error">{top}</Alert>}
      {field('business', 'name', 'Business name')}
      {field('business', 'vertical', 'Kind of work', {
        select: true,
        children: verticals.map(([value, label]) => (
          <MenuItem key={value} value={value}>
            {label}
          </MenuItem>
        )),
      })}
      <Stack direction="row" spacing={2}>
        {field('business', 'phone', 'Business phone', { fullWidth: true })}
        {field('business', 'email', 'Business email', { type: 'email', fullWidth: true })}
      </Stack>
      {field('business', 'address', 'Address')}
      {field('business', 'timezone', 'Time zone')}
      <Typography variant="subtitle1" component="h2" sx={{ pt: 1 }}>
        Owner account
      </Typography>
      <Stack direction="row" spacing={2}>
        {field('owner', 'first_name', 'First name', { fullWidth: true })}
        {field('owner', 'last_name', 'Last name', { fullWidth: true })}
      </Stack>
      {field('owner', 'email', 'Email', { type: 'email', autoComplete: 'username' })}
      {field('owner', 'password', 'Password', {
        type: 'password',
        autoComplete: 'new-password',
        helperText:
          errors['owner.password'] ??
          'At least 10 characters, mixing letters with digits or symbols.',
      })}
      <Button type="submit" variant="contained" disabled={create.isPending || demo.isPending}>
        {create.isPending ? 'Creating…' : 'Create business and sign in'}
      </Button>
      {demo.error && <Alert severity="error">{demo.error.message}</Alert>}
      <Button onClick={() => demo.mutate()} disabled={create.isPending || demo.isPending}>
        {demo.isPending ? 'Loading demo data…' : 'Just exploring? Load demo data instead'}
      </Button>
    </AuthCard>
  );
}
