// Last step: what will be created, at a glance, and the choice of sample data to try the board with.
import { Box, Checkbox, FormControlLabel, FormHelperText, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  hoursSummary,
  verticalLabel,
  type BusinessForm,
  type HoursForm,
  type OwnerForm,
} from './model';

export function Summary(props: {
  business: BusinessForm;
  hours: HoursForm;
  owner?: OwnerForm;
  database: string;
}) {
  const { business, owner } = props;
  const rows: [string, ReactNode][] = [
    ['Business', `${business.name} (${verticalLabel(business.vertical)})`],
    ['Contact', `${business.phone} · ${business.email}`],
    ['Address', business.address],
    ['Time zone', business.timezone],
    ['Opening hours', hoursSummary(props.hours)],
    ...(owner
      ? ([['Owner account', `${owner.first_name} ${owner.last_name} · ${owner.email}`]] as [
          string,
          ReactNode,
        ][])
      : []),
    ['Data', props.database],
  ];
  return (
    <Box
      component="dl"
      data-testid="setup-summary"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 3,
        rowGap: 1,
        m: 0,
      }}
    >
      {rows.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Typography component="dt" color="text.secondary">
            {label}
          </Typography>
          <Typography component="dd" sx={{ m: 0 }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}

/** What the sample holds, by the kind of work (the generator's two templates). */
export function sampleDescription(vertical: BusinessForm['vertical']): string {
  const callOuts = vertical === 'hvac' || vertical === 'plumbing' || vertical === 'electrical';
  return callOuts
    ? 'Three technicians, 25 clients and HVAC services, with four weeks of past jobs and two weeks ahead.'
    : 'Three lawn-care crews, 45 clients and lawn-care services, with four weeks of past jobs and two weeks ahead.';
}

export function FinishStep(props: {
  business: BusinessForm;
  hours: HoursForm;
  owner: OwnerForm;
  database: string;
  sampleData: boolean;
  onSampleData: (value: boolean) => void;
  disabled: boolean;
}) {
  return (
    <>
      <Summary
        business={props.business}
        hours={props.hours}
        owner={props.owner}
        database={props.database}
      />
      <Box>
        <FormControlLabel
          control={
            <Checkbox
              checked={props.sampleData}
              disabled={props.disabled}
              onChange={(e) => props.onSampleData(e.target.checked)}
            />
          }
          label="Add sample clients, staff and jobs so I can try the board"
        />
        <FormHelperText sx={{ ml: 4, mt: 0 }}>
          {sampleDescription(props.business.vertical)} Made-up people with example emails and 555
          phone numbers; delete them when you add your own.
        </FormHelperText>
      </Box>
    </>
  );
}
