// One job at risk: who and what, the risk with its numbers, where it is now and where it would go,
// and the forecast there (or why nothing fits).
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import { Box, Checkbox, Chip, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { memo } from 'react';
import {
  crewOf,
  forecastText,
  isOpen,
  riskChips,
  slotWhen,
  type PlanItem,
  type Slot,
} from './weatherModel';

const STATUS_LABEL: Record<PlanItem['status'], string> = {
  open: 'Waiting for you',
  approved: 'Moved',
  dismissed: 'Left where it is',
};

const BASIS_HELP: Record<PlanItem['basis'], string> = {
  hourly: "Judged on the hourly forecast over the job's own hours.",
  daily: "Only the day's figures were available: judged on the whole day.",
};

function SlotBlock({
  heading,
  slot,
  crewNote,
  forecast,
}: {
  heading: string;
  slot: Slot;
  crewNote?: string;
  forecast: string | null;
}) {
  return (
    <Box sx={{ minWidth: 0, flex: 1 }}>
      <Typography variant="caption" color="text.secondary" component="p">
        {heading}
      </Typography>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {slotWhen(slot)}
      </Typography>
      <Typography variant="body2">
        {crewOf(slot)}
        {crewNote && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            ({crewNote})
          </Typography>
        )}
      </Typography>
      {forecast && (
        <Typography variant="body2" color="text.secondary">
          {forecast}
        </Typography>
      )}
    </Box>
  );
}

export const PlanItemRow = memo(function PlanItemRow({
  item,
  selected,
  selectable,
  disabled,
  onToggle,
  timeZone,
}: {
  item: PlanItem;
  selected: boolean;
  /** False for a dispatcher who may not act, and for a proposal already decided. */
  selectable: boolean;
  /** While an approval or a dismissal runs. */
  disabled: boolean;
  onToggle: (proposalId: string) => void;
  /** The business's, for when the forecast was taken. */
  timeZone: string;
}) {
  const chips = riskChips(item);
  const open = isOpen(item);
  return (
    <Paper
      variant="outlined"
      component="li"
      data-testid="weather-item"
      data-appointment-id={item.appointment_id}
      data-proposal-id={item.proposal_id}
      data-status={item.status}
      sx={{
        display: 'flex',
        gap: 1,
        p: 1.5,
        pl: selectable ? 0.5 : 1.5,
        bgcolor: selected ? 'action.selected' : undefined,
        opacity: open ? 1 : 0.7,
      }}
    >
      {selectable && (
        <Checkbox
          checked={selected}
          disabled={disabled}
          onChange={() => onToggle(item.proposal_id)}
          sx={{ alignSelf: 'flex-start' }}
          slotProps={{
            input: {
              'aria-label': `Select ${item.client_name}, ${item.service_name}, ${slotWhen(item.before)}`,
            },
          }}
        />
      )}
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap' }}
        >
          <Typography sx={{ fontWeight: 600 }}>{item.client_name}</Typography>
          <Typography color="text.secondary">{item.service_name}</Typography>
          {chips.map((chip) => (
            <Tooltip key={chip.key} title={chip.explanation} describeChild>
              <Chip
                size="small"
                color="warning"
                label={chip.label}
                tabIndex={0}
                data-testid="weather-risk-chip"
              />
            </Tooltip>
          ))}
          <Tooltip title={BASIS_HELP[item.basis]} describeChild>
            <Chip size="small" variant="outlined" label={item.basis} tabIndex={0} />
          </Tooltip>
          {item.stale && (
            <Tooltip
              title={`The forecast could not be refreshed; this rests on the one from ${item.forecast_at.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone })}.`}
              describeChild
            >
              <Chip
                size="small"
                variant="outlined"
                color="warning"
                label="stale forecast"
                tabIndex={0}
                data-testid="weather-stale"
              />
            </Tooltip>
          )}
          {!open && <Chip size="small" label={STATUS_LABEL[item.status]} />}
        </Stack>
        <Stack
          direction={{ xs: 'column', sm: 'row' }}
          spacing={1.5}
          sx={{ mt: 1, alignItems: { sm: 'flex-start' } }}
        >
          <SlotBlock
            heading="Now"
            slot={item.before}
            forecast={`Forecast: ${forecastText(item.weather)}`}
          />
          <ArrowForwardIcon
            aria-hidden
            color="action"
            sx={{ alignSelf: { sm: 'center' }, display: { xs: 'none', sm: 'block' } }}
          />
          {item.after ? (
            <SlotBlock
              heading="Proposed"
              slot={item.after}
              crewNote={item.same_crew ? 'same crew' : 'another crew'}
              forecast={item.after_weather ? `Forecast: ${forecastText(item.after_weather)}` : null}
            />
          ) : (
            <Box sx={{ minWidth: 0, flex: 1 }}>
              <Typography variant="caption" color="text.secondary" component="p">
                Proposed
              </Typography>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                No slot fits
              </Typography>
            </Box>
          )}
        </Stack>
        {item.note && (
          <Typography
            variant="body2"
            color={item.after ? 'text.secondary' : 'text.primary'}
            sx={{ mt: 1 }}
            data-testid="weather-note"
          >
            {item.note}
          </Typography>
        )}
      </Box>
    </Paper>
  );
});
