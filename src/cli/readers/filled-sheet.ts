import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { diag, InputError, type Diagnostic } from '../../core/diagnostics.js';
import { delimitedRows, type Sheet } from '../../core/sheet.js';
import { columnLetters, type SheetRow } from '../../core/ingest/read-sheet.js';
import { readSheet, sheetCellText } from './xlsx.js';
import { OverLimit, Unreadable } from './read-errors.js';
import { displayPath } from '../files/paths.js';

/**
 * A filled review sheet, CSV (`,` `;` or tab, as Excel saves it), XLSX, or ODS (the sheet saved
 * by LibreOffice), with each cell's place for messages: `sheet.csv:7:12` or `sheet.xlsx:Granskning!K7`.
 */
export async function readFilledSheet(path: string, sheetName?: string): Promise<Sheet> {
  const shown = displayPath(path);
  let bytes: Buffer;
  try {
    if (!statSync(path).isFile()) throw new InputError([diag(shown, 0, 0, 'is a folder or a pipe, not a file; give the filled sheet (.csv, .xlsx or .ods)')]);
    bytes = readFileSync(path);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError([diag(shown, 0, 0, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file; check the path' : `cannot read: ${(err as Error).message}`)]);
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') return xlsxSheet(shown, bytes, sheetName);
  if (ext === '.ods') return odsSheet(shown, bytes, sheetName);
  if (!['.csv', '.tsv', '.txt'].includes(ext)) throw new InputError([diag(shown, 0, 0, 'a review sheet is .csv or .xlsx, as `dialog review export` writes it, or .ods when LibreOffice saved it')]);
  return csvSheet(shown, decodeText(bytes));
}

async function xlsxSheet(shown: string, bytes: Buffer, sheetName: string | undefined): Promise<Sheet> {
  return workbookSheet(shown, async (problems) => {
    const sheet = await readSheet(shown, bytes, sheetName, problems);
    return sheet && { sheet: sheet.sheet, rows: sheet.data.map((r, i) => ({ row: i + 1, cells: r.map(sheetCellText) })) };
  });
}

/** A sheet LibreOffice saved as .ods: only its rows with text are read, so its first is the header (row 1 as review export writes it). */
async function odsSheet(shown: string, bytes: Buffer, sheetName: string | undefined): Promise<Sheet> {
  return workbookSheet(shown, async (problems) => (await import('./ods.js')).readOdsSheet(shown, bytes, sheetName, problems));
}

/**
 * A workbook's sheet as a review sheet, its first row the header, each cell placed as
 * `sheet.xlsx:Granskning!K7`; a workbook that cannot be read, or is past the limits, is bad input.
 */
async function workbookSheet(shown: string, read: (problems: Diagnostic[]) => Promise<{ sheet: string; rows: SheetRow[] } | undefined>): Promise<Sheet> {
  const problems: Diagnostic[] = [];
  let sheet;
  try {
    sheet = await read(problems);
  } catch (err) {
    if (err instanceof Unreadable || err instanceof OverLimit) throw new InputError([diag(shown, 0, 0, err.message)]);
    throw err;
  }
  if (!sheet) throw new InputError(problems);
  const at = (row: number, column: number) => ({ file: `${shown}:${sheet.sheet}!${columnLetters(Math.max(column, 0))}${row}`, line: 0, col: 0 });
  const [header, ...rows] = sheet.rows;
  return {
    header: header?.cells ?? [],
    headerPlace: at(header?.row ?? 1, 0),
    rows: rows.map(({ row, cells }) => ({ row, cells, place: (column: number) => at(row, column) })),
  };
}

function csvSheet(shown: string, text: string): Sheet {
  const read = delimitedRows(text);
  if ('error' in read) throw new InputError([diag(shown, read.error.line, 1, `${read.error.message}; fix the row, or save the sheet again from the spreadsheet`)]);
  const { records } = read;
  const colOf = (record: string[], column: number) => record.slice(0, Math.max(column, 0)).reduce((n, cell) => n + cell.length + 1, 1);
  return {
    header: records[0]?.record ?? [],
    headerPlace: { file: shown, line: 1, col: 1 },
    rows: records.slice(1).map(({ record, info }) => ({ row: info.lines, cells: record, place: (column: number) => ({ file: shown, line: info.lines, col: colOf(record, column) }) })),
  };
}

/** UTF-8, else Windows-1252: what Excel on a Swedish Windows saves as "CSV (semikolonavgränsad)". */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
