// The owner's Reports page: a period (presets or two dates, kept in the address), the headline figures
// with their change against the previous period, then one section per area (revenue, jobs,
// punctuality, staff, clients, weather, texts, equipment), each figure a chart over its table, every
// table exportable as CSV and the whole page as a PDF.
import AssessmentIcon from '@mui/icons-material/Assessment';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  GlobalStyles,
  MenuItem,
  Paper,
  Skeleton,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Report, ReportBucket } from '../../../../shared/contract/channels/reports';
import { ApiError } from '../../../../shared/contract/result';
import { localDateOf } from '../../../../shared/time';
import { pages } from '../../app/pages';
import { EmptyState } from '../../components/EmptyState';
import { RoleLock } from '../../components/RoleLock';
import { useSession } from '../auth/useSession';
import { useTimeZone } from '../jobs/useJobData';
import { desktopPdf, downloadFigureCsv, saveReportPdf, type PdfOutcome } from './export';
import { FigureView } from './FigureView';
import { headlines, isEmptyReport, reportSections, type Headline } from './figures';
import { periodText, presets, readChoice, type Period, type PresetId } from './period';
import { useReport } from './useReport';

const reportsPage = pages.find((p) => p.path === '/reports');

/** Print: the report alone, no navigation or buttons, each section starting a page where it fits. */
const printStyles = (
  <GlobalStyles
    styles={{
      '@media print': {
        '.MuiAppBar-root, .sp-nav-drawer, nav, .report-no-print': { display: 'none !important' },
        'html, body, #root, #root > div, main': {
          height: 'auto !important',
          overflow: 'visible !important',
          display: 'block !important',
        },
        '.report-section': { breakBefore: 'page' },
        '.report-section:first-of-type': { breakBefore: 'auto' },
      },
    }}
  />
);

function HeadlineCard({ headline }: { headline: Headline }) {
  const toneColor = {
    good: 'success.main',
    bad: 'error.main',
    neutral: 'text.secondary',
  } as const;
  return (
    <Paper
      variant="outlined"
      sx={{ p: 1.5, breakInside: 'avoid' }}
      data-testid="report-headline"
      data-headline-id={headline.id}
    >
      <Typography variant="body2" color="text.secondary">
        {headline.label}
      </Typography>
      <Typography variant="h6" component="p" data-testid="report-headline-value">
        {headline.value}
      </Typography>
      {headline.delta && (
        <Typography
          variant="caption"
          component="p"
          sx={{ color: toneColor[headline.delta.tone] }}
          data-testid="report-headline-delta"
        >
          {headline.delta.text}
        </Typography>
      )}
      {headline.note && (
        <Typography variant="caption" component="p" color="text.secondary">
          {headline.note}
        </Typography>
      )}
    </Paper>
  );
}

function LoadingReport() {
  return (
    <Stack
      spacing={2}
      aria-busy="true"
      aria-label="Loading the report"
      data-testid="report-loading"
    >
      <Box
        sx={{
          display: 'grid',
          gap: 1.5,
          gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
        }}
      >
        {Array.from({ length: 8 }, (_, i) => (
          <Skeleton key={i} variant="rounded" height={84} />
        ))}
      </Box>
      <Skeleton variant="text" width={160} height={36} />
      <Skeleton variant="rounded" height={280} />
      <Skeleton variant="rounded" height={120} />
    </Stack>
  );
}

const errorText = (error: Error) => {
  if (error instanceof ApiError) {
    switch (error.kind) {
      case 'validation':
        return `The period was refused: ${error.message} Choose other dates.`;
      case 'unavailable':
        return `The report could not be worked out right now: ${error.message} Check the database connection (the banner at the top says if it is down) and try again.`;
      case 'internal':
        return `Something went wrong working out the report${error.id ? ` (error ${error.id})` : ''}. Try again; if it keeps happening, send that error id to support.`;
      default:
        return `The report could not be loaded: ${error.message}`;
    }
  }
  return `The report could not be loaded: ${error.message}. Check the connection and try again.`;
};

function ReportBody({ report, period }: { report: Report; period: Period }) {
  const sections = useMemo(() => reportSections(report), [report]);
  const figures = useMemo(() => headlines(report), [report]);
  if (isEmptyReport(report)) {
    return (
      <EmptyState icon={<AssessmentIcon />} title={`Nothing to report for ${periodText(period)}.`}>
        {reportsPage?.nextStep} Choose another period, or come back once jobs of this one are
        completed.
      </EmptyState>
    );
  }
  return (
    <Stack spacing={4}>
      <Box
        component="section"
        aria-label="Headline figures"
        sx={{
          display: 'grid',
          gap: 1.5,
          gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
        }}
      >
        {figures.map((h) => (
          <HeadlineCard key={h.id} headline={h} />
        ))}
      </Box>
      {sections.map((section) => (
        <Box
          key={section.id}
          component="section"
          className="report-section"
          aria-labelledby={`report-section-${section.id}`}
          data-testid="report-section"
          data-section-id={section.id}
        >
          <Typography
            id={`report-section-${section.id}`}
            variant="h6"
            component="h2"
            sx={{ mb: 1.5 }}
          >
            {section.title}
          </Typography>
          <Stack spacing={3}>
            {section.figures.map((figure) => (
              <FigureView
                key={figure.id}
                figure={figure}
                onExport={() => downloadFigureCsv(figure, period)}
              />
            ))}
          </Stack>
        </Box>
      ))}
      <Typography variant="caption" color="text.secondary">
        Worked out {report.generated_at.toLocaleString('en-US')} in the business&apos;s time zone (
        {report.period.timezone}).
      </Typography>
    </Stack>
  );
}

