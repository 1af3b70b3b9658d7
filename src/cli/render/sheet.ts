import { csvRow, csvStart, type CsvDialect } from './csv.js';

/** A sheet to write: its columns (with widths in characters, and which wrap), and rows of text cells. */
export interface SheetSpec {
  name: string;
  columns: { id: string; width: number; wrap?: boolean }[];
  rows: string[][];
}

/** The sheet as CSV: text cells that a spreadsheet would run as formulas are kept as text (csvCell). */
export function sheetCsv(sheet: SheetSpec, dialect: CsvDialect): string {
  let out = csvStart(dialect) + csvRow(sheet.columns.map((c) => c.id), dialect);
  for (const row of sheet.rows) out += csvRow(row, dialect);
  return out;
}

/**
 * The sheet as an Excel workbook: a bold, frozen header, wrapped long text, and every cell written
 * as text, so that nothing in an answer is ever run as a formula. Styles only where they matter: a
 * style on every cell cost a third of the time at 10 000 rows. write-excel-file is loaded only here.
 */
export async function sheetXlsx(sheet: SheetSpec): Promise<Buffer> {
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const header = sheet.columns.map((c) => ({ value: c.id, type: String, fontWeight: 'bold' as const, wrap: true }));
  const data = [header, ...sheet.rows.map((row) => row.map((value, i) => (sheet.columns[i].wrap ? { value, type: String, wrap: true } : { value, type: String })))];
  return writeXlsxFile(data, { sheet: sheet.name, columns: sheet.columns.map((c) => ({ width: c.width })), stickyRowsCount: 1 }).toBuffer();
}
