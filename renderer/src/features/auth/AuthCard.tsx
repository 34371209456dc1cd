// The centred card the sign-in and first-run forms sit in: icon, heading, then the form's fields.
import { Box, Paper, Stack, Typography } from '@mui/material';
import { useId, type FormEvent, type ReactNode } from 'react';

export function AuthCard(props: {
  icon: ReactNode;
  title: string;
  width: number;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <Box sx={{ display: 'grid', placeItems: 'center', flexGrow: 1, p: 3 }}>
      <Paper
        component="form"
        onSubmit={submit}
        sx={{ p: 4, width: props.width }}
        aria-labelledby={titleId}
      >
        <Stack spacing={2}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            {props.icon}
            <Typography id={titleId} variant="h5" component="h1">
              {props.title}
            </Typography>
          </Stack>
          {props.children}
        </Stack>
      </Paper>
    </Box>
  );
}