export function ReportsPage() {
  const session = useSession();
  const allowed = session.data?.session?.permissions.includes('reports.view') ?? false;
  const timeZone = useTimeZone();
  const today = localDateOf(new Date(), timeZone);
  const [params, setParams] = useSearchParams();
  const choice = readChoice(params, today);
  const { period, bucket, problem } = choice;
  const report = useReport({ ...period, ...(bucket ? { bucket } : {}) }, allowed && !problem);
  const [pdf, setPdf] = useState<
    | { state: 'saving' }
    | { state: 'done'; outcome: PdfOutcome }
    | { state: 'failed'; message: string }
    | null
  >(null);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  const choosePreset = (preset: PresetId) =>
    preset === 'custom'
      ? update({ preset: null, from: period.from, to: period.to })
      : update({ preset, from: null, to: null });

  const savePdf = async () => {
    setPdf({ state: 'saving' });
    try {
      setPdf({ state: 'done', outcome: await saveReportPdf(period) });
    } catch (error) {
      setPdf({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const title = (
    <Typography id="page-title" variant="h5" component="h1" sx={{ flexGrow: 1 }}>
      {reportsPage?.title ?? 'Reports'}
    </Typography>
  );

  const forbiddenNote = (
    <RoleLock action="see reports" testId="reports-forbidden">
      Ask an owner of {session.data?.session?.business.name ?? 'the business'} if you need these
      figures.
    </RoleLock>
  );
  if (session.data && !allowed) {
    return (
      <Box component="section" aria-labelledby="page-title" sx={{ p: 3, maxWidth: 1200 }}>
        {title}
        {forbiddenNote}
      </Box>
    );
  }

  const forbidden = report.error instanceof ApiError && report.error.kind === 'forbidden';
  const shown = report.data;
  const previous = shown?.previous;

  let body;
  if (problem) {
    body = (
      <Alert severity="warning" data-testid="report-period-problem">
        {problem}
      </Alert>
    );
  } else if (forbidden) {
    body = forbiddenNote;
  } else if (report.isError && !shown) {
    body = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => void report.refetch()}>
            Try again
          </Button>
        }
      >
        {errorText(report.error)}
      </Alert>
    );
  } else if (!shown) {
    body = <LoadingReport />;
  } else {
    body = (
      <Box
        sx={{ opacity: report.isPlaceholderData ? 0.5 : 1, transition: 'opacity 150ms' }}
        aria-busy={report.isPlaceholderData}
      >
        {report.isError && (
          <Alert severity="error" sx={{ mb: 2 }} className="report-no-print">
            {errorText(report.error)} The figures below are for the period shown before.
          </Alert>
        )}
        <ReportBody report={shown} period={{ from: shown.period.from, to: shown.period.to }} />
      </Box>
    );
  }

  return (
    <Box
      component="section"
      aria-labelledby="page-title"
      sx={{ p: 3, maxWidth: 1200 }}
      data-testid="reports-page"
    >
      {printStyles}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 0.5 }}>
        {title}
        <Button
          variant="outlined"
          className="report-no-print"
          startIcon={
            pdf?.state === 'saving' ? <CircularProgress size={16} /> : <PictureAsPdfIcon />
          }
          disabled={!shown || pdf?.state === 'saving'}
          onClick={() => void savePdf()}
        >
          {desktopPdf() ? 'Save as PDF' : 'Print or save as PDF'}
        </Button>
      </Stack>
      <Typography color="text.secondary" className="report-no-print">
        {reportsPage?.purpose}
      </Typography>
      <Stack
        direction="row"
        spacing={2}
        useFlexGap
        className="report-no-print"
        sx={{ flexWrap: 'wrap', alignItems: 'center', mt: 2 }}
      >
        <TextField
          select
          size="small"
          label="Period"
          value={choice.preset}
          onChange={(event) => choosePreset(event.target.value as PresetId)}
          sx={{ minWidth: 160 }}
          slotProps={{ htmlInput: { 'data-testid': 'report-preset' } }}
        >
          {presets.map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {p.label}
            </MenuItem>
          ))}
        </TextField>
        {choice.preset === 'custom' && (
          <>
            <TextField
              type="date"
              size="small"
              label="From"
              value={period.from}
              onChange={(event) => update({ from: event.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              type="date"
              size="small"
              label="To"
              value={period.to}
              onChange={(event) => update({ to: event.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </>
        )}
        <ToggleButtonGroup
          size="small"
          exclusive
          value={bucket ?? shown?.period.bucket ?? null}
          onChange={(_, value: ReportBucket | null) => value && update({ bucket: value })}
          aria-label="Revenue by"
        >
          <ToggleButton value="day">By day</ToggleButton>
          <ToggleButton value="week">By week</ToggleButton>
          <ToggleButton value="month">By month</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      <Typography variant="subtitle1" sx={{ mt: 2, mb: 2 }} data-testid="report-period">
        {problem ? '' : periodText(period)}
        {!problem && previous && (
          <Typography component="span" variant="body2" color="text.secondary">
            {' '}
            · compared with {periodText(previous)}
          </Typography>
        )}
      </Typography>
      {pdf?.state === 'done' && pdf.outcome.kind === 'saved' && (
        <Alert
          severity="success"
          onClose={() => setPdf(null)}
          sx={{ mb: 2 }}
          className="report-no-print"
        >
          The report was saved to {pdf.outcome.path}.
        </Alert>
      )}
      {pdf?.state === 'failed' && (
        <Alert
          severity="error"
          onClose={() => setPdf(null)}
          sx={{ mb: 2 }}
          className="report-no-print"
        >
          {pdf.message}
        </Alert>
      )}
      {body}
    </Box>
  );
}
