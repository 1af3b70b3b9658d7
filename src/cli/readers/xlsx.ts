import { diag, type Diagnostic } from '../../core/diagnostics.js';
import type { ParsedFile } from '../../core/ingest/raw.js';
import type { Question } from '../../core/model.js';
import { mapHeader } from '../../core/ingest/csv-columns.js';
import { columnLetters, headerRow, responsesFromSheet, type SheetRow } from '../../core/ingest/read-sheet.js';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OverLimit, Unreadable } from './read-errors.js';
import { MAX_WORKBOOK_TEXT_BYTES, unpackChecked } from './zip.js';
import { misnamed } from './file-kind.js';


/** The most columns a sheet may span, and the most cells its extent (rows × columns) may cover. */
export const MAX_SHEET_COLUMNS = 1_000;
export const MAX_SHEET_CELLS = 10_000_000;

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
export async function readXlsx(shown: string, bytes: Buffer, sha256: string, sheetName: string | undefined, sameRespondent: (name: string) => string, questions: readonly Question[] = []): Promise<ParsedFile> {
  const result: ParsedFile = { path: shown, format: 'xlsx', encoding: 'utf-8', sha256, responses: [], diagnostics: [] };
  const sheet = await readSheet(shown, bytes, sheetName, result.diagnostics);
  if (!sheet) return result;
  const rows: SheetRow[] = sheet.data.map((r, i) => ({ row: i + 1, cells: r.map(cellText) }));
  // A date cell whose format the workbook does not mark as a date arrives as Excel's day number.
  const dateColumn = mapHeader(headerRow(rows)?.cells ?? []).index.date;
  if (dateColumn !== undefined)
    sheet.data.forEach((r, i) => {
      const v = r[dateColumn];
      if (typeof v === 'number' && Number.isInteger(v) && v > 20000 && v < 80000) rows[i].cells[dateColumn] = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10);
    });
  result.responses = responsesFromSheet(shown, sheet.sheet, rows, sameRespondent, result.diagnostics, questions);
  return result;
}

type Sheet = { sheet: string; data: unknown[][] };

/**
 * The first sheet of a workbook (or the one named), its cells as they are (texts, numbers,
 * dates): unpacked and checked within the limits before any of it is parsed. A sheet that is
 * not there is a problem in `out`.
 */
export async function readSheet(shown: string, bytes: Buffer, sheetName: string | undefined, out: Diagnostic[]): Promise<Sheet | undefined> {
  // Unpacked by dialog within the limits, and each sheet's extent checked, before any is read.
  const parts = unpackChecked(bytes, 'Excel workbook', (name) => name.endsWith('.xml') || name.endsWith('.xml.rels'), MAX_WORKBOOK_TEXT_BYTES);
  // Every part, not only xl/worksheets/: the workbook's relationships may place a sheet anywhere.
  for (const [name, xml] of parts) if (name.endsWith('.xml')) checkExtent(name, xml);
  if (!parts.has('xl/workbook.xml')) {
    // An OpenDocument spreadsheet or a Word document given the wrong extension: renaming it is the fix.
    const wrong = misnamed(bytes, extname(shown).toLowerCase() || '.xlsx', ['xlsx']);
    if (wrong) throw new Unreadable(wrong.what, wrong.advice);
  }
  let sheets: Sheet[];
  try {
    sheets = await parseWorkbook(parts);
  } catch (err) {
    const message = ((err as Error)?.message ?? String(err)).replace(/\.$/, '');
    throw new Unreadable(`is not a readable Excel workbook (.xlsx): ${message}`, 'open it in Excel or LibreOffice and save it as .xlsx again, or export the sheet as CSV');
  }
  const sheet = sheetName === undefined ? sheets[0] : sheets.find((s) => s.sheet === sheetName) ?? sheets.find((s) => s.sheet.toLowerCase() === sheetName.toLowerCase());
  if (!sheet) out.push(diag(shown, 0, 0, `has no sheet "${sheetName}"; its sheets are ${sheets.map((s) => `"${s.sheet}"`).join(', ')}: give one of them with --sheet`));
  return sheet;
}

