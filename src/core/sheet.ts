import { parse } from 'csv-parse/sync';

/** A filled sheet (a review or an audit) as read from CSV or XLSX: its header, and each row with where its cells stand. */
export interface Sheet {
  header: string[];
  headerPlace: { file: string; line: number; col: number };
  /** `row` is the row's number in the sheet (1 is the header), for messages that point back to it. */
  rows: { row: number; cells: string[]; place: (column: number) => { file: string; line: number; col: number } }[];
}

/** A delimited text's records with the line each ends on, or the first error with its line. */
export type DelimitedRows = { records: { record: string[]; info: { lines: number } }[]; delimiter: string } | { error: { line: number; message: string } };

/**
 * Rows of a CSV as a spreadsheet saves it: the delimiter (`;`, tab or `,`) is the one the first
 * line holds most of; a byte order mark is dropped; empty lines are skipped.
 */
export function delimitedRows(text: string): DelimitedRows {
  const body = text.replace(/^\uFEFF/u, '');
  const firstLine = body.split(/\r?\n/u)[0] ?? '';
  const delimiter = [';', '\t', ','].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  try {
    return { records: parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[], delimiter };
  } catch (err) {
    const e = err as { lines?: number; message: string };
    return { error: { line: e.lines ?? 1, message: `invalid CSV: ${e.message.replace(/\.$/u, '')}` } };
  }
}
