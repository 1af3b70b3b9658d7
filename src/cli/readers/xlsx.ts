import { diag, type Diagnostic } from '../../core/diagnostics.js';
import type { RawResponse, ParsedFile } from '../../core/ingest/raw.js';
import { mapHeader } from '../../core/ingest/csv-columns.js';
import { addRow } from '../../core/ingest/read-csv.js';
import { Unreadable } from './pdf.js';

/** A1-style column letters for a 0-based index: 0 → A, 26 → AA. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
}

/**
 * The first sheet of a workbook (or the one named), read like a CSV with the same columns; a
 * date cell is a real date. Problems are placed as `file.xlsx:Sheet1!C7`. read-excel-file is
 * loaded only when a workbook is met.
 */
export async function readXlsx(shown: string, bytes: Buffer, sha256: string, sheetName: string | undefined, sameRespondent: (name: string) => string): Promise<ParsedFile> {
  const result: ParsedFile = { path: shown, format: 'xlsx', encoding: 'utf-8', sha256, responses: [], diagnostics: [] };
  const out: Diagnostic[] = result.diagnostics;
  const { default: readXlsxFile } = await import('read-excel-file/node');
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(bytes);
  } catch (err) {
    const message = ((err as Error)?.message ?? String(err)).replace(/\.$/, '');
    throw new Unreadable(`is not a readable Excel workbook (.xlsx): ${message}`, 'open it in Excel or LibreOffice and save it as .xlsx again, or export the sheet as CSV');
  }
  const sheet = sheetName === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheetName) ?? sheets.find((s) => s.sheet.toLowerCase() === sheetName.toLowerCase());
  if (!sheet) {
    out.push(diag(shown, 0, 0, `has no sheet "${sheetName}"; its sheets are ${sheets.map((s) => `"${s.sheet}"`).join(', ')}: give one of them with --sheet`));
    return result;
  }
  const place = (row: number, field: number) => ({ file: `${shown}:${sheet.sheet}!${columnLetters(field)}${row}`, line: 0, col: 0 });
  const rows = sheet.data.map((r) => r.map(cellText));
  // A date cell whose format the workbook does not mark as a date arrives as Excel's day number.
  const dateColumn = mapHeader(rows[rows.findIndex((r) => r.some((c) => c.trim()))] ?? []).index.date;
  if (dateColumn !== undefined)
    sheet.data.forEach((r, i) => {
      const v = r[dateColumn];
      if (typeof v === 'number' && Number.isInteger(v) && v > 20000 && v < 80000) rows[i][dateColumn] = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10);
    });
  const headerAt = rows.findIndex((r) => r.some((c) => c.trim()));
  if (headerAt < 0) {
    out.push(diag(`${shown}:${sheet.sheet}`, 0, 0, 'the sheet is empty; a sheet of answers needs a header row and one row per answer'));
    return result;
  }
  const mapped = mapHeader(rows[headerAt]);
  for (const p of mapped.problems) {
    const at = place(headerAt + 1, p.col - 1);
    out.push(diag(at.file, 0, 0, p.message, p.severity));
  }
  if (mapped.problems.some((p) => p.severity === 'error')) return result;
  const groups = new Map<string, RawResponse>();
  for (let i = headerAt + 1; i < rows.length; i++) {
    const record = rows[i];
    if (record.every((c) => c.trim() === '')) continue;
    addRow({ line: i + 1, at: (field) => place(i + 1, field) }, record, mapped.index, groups, sameRespondent, out);
  }
  if (groups.size === 0 && !out.some((d) => d.severity === 'error')) out.push(diag(`${shown}:${sheet.sheet}`, 0, 0, 'the sheet has a header but no answers; add one row per answer'));
  result.responses = [...groups.values()];
  return result;
}
