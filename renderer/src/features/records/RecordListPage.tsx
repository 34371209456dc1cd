// The list page every record area shares: search as you type, filters, "Show deleted", server-side
// paging and sorting through `<area>.list`, the result count, and a row click to open the record.
import AddIcon from '@mui/icons-material/Add';
import {
  Alert,
  Box,
  Button,
  Chip,
  FormControl,
  FormControlLabel,
  InputAdornment,
  InputLabel,
  MenuItem,
  Select,
  Stack,
  Switch,
  TextField,
  Typography,
} from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/context';
import { EmptyState } from '../../components/EmptyState';
import {
  recordApi,
  recordKeys,
  type ListInput,
  type RecordAreaName,
  type RecordDoc,
} from './recordApi';
import { RecordTable, type RecordColumn, type RecordSort } from './RecordTable';
import { useDebounced } from './useDebounced';

export type { RecordColumn };

/**
 * How long typing must pause before a free-text filter follows it. The search itself follows every
 * keystroke: it is asked at once, and an answer to text typed over is never shown (the query is
 * keyed by the text).
 */
export const SEARCH_DEBOUNCE_MS = 150;
/**
 * How long typing must pause before the address follows the search box (so Back from a record
 * returns to the same search). Moving the address draws the whole app again; done between two
 * keys, it would hold up the next key's answer.
 */
export const ADDRESS_DEBOUNCE_MS = 600;
const PAGE_SIZES = [25, 50, 100];

export interface ListFilter {
  /** The `<area>.list` filter field. */
  key: string;
  label: string;
  /** A choice list, or free text matched exactly. */
  options?: { value: string; label: string }[];
  /** From the URL's text to the filter's value (e.g. 'true' → true). */
  parse?: (raw: string) => unknown;
}

export const activeFilter: ListFilter = {
  key: 'is_active',
  label: 'Status',
  options: [
    { value: 'true', label: 'Active' },
    { value: 'false', label: 'Inactive' },
  ],
  parse: (raw) => raw === 'true',
};

export interface RecordListPageProps {
  area: RecordAreaName;
  title: string;
  purpose: string;
  /** What to do while there are none (the navigation's next step). */
  nextStep: string;
  icon?: ReactNode;
  /** The record's id field (client_id, service_id, …). */
  idField: string;
  /** Where the records live: rows open `${basePath}/${id}`, "New" opens `${basePath}/new`. */
  basePath: string;
  /** Singular and plural nouns, for the count and the buttons. */
  noun: [string, string];
  columns: RecordColumn[];
  /** Fields the core sorts by; a column sorts by its own field or by `sortFields[field]`. */
  sortable: readonly string[];
  sortFields?: Record<string, string>;
  defaultSort: { field: string; direction: 'asc' | 'desc' };
  filters?: ListFilter[];
  searchPlaceholder: string;
  /**
   * Extra toolbar buttons (e.g. "Import CSV" / "Export CSV", "Reorder"); a function gets the
   * question the list is showing, which runs ahead of the address while the user types.
   */
  toolbar?: ReactNode | ((shown: ShownList) => ReactNode);
}

/** The search, filters and deleted switch of the rows on screen. */
export interface ShownList {
  search?: string;
  filter: Record<string, unknown>;
  include_deleted: boolean;
}

/** The list's state lives in the address, so going back from a record returns to the same page. */
function useListParams(filters: ListFilter[], defaultSort: RecordListPageProps['defaultSort']) {
  const [params, setParams] = useSearchParams();
  // The router applies a change a moment later; two changes in that moment (a settled search
  // and a click) must build on each other, so each starts from the last one asked for.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const update = (changes: Record<string, string | null>, resetPage = true) => {
    const next = new URLSearchParams(latest.current);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (resetPage) next.delete('page');
    latest.current = next;
    setParams(next, { replace: true });
  };
  const [sortField, sortDir] = (params.get('sort') ?? '').split(':');
  const filter: Record<string, unknown> = {};
  for (const f of filters) {
    const raw = params.get(`f.${f.key}`);
    if (raw) filter[f.key] = f.parse ? f.parse(raw) : raw;
  }
  return {
    params,
    update,
    search: params.get('q') ?? '',
    page: Number(params.get('page') ?? 0),
    pageSize: PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 25,
    sort: sortField
      ? { field: sortField, direction: sortDir === 'desc' ? ('desc' as const) : ('asc' as const) }
      : defaultSort,
    includeDeleted: params.get('deleted') === '1',
    filter,
  };
}

const COUNT_FORMAT = new Intl.NumberFormat('en-US');

