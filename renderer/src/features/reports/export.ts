// Getting the report out of the app: a figure's table as a CSV file, and the whole page as a PDF
// (Electron's printToPDF through the preload in the desktop app, the browser's print dialog otherwise).
import Papa from 'papaparse';
import type { BridgeApi } from '../../../../shared/contract/bridge';
import { csvCell, csvFileName, csvHeader, type Figure } from './figures';
import type { Period } from './period';

/** The figure's table as CSV text: the same rows as the table, numbers unformatted. */
export function figureCsv(figure: Pick<Figure, 'columns' | 'rows'>): string {
  return Papa.unparse({
    fields: figure.columns.map(csvHeader),
    data: figure.rows.map((row) => figure.columns.map((c) => csvCell(c.kind, row[c.key] ?? null))),
  });
}

/** Saves text as a file through a Blob link (the browser's downloads, or Electron's save dialog). */
export function downloadText(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the next task; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function downloadFigureCsv(figure: Figure, period: Period) {
  downloadText(figureCsv(figure), csvFileName(figure, period), 'text/csv;charset=utf-8');
}

/** The desktop app's PDF bridge, when the page runs inside it. */
export function desktopPdf(): BridgeApi['savePdf'] {
  const bridge = (window as Window & { api?: BridgeApi }).api;
  return bridge?.savePdf;
}

export type PdfOutcome =
  { kind: 'saved'; path: string } | { kind: 'canceled' } | { kind: 'printed' };

/** `report-2026-01-01-to-2026-03-31.pdf` through a save dialog, or the print dialog in a browser. */
export async function saveReportPdf(period: Period): Promise<PdfOutcome> {
  const savePdf = desktopPdf();
  if (!savePdf) {
    window.print();
    return { kind: 'printed' };
  }
  const result = await savePdf(`report-${period.from}-to-${period.to}.pdf`);
  if (!result.ok) throw new Error(result.error.message);
  return result.value.path === null
    ? { kind: 'canceled' }
    : { kind: 'saved', path: result.value.path };
}