/** A cell's value as text, as a CSV would hold it (a date as YYYY-MM-DD). */
export const sheetCellText = cellText;

/**
 * The sheets of an unpacked workbook, read by read-excel-file's own parser. Its zip readers are
 * bypassed (dialog has unpacked and checked the files), and each file is parsed at once: its
 * chunked parser halves the chunk whenever a chunk is slow and can stall at a chunk of nothing.
 */
async function parseWorkbook(parts: Map<string, Buffer>): Promise<Sheet[]> {
  const root = dirname(createRequire(import.meta.url).resolve('read-excel-file/package.json'));
  const load = async (path: string) => ((await import(pathToFileURL(join(root, 'modules', path)).href)) as { default: (...args: unknown[]) => unknown }).default;
  const parseContents = await load('xlsx/parseSpreadsheetContents.js');
  const parseXml = await load('xml/parseXml.js');
  const atOnce = async (xml: string, state: unknown, open: unknown, close: unknown, text: unknown, progress?: (end: boolean) => void) => {
    const result = await parseXml(xml, state, open, close, text);
    progress?.(true);
    return result;
  };
  const contents: Record<string, Uint8Array> = {};
  for (const [name, data] of parts) contents[name] = data;
  return (await parseContents(undefined, atOnce, contents, {})) as Sheet[];
}

/** A column's number from its letters: A → 1, XFD → 16384. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Refuses a sheet whose extent (its declared dimension, or the farthest cell or row it places)
 * exceeds the limits: the reader lays a sheet out as rows × columns, so one cell at XFD1048576
 * would fill the memory. A linear scan of the tags, before the sheet is parsed.
 */
function checkExtent(name: string, xml: Buffer): void {
  const text = xml.toString('latin1');
  // Where each row and cell stands: its `r` attribute, or the one after the last (as readers place them).
  let rows = 0;
  let columns = 0;
  let row = 0;
  let column = 0;
  const tag = /<(?:[\w-]+:)?(row|c|dimension)(?=[\s/>])[^<>]*>/g;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    const attr = /\s(?:r|ref)\s*=\s*["']([^"']*)["']/.exec(m[0]);
    const refs = attr ? attr[1].split(':') : [];
    if (m[1] === 'row') {
      const r = refs.length ? /^\d+$/.exec(refs[0].trim()) : null;
      row = r ? (r[0].length > 9 ? Infinity : Number(r[0])) : row + 1;
      column = 0;
      rows = Math.max(rows, row);
    } else if (m[1] === 'c') {
      const cell = refs.length ? /^\$?([A-Za-z]+)\$?(\d+)$/.exec(refs[0].trim()) : null;
      column = cell ? (cell[1].length > 4 ? Infinity : columnNumber(cell[1])) : column + 1;
      if (cell) rows = Math.max(rows, cell[2].length > 9 ? Infinity : Number(cell[2]));
      columns = Math.max(columns, column);
    } else
      for (const ref of refs) {
        const cell = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(ref.trim());
        if (!cell) continue;
        if (cell[1]) columns = Math.max(columns, cell[1].length > 4 ? Infinity : columnNumber(cell[1]));
        if (cell[2]) rows = Math.max(rows, cell[2].length > 9 ? Infinity : Number(cell[2]));
      }
    if (columns > MAX_SHEET_COLUMNS || rows * Math.max(1, columns) > MAX_SHEET_CELLS) {
      const at = Number.isFinite(rows) && Number.isFinite(columns) && rows > 0 && columns > 0 ? `${columnLetters(columns - 1)}${rows}` : '';
      throw new OverLimit(
        `the sheet ${name.replace(/^xl\/worksheets\//u, '')} reaches ${at ? `cell ${at}` : 'past the limits'} (${Number.isFinite(rows) ? rows : 'too many'} rows × ${Number.isFinite(columns) ? columns : 'too many'} columns); a sheet dialog reads may span at most ${MAX_SHEET_COLUMNS.toLocaleString('en')} columns and ${MAX_SHEET_CELLS.toLocaleString('en')} cells (rows × columns). Delete the empty rows and columns beyond the answers, or export the sheet as CSV`,
      );
    }
  }
}
