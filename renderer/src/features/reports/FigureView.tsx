// One figure of the report: its chart (@mui/x-charts), the table of the same numbers beneath it, and
// a button that saves that table as CSV; or, while there is nothing to show, what would fill it.
import DownloadIcon from '@mui/icons-material/Download';
import {
  Box,
  Button,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { PieChart } from '@mui/x-charts/PieChart';
import { chartValue, formatCell, type Column, type Figure } from './figures';

const CHART_HEIGHT = 280;

const isNumeric = (column: Column) => column.kind !== 'text' && column.kind !== 'date';

function FigureChart({ figure }: { figure: Figure }) {
  const chart = figure.chart;
  if (!chart) return null;
  const columnOf = (key: string) => figure.columns.find((c) => c.key === key);
  const charted = chart.series.map(columnOf).filter((c): c is Column => c !== undefined);
  const format = (column: Column) => (value: number | null) =>
    value === null ? '—' : formatCell(column.kind, column.kind === 'share' ? value / 100 : value);

  if (chart.type === 'pie') {
    const column = charted[0];
    if (!column) return null;
    return (
      <PieChart
        height={CHART_HEIGHT}
        series={[
          {
            data: figure.rows.map((row, index) => ({
              id: index,
              value: chartValue(column.kind, row[column.key] ?? null) ?? 0,
              label: String(row[chart.category] ?? ''),
            })),
            innerRadius: 50,
            valueFormatter: (item) => format(column)(item.value),
          },
        ]}
      />
    );
  }

  const dataset = figure.rows.map((row) => ({
    [chart.category]: String(row[chart.category] ?? ''),
    ...Object.fromEntries(
      charted.map((c) => [c.key, chartValue(c.kind, row[c.key] ?? null)] as const),
    ),
  }));
  const series = charted.map((c) => ({
    dataKey: c.key,
    label: c.label,
    valueFormatter: format(c),
  }));
  const valueAxis = charted[0] ? { valueFormatter: format(charted[0]) } : {};
  const hideLegend = charted.length < 2;

  if (chart.type === 'line') {
    return (
      <LineChart
        height={CHART_HEIGHT}
        dataset={dataset}
        xAxis={[{ scaleType: 'point', dataKey: chart.category }]}
        yAxis={[{ ...valueAxis, width: 80 }]}
        series={series}
        hideLegend={hideLegend}
      />
    );
  }
  if (chart.horizontal) {
    return (
      <BarChart
        height={Math.max(CHART_HEIGHT, 48 + figure.rows.length * 28)}
        dataset={dataset}
        layout="horizontal"
        yAxis={[{ scaleType: 'band', dataKey: chart.category, width: 180 }]}
        xAxis={[valueAxis]}
        series={series}
        hideLegend={hideLegend}
      />
    );
  }
  return (
    <BarChart
      height={CHART_HEIGHT}
      dataset={dataset}
      xAxis={[{ scaleType: 'band', dataKey: chart.category }]}
      yAxis={[{ ...valueAxis, width: 80 }]}
      series={series}
      hideLegend={hideLegend}
    />
  );
}

function FigureTable({ figure }: { figure: Figure }) {
  return (
    <TableContainer>
      <Table size="small" aria-label={figure.title} data-testid="report-table">
        <TableHead>
          <TableRow>
            {figure.columns.map((column) => (
              <TableCell key={column.key} align={isNumeric(column) ? 'right' : 'left'}>
                {column.label}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {figure.rows.map((row, index) => (
            <TableRow key={index}>
              {figure.columns.map((column) => (
                <TableCell key={column.key} align={isNumeric(column) ? 'right' : 'left'}>
                  {formatCell(column.kind, row[column.key] ?? null)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

export function FigureView({ figure, onExport }: { figure: Figure; onExport: () => void }) {
  const empty = figure.rows.length === 0 || figure.allZero === true;
  const titleId = `report-figure-${figure.id}`;
  return (
    <Box
      component="figure"
      aria-labelledby={titleId}
      data-testid="report-figure"
      data-figure-id={figure.id}
      sx={{ m: 0, breakInside: 'avoid' }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography id={titleId} variant="subtitle1" component="h3" sx={{ flexGrow: 1 }}>
          {figure.title}
        </Typography>
        <Button
          size="small"
          startIcon={<DownloadIcon />}
          onClick={onExport}
          disabled={figure.rows.length === 0}
          className="report-no-print"
          aria-label={`Export ${figure.title} as CSV`}
        >
          CSV
        </Button>
      </Stack>
      {figure.note && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {figure.note}
        </Typography>
      )}
      {empty && figure.empty ? (
        <Typography
          variant="body2"
          color="text.secondary"
          data-testid="report-figure-empty"
          sx={{ py: 3, textAlign: 'center' }}
        >
          {figure.empty}
        </Typography>
      ) : (
        <>
          {figure.chart && (
            <Box data-testid="report-chart" role="img" aria-label={`Chart: ${figure.title}`}>
              <FigureChart figure={figure} />
            </Box>
          )}
          <FigureTable figure={figure} />
        </>
      )}
    </Box>
  );
}
