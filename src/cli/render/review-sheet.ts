import type { ReviewRow, SheetColumn } from '../../core/review/export.js';
import { SHEET_COLUMNS } from '../../core/review/export.js';
import { csvRow, csvStart, type CsvDialect } from './csv.js';

/** A row's cells in SHEET_COLUMNS order; the person's columns are empty. */
function cells(r: ReviewRow): Record<SheetColumn, string> {
  return {
    answer: r.answer,
    response: r.response,
    respondent: r.respondentName,
    question: r.question,
    text: r.text,
    machine_themes: r.machineThemes.join(' '),
    evidence: r.evidence,
    uncertain: r.uncertain,
    machine_stance: r.machineStance,
    reviewed: r.reviewed,
    themes: '',
    stance: '',
    note: '',
    reviewer: '',
  };
}

/** The sheet as CSV: text cells that a spreadsheet would run as formulas are kept as text (csvCell). */
export function reviewSheetCsv(rows: readonly ReviewRow[], dialect: CsvDialect): string {
  let out = csvStart(dialect) + csvRow([...SHEET_COLUMNS], dialect);
  for (const r of rows) {
    const c = cells(r);
    out += csvRow(SHEET_COLUMNS.map((k) => c[k]), dialect);
  }
  return out;
}

/** Column widths in characters: the text wide, ids narrow, the person's columns wide enough to write in. */
const WIDTHS: Record<SheetColumn, number> = { answer: 17, response: 15, respondent: 24, question: 10, text: 80, machine_themes: 24, evidence: 40, uncertain: 30, machine_stance: 16, reviewed: 20, themes: 28, stance: 14, note: 30, reviewer: 16 };

const WRAPPED: ReadonlySet<SheetColumn> = new Set(['text', 'evidence', 'uncertain']);

/**
 * The sheet as an Excel workbook: a bold, frozen header, wrapped text, and every cell written as
 * text, so that nothing in an answer is ever run as a formula. write-excel-file is loaded only
 * here.
 */
export async function reviewSheetXlsx(rows: readonly ReviewRow[]): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const header = SHEET_COLUMNS.map((k) => ({ value: k, type: String, fontWeight: 'bold' as const, wrap: true }));
  const data = [header, ...rows.map((r) => {
    const c = cells(r);
    // Styles only where they matter: a style per cell costs a third of the time at 10 000 rows.
    return SHEET_COLUMNS.map((k) => (WRAPPED.has(k) ? { value: c[k], type: String, wrap: true } : { value: c[k], type: String }));
  })];
  return writeXlsxFile(data, { sheet: 'Granskning', columns: SHEET_COLUMNS.map((k) => ({ width: WIDTHS[k] })), stickyRowsCount: 1 }).toBuffer();
}
