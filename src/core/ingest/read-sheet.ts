import { diag, type Diagnostic } from '../diagnostics.js';
import type { Question } from '../model.js';
import type { RawResponse } from './raw.js';
import { addRow } from './read-csv.js';
import { mapSheetHeader } from './wide-sheet.js';

/** A row of a workbook's sheet: its number in the sheet (1 is the top row) and its cells as text, as a CSV would hold them. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** A1-style column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const hasText = (cells: string[]) => cells.some((c) => c.trim());

/** The first row that holds any text: a sheet's header, wherever empty or hidden rows put it. */
export function headerRow(rows: readonly SheetRow[]): SheetRow | undefined {
  return rows.find((r) => hasText(r.cells));
}

/**
 * The answers of one sheet of a workbook, whatever its format (.xlsx, .ods): read like a CSV,
 * with the same columns and checks, its problems placed as `file.xlsx:Sheet1!C7`. `rows` are in
 * the sheet's order and may leave out empty rows (their numbers say where each row stands). A
 * sheet with one column per question is read as wide-sheet.ts says, its columns named by
 * `questions` (the consultation's).
 */
export function responsesFromSheet(shown: string, sheet: string, rows: readonly SheetRow[], sameRespondent: (name: string) => string, out: Diagnostic[], questions: readonly Question[] = []): RawResponse[] {
  const place = (row: number, field: number) => ({ file: `${shown}:${sheet}!${columnLetters(field)}${row}`, line: 0, col: 0 });
  const header = headerRow(rows);
  if (!header) {
    out.push(diag(`${shown}:${sheet}`, 0, 0, 'the sheet is empty; a sheet of answers needs a header row and one row per answer'));
    return [];
  }
  const mapped = mapSheetHeader(header.cells, questions);
  for (const p of mapped.problems) {
    const at = place(header.row, p.col - 1);
    out.push(diag(at.file, 0, 0, p.message, p.severity));
  }
  if (mapped.problems.some((p) => p.severity === 'error')) return [];
  const groups = new Map<string, RawResponse>();
  for (const { row, cells } of rows) {
    if (row <= header.row || !hasText(cells)) continue;
    addRow({ line: row, at: (field) => place(row, field) }, cells, mapped.index, groups, sameRespondent, out, undefined, undefined, 0, undefined, mapped.questions);
  }
  if (groups.size === 0 && !out.some((d) => d.severity === 'error')) out.push(diag(`${shown}:${sheet}`, 0, 0, 'the sheet has a header but no answers; add one row per answer'));
  return [...groups.values()];
}
