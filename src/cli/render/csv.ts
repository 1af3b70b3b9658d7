/**
 * CSV for people who open it in a spreadsheet. A cell that begins with = + - @, a tab or a
 * carriage return is run as a formula by Excel, LibreOffice and Google Sheets (CSV injection):
 * such text cells get a leading apostrophe, as OWASP recommends, which the spreadsheet shows
 * as text. Numbers are written as they are.
 */
export interface CsvDialect {
  /** `,` (RFC 4180) or `;` (what Excel opens directly where the decimal mark is a comma, as in Sweden). */
  separator: ',' | ';';
  /** A UTF-8 byte order mark, so that Excel reads å, ä and ö right. */
  bom: boolean;
}

export const RFC4180: CsvDialect = { separator: ',', bom: false };
export const SWEDISH_EXCEL: CsvDialect = { separator: ';', bom: true };

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export function csvCell(value: string | number, dialect: CsvDialect = RFC4180): string {
  if (typeof value === 'number') return String(value);
  const s = FORMULA_TRIGGER.test(value) ? `'${value}` : value;
  return /[",;\n\r]/.test(s) || s.includes(dialect.separator) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Cells joined by the separator, without the line end: a part of a row. */
export function csvCells(cells: (string | number)[], dialect: CsvDialect = RFC4180): string {
  return cells.map((c) => csvCell(c, dialect)).join(dialect.separator);
}

export function csvRow(cells: (string | number)[], dialect: CsvDialect = RFC4180): string {
  return csvCells(cells, dialect) + '\n';
}

/** What goes before the first row. */
export const csvStart = (dialect: CsvDialect): string => (dialect.bom ? '\uFEFF' : '');
