// The card a setup wizard sits in: its title, the steps (MUI Stepper), the current step's heading —
// focused when the step changes, so a screen reader says where the user is — and its form.
import { Box, Paper, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

export function WizardFrame(props: {
  title: string;
  steps: readonly string[];
  active: number;
  /** Step indexes with a field to correct (their label turns red). */
  withErrors?: ReadonlySet<number>;
  heading: string;
  onSubmit: () => void;
  children: ReactNode;
  /** Back / Next and other actions, under the step's fields. */
  actions: ReactNode;
}) {
  const titleId = useId();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    // The first step keeps the page's natural focus; later ones take it to their heading.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [props.active]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };

  return (
    <Box sx={{ display: 'grid', placeItems: 'center', flexGrow: 1, p: 3 }}>
      <Paper
        component="section"
        aria-labelledby={titleId}
        sx={{ p: 4, width: '100%', maxWidth: 760 }}
        data-testid="setup-wizard"
      >
        <Typography id={titleId} variant="h5" component="h1" gutterBottom>
          {props.title}
        </Typography>
        <Stepper
          activeStep={props.active}
          alternativeLabel
          sx={{ my: 3 }}
          component="ol"
          aria-label="Setup steps"
        >
          {props.steps.map((label, i) => (
            <Step
              key={label}
              completed={i < props.active}
              component="li"
              aria-current={i === props.active ? 'step' : undefined}
            >
              <StepLabel error={props.withErrors?.has(i) ?? false}>{label}</StepLabel>
            </Step>
          ))}
        </Stepper>
        <Box component="form" noValidate onSubmit={submit} aria-labelledby={headingId}>
          <Stack spacing={2}>
            <div>
              <Typography variant="overline" color="text.secondary" component="p">
                Step {props.active + 1} of {props.steps.length}
              </Typography>
              <Typography
                id={headingId}
                ref={headingRef}
                tabIndex={-1}
                variant="h6"
                component="h2"
                sx={{ outline: 'none' }}
              >
                {props.heading}
              </Typography>
            </div>
            {props.children}
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end', pt: 1 }}>
              {props.actions}
            </Stack>
          </Stack>
        </Box>
      </Paper>
    </Box>
  );
}
