// The client field: search-as-you-type over the business's clients (name, address, phone, email),
// asked of the core 200 ms after the dispatcher stops typing.
import { Autocomplete, Box, CircularProgress, TextField, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '../../api/context';
import { clientAddress, clientLabel, clientMatches, type ClientChoice } from './jobModel';

const SEARCH_DELAY_MS = 200;

export function ClientPicker({
  value,
  onChange,
  error,
  autoFocus,
}: {
  value: ClientChoice | null;
  onChange: (client: ClientChoice | null) => void;
  error?: string;
  autoFocus?: boolean;
}) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setText(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  // The core matches one field at a time, so it is asked for the longest word and the rest of
  // what was typed ("jane oak st") narrows its answer here.
  const word = text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '');
  const input = {
    search: word || undefined,
    filter: { is_active: true },
    limit: 50,
    sort: { field: 'last_name' as const, direction: 'asc' as const },
  };
  const clients = useQuery({
    queryKey: ['clients.list', input],
    queryFn: () => api.clients.list(input),
    placeholderData: keepPreviousData,
    // Asked only once the list is wanted (an edit opens with its client chosen).
    enabled: open,
  });
  const found: ClientChoice[] = (clients.data?.items ?? []).filter((c) => clientMatches(c, text));
  const options =
    value && !found.some((c) => c.client_id === value.client_id) ? [value, ...found] : found;
  const searching = open && (clients.isFetching || typed.trim() !== text);

  return (
    <Autocomplete
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={options}
      value={value}
      onChange={(_, client) => onChange(client)}
      onInputChange={(_, next, reason) => {
        if (reason === 'input' || reason === 'clear') setTyped(next);
      }}
      filterOptions={(x) => x}
      getOptionLabel={clientLabel}
      isOptionEqualToValue={(a, b) => a.client_id === b.client_id}
      loading={searching}
      loadingText="Searching…"
      noOptionsText={
        clients.isError
          ? `Clients could not be searched: ${clients.error.message}`
          : text
            ? `No client matches “${text}”.`
            : 'No clients yet.'
      }
      renderOption={(props, client) => {
        const { key, ...rest } = props;
        return (
          <Box component="li" key={key} {...rest} data-testid="client-option">
            <Box>
              <Typography variant="body2">{clientLabel(client)}</Typography>
              <Typography variant="caption" color="text.secondary">
                {clientAddress(client)}
              </Typography>
            </Box>
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          label="Client"
          required
          autoFocus={autoFocus}
          error={Boolean(error)}
          helperText={error ?? (value ? clientAddress(value) : 'Type a name, address or phone.')}
          slotProps={{
            ...params.slotProps,
            input: {
              ...params.slotProps.input,
              endAdornment: (
                <>
                  {searching ? <CircularProgress color="inherit" size={18} /> : null}
                  {params.slotProps.input.endAdornment}
                </>
              ),
            },
          }}
        />
      )}
    />
  );
}
