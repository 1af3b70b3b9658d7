import type { ReviewRow, SheetColumn } from '../../core/review/export.js';
import { SHEET_COLUMNS } from '../../core/review/export.js';
import type { CsvDialect } from './csv.js';
import { sheetCsv, sheetXlsx, type SheetSpec } from './sheet.js';

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

/** Column widths in characters: the text wide, ids narrow, the person's columns wide enough to write in. */
const WIDTHS: Record<SheetColumn, number> = { answer: 17, response: 15, respondent: 24, question: 10, text: 80, machine_themes: 24, evidence: 40, uncertain: 30, machine_stance: 16, reviewed: 20, themes: 28, stance: 14, note: 30, reviewer: 16 };
const WRAPPED: ReadonlySet<SheetColumn> = new Set(['text', 'evidence', 'uncertain']);

function spec(rows: readonly ReviewRow[]): SheetSpec {
  return {
    name: 'Granskning',
    columns: SHEET_COLUMNS.map((id) => ({ id, width: WIDTHS[id], wrap: WRAPPED.has(id) })),
    rows: rows.map((r) => {
      const c = cells(r);
      return SHEET_COLUMNS.map((k) => c[k]);
    }),
  };
}

export const reviewSheetCsv = (rows: readonly ReviewRow[], dialect: CsvDialect): string => sheetCsv(spec(rows), dialect);
export const reviewSheetXlsx = (rows: readonly ReviewRow[]): Promise<Buffer> => sheetXlsx(spec(rows));