function plural(count: number, [one, many]: [string, string]): string {
  return `${COUNT_FORMAT.format(count)} ${count === 1 ? one : many}`;
}

/** A callback that keeps one identity while always calling the latest `fn` (for memoized children). */
function useStableCallback<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

/**
 * True once `flag` has stayed true for `ms`: a list answered quickly (a search as you type) never
 * flashes its loading state; a slow one still shows it.
 */
function useAfterDelay(flag: boolean, ms: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!flag) return;
    const timer = setTimeout(() => setLate(true), ms);
    return () => {
      clearTimeout(timer);
      setLate(false);
    };
  }, [flag, ms]);
  return flag && late;
}

/** How long a list may be asked again before the grid says it is loading. */
const LOADING_DELAY_MS = 300;

export function RecordListPage(props: RecordListPageProps) {
  const { area, idField, basePath, noun, filters = [], sortFields = {} } = props;
  const api = useApi();
  const navigate = useNavigate();
  const state = useListParams(filters, props.defaultSort);
  // The box's text as far as the page has followed it: a key typed is drawn by the browser alone
  // (the box is uncontrolled), and the page catches up when that key's answer is in (see onType).
  const [searchText, setSearchText] = useState(state.search);
  const settledSearch = useDebounced(searchText.trim(), ADDRESS_DEBOUNCE_MS);
  const { update } = state;
  useEffect(() => {
    if (settledSearch !== state.search) update({ q: settledSearch });
    // Only a settled change of the text moves the address; the address never rewrites the box.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settledSearch]);

  // The text the page has followed, not the address's: the address catches up once the typing
  // pauses, and then sends the list back to its first page, where new text puts it at once.
  const typed = searchText.trim();
  const [search, setSearch] = useState(typed);
  const page = search === state.search ? state.page : 0;
  // No `search` key at all when there is no text: the wire carries undefined as null.
  const listInput = (text: string, pageNo: number): ListInput => ({
    ...(text ? { search: text } : {}),
    filter: state.filter,
    sort: state.sort,
    limit: state.pageSize,
    offset: pageNo * state.pageSize,
    includeDeleted: state.includeDeleted,
  });
  const listQuery = (question: ListInput) => ({
    queryKey: recordKeys.list(area, question),
    queryFn: () => recordApi(api, area).list(question),
  });
  const list = useQuery({
    ...listQuery(listInput(search, page)),
    placeholderData: keepPreviousData,
  });
  const queryClient = useQueryClient();
  const asker = useRef<{
    /** The text in the box now. */
    box: string;
    asking: boolean;
    slowTimer?: ReturnType<typeof setTimeout>;
    /** onType as of the last render. */
    ask?: (text: string) => void;
  }>({ box: state.search, asking: false });
  const [slowAnswer, setSlowAnswer] = useState(false);
  // A key typed is asked at once, from the key's own event, and nothing is drawn for it but the box:
  // on two cores, a page drawn while its question is out slows the answer it waits for. The page
  // follows the text when its answer is in, in one render that finds the answer already there.
  // One question at a time: keys typed meanwhile are asked, as their latest text, once it lands.
  const onType = (text: string) => {
    const a = asker.current;
    a.box = text;
    if (a.asking) return;
    const next = text.trim();
    if (list.isFetching || next === search) {
      // The list's own question is out (the first load, a new page): the render that sees its
      // answer asks for this text.
      setSearchText(text);
      return;
    }
    a.asking = true;
    // A slow answer still shows the loading bar, as the list's own questions do.
    a.slowTimer = setTimeout(() => setSlowAnswer(true), LOADING_DELAY_MS);
    void queryClient
      .prefetchQuery(listQuery(listInput(next, next === state.search ? state.page : 0)))
      .finally(() => {
        a.asking = false;
        clearTimeout(a.slowTimer);
        setSlowAnswer(false);
        // Both at once: the render finds its question asked and answered, and is not run twice
        // (as setting `search` while rendering would).
        setSearchText(text);
        setSearch(next);
        if (a.box !== text) a.ask?.(a.box);
      });
  };
  const askLatest = useStableCallback(onType);
  useLayoutEffect(() => {
    asker.current.ask = askLatest;
  }, [askLatest]);
  useEffect(() => {
    const a = asker.current;
    return () => clearTimeout(a.slowTimer);
  }, []);
  // Set while rendering, as React advises for state that follows other state: the list re-renders
  // at once with the new question, before anything is painted.
  if (!list.isFetching && typed !== search) setSearch(typed);

  const sortFieldOf = (field: string) => sortFields[field] ?? field;
  const columns = useMemo<RecordColumn[]>(() => {
    const cols: RecordColumn[] = props.columns.map((col) => ({
      ...col,
      sortable: props.sortable.includes(sortFieldOf(col.field)),
    }));
    if (state.includeDeleted) {
      cols.push({
        field: 'deleted_at',
        headerName: '',
        width: 110,
        sortable: false,
        renderCell: ({ row }) =>
          row.deleted_at ? <Chip size="small" color="warning" label="Deleted" /> : null,
      });
    }
    return cols;
    // sortFieldOf reads only props.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.columns, props.sortable, state.includeDeleted]);

  const tableSort = useMemo<RecordSort | null>(() => {
    const column = props.columns.find((c) => sortFieldOf(c.field) === state.sort.field);
    return column ? { field: column.field, direction: state.sort.direction } : null;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.columns, state.sort.field, state.sort.direction]);

  // Stable, so typing in the search box (which re-renders this page) leaves the table alone.
  const onSort = useStableCallback(({ field, direction }: RecordSort) =>
    update({ sort: `${sortFieldOf(field)}:${direction}` }),
  );
  const onPage = useStableCallback((nextPage: number, pageSize: number) =>
    update(
      { page: nextPage ? String(nextPage) : null, size: String(pageSize) },
      pageSize !== state.pageSize,
    ),
  );
  const onOpen = useStableCallback((id: string) => void navigate(`${basePath}/${id}`));
  // One object while the question stays the same, so a memoised toolbar skips the keys typed.
  const filterKey = JSON.stringify(state.filter);
  const shown = useMemo<ShownList>(
    () => ({
      ...(search ? { search } : {}),
      filter: JSON.parse(filterKey) as Record<string, unknown>,
      include_deleted: state.includeDeleted,
    }),
    [search, filterKey, state.includeDeleted],
  );
  const onFilter = useStableCallback((key: string, value: string) =>
    update({ [`f.${key}`]: value }),
  );
  const slowFetch = useAfterDelay(list.isFetching, LOADING_DELAY_MS);
  const onDeleted = useStableCallback((checked: boolean) =>
    update({ deleted: checked ? '1' : null }),
  );

  const narrowed =
    Boolean(state.search) ||
    Boolean(searchText) ||
    Object.keys(state.filter).length > 0 ||
    state.includeDeleted;
  const nothingYet = list.data?.total === 0 && !narrowed;
  // What the table's empty text says follows the question asked (`search`), not the box: the first
  // key typed would otherwise draw the table again before its question is even sent.
  const askedNarrowed =
    Boolean(search) || Object.keys(state.filter).length > 0 || state.includeDeleted;

  return (
    <Box component="section" aria-labelledby="page-title" sx={PAGE_SX}>
      <PageHeading title={props.title} purpose={props.purpose} />
      <Stack direction="row" spacing={1.5} useFlexGap sx={TOOLBAR_SX}>
        <SearchField
          initialText={state.search}
          placeholder={props.searchPlaceholder}
          onType={askLatest}
        />
        {filters.map((f) => (
          <FilterControl
            key={f.key}
            filter={f}
            value={state.params.get(`f.${f.key}`) ?? ''}
            onChange={onFilter}
          />
        ))}
        <DeletedSwitch checked={state.includeDeleted} onToggle={onDeleted} />
        <ResultCount text={list.data ? plural(list.data.total, noun) : ' '} />
        {/* The actions stay together at the right, on a line of their own if need be. */}
        <Stack direction="row" spacing={1.5} useFlexGap sx={ACTIONS_SX}>
          {typeof props.toolbar === 'function' ? props.toolbar(shown) : props.toolbar}
          <NewRecordButton to={`${basePath}/new`} noun={noun[0]} />
        </Stack>
      </Stack>
      {list.error && (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => void list.refetch()}>
              Retry
            </Button>
          }
        >
          Could not load the {noun[1]}: {list.error.message}
        </Alert>
      )}
      {nothingYet ? (
        <EmptyState icon={props.icon} title={`No ${noun[1]} yet`}>
          {props.nextStep}
        </EmptyState>
      ) : (
        <Box sx={TABLE_BOX_SX}>
          <RecordTable
            title={props.title}
            rows={list.data?.items ?? NO_ROWS}
            total={list.data?.total ?? 0}
            idField={idField}
            columns={columns}
            loading={(!list.data && !list.error) || slowFetch || slowAnswer}
            noRowsLabel={askedNarrowed ? `No ${noun[1]} match` : `No ${noun[1]} yet`}
            page={page}
            pageSize={state.pageSize}
            pageSizes={PAGE_SIZES}
            sort={tableSort}
            onPage={onPage}
            onSort={onSort}
            onOpen={onOpen}
          />
        </Box>
      )}
    </Box>
  );
}

const NO_ROWS: RecordDoc[] = [];

// The page re-renders on every key typed; what does not change with it is drawn once, in memoised
// parts with styles built once (each new style object is serialised again by emotion).
const PAGE_SX = {
  display: 'flex',
  flexDirection: 'column',
  flexGrow: 1,
  minHeight: 0,
  p: 3,
  gap: 2,
} as const;
const TOOLBAR_SX = { alignItems: 'center', flexWrap: 'wrap' } as const;
const ACTIONS_SX = { alignItems: 'center', ml: 'auto' } as const;
const TABLE_BOX_SX = { flexGrow: 1, minHeight: 320 } as const;
const HEADING_SX = { alignItems: 'baseline' } as const;
const GROW_SX = { flexGrow: 1 } as const;
const SEARCH_SX = { width: 320 } as const;
const SEARCH_SLOTS = {
  // Names, phone numbers and addresses: no spelling squiggles under them, and no browser
  // suggestions of earlier searches over the list being filtered (both also cost each key typed).
  htmlInput: { spellCheck: false, autoComplete: 'off' },
  input: {
    startAdornment: (
      <InputAdornment position="start">
        <SearchIcon fontSize="small" />
      </InputAdornment>
    ),
  },
};

const PageHeading = memo(function PageHeading(props: { title: string; purpose: string }) {
  return (
    <Stack direction="row" spacing={2} sx={HEADING_SX}>
      <Typography id="page-title" variant="h5" component="h1">
        {props.title}
      </Typography>
      <Typography color="text.secondary" sx={GROW_SX}>
        {props.purpose}
      </Typography>
    </Stack>
  );
});

/** Uncontrolled: a key typed changes the box without drawing the page (see onType). */
const SearchField = memo(function SearchField(props: {
  initialText: string;
  placeholder: string;
  onType: (text: string) => void;
}) {
  return (
    <TextField
      size="small"
      label="Search"
      placeholder={props.placeholder}
      defaultValue={props.initialText}
      onChange={(e) => props.onType(e.target.value)}
      sx={SEARCH_SX}
      slotProps={SEARCH_SLOTS}
    />
  );
});

const DeletedSwitch = memo(function DeletedSwitch(props: {
  checked: boolean;
  onToggle: (checked: boolean) => void;
}) {
  return (
    <FormControlLabel
      control={
        <Switch checked={props.checked} onChange={(e) => props.onToggle(e.target.checked)} />
      }
      label="Show deleted"
    />
  );
});

const ResultCount = memo(function ResultCount({ text }: { text: string }) {
  return (
    <Typography data-testid="result-count" aria-live="polite" color="text.secondary" sx={GROW_SX}>
      {text}
    </Typography>
  );
});

const NewRecordButton = memo(function NewRecordButton(props: { to: string; noun: string }) {
  return (
    <Button variant="contained" startIcon={<AddIcon />} component={RouterLink} to={props.to}>
      New {props.noun}
    </Button>
  );
});

/** Memoised: the page re-renders on every key typed in the search box; the filters need not. */
const FilterControl = memo(function FilterControl({
  filter,
  value,
  onChange,
}: {
  filter: ListFilter;
  value: string;
  onChange: (key: string, value: string) => void;
}) {
  const [text, setText] = useState(value);
  const settled = useDebounced(text.trim(), SEARCH_DEBOUNCE_MS);
  useEffect(() => {
    if (!filter.options && settled !== value) onChange(filter.key, settled);
    // Free-text filters follow the settled text only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  const id = `filter-${filter.key}`;
  if (!filter.options) {
    return (
      <TextField
        size="small"
        label={filter.label}
        value={text}
        onChange={(e) => setText(e.target.value)}
        sx={{ width: 160 }}
        slotProps={{ htmlInput: { 'data-testid': id } }}
      />
    );
  }
  return (
    <FormControl size="small" sx={{ width: 160 }}>
      <InputLabel id={`${id}-label`}>{filter.label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        label={filter.label}
        value={value}
        data-testid={id}
        onChange={(e) => onChange(filter.key, e.target.value)}
      >
        <MenuItem value="">
          <em>Any</em>
        </MenuItem>
        {filter.options.map((o) => (
          <MenuItem key={o.value} value={o.value}>
            {o.label}
          </MenuItem>
        ))}
        {/* The address's choice while its options load (people's names), so it is kept meanwhile. */}
        {value && !filter.options.some((o) => o.value === value) && (
          <MenuItem value={value} sx={{ display: 'none' }}>
            …
          </MenuItem>
        )}
      </Select>
    </FormControl>
  );
});
