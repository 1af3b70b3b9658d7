import { Parser } from 'saxen';
import { columnLetters, type SheetRow } from '../../core/ingest/read-sheet.js';
import { OverLimit } from './read-errors.js';

/** The namespaces of an OpenDocument spreadsheet's content, by the prefixes this reader names them with (a file may use others). */
const NAMESPACES: Record<string, string> = {
  'urn:oasis:names:tc:opendocument:xmlns:office:1.0': 'office',
  'urn:oasis:names:tc:opendocument:xmlns:table:1.0': 'table',
  'urn:oasis:names:tc:opendocument:xmlns:text:1.0': 'text',
  'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0': 'draw',
};

const URIS = Object.fromEntries(Object.entries(NAMESPACES).map(([uri, prefix]) => [prefix, uri]));

/** Inside a cell, content that is not the cell's text: comments, pictures and shapes, notes, a table in the cell. */
const NOT_CELL_TEXT = /^(?:office:annotation|office:annotation-end|draw:.*|text:note|text:tracked-changes|table:table)$/u;

/** Why the content cannot be read: told by the package reader with the file's name. */
export class ContentError extends Error {}

export interface OdsLimits {
  /** The most columns a row may reach with text. */
  columns: number;
  /** The most cells (rows × columns) the extent of a sheet's text may cover. */
  cells: number;
  /** The most characters of cell text the sheet read may hold (`text:s` and repeats make text from little XML). */
  text: number;
}

export interface OdsContent {
  /** Every sheet's name, in the workbook's order. */
  names: string[];
  /** The sheet asked for, when it is there: its rows that hold text, numbered as the sheet shows them. */
  sheet?: { name: string; rows: SheetRow[] };
  /** Problems worth a warning, placed as `Sheet!C7`. */
  warnings: { cell: string; message: string }[];
}

/** A run of equal cells in a row: `table:number-columns-repeated` read as a count, never laid out until it holds text. */
interface Run {
  text: string;
  repeat: number;
}

/** A repeat count (or `text:c`): a count too large to be honest stays large, so that the limits refuse it rather than read it as 1. */
const count = (value: string | undefined) => {
  const n = Math.floor(Number(value));
  return n > 1 ? n : 1;
};

/**
 * The sheets of an OpenDocument spreadsheet's `content.xml`, and the rows of the one asked for
 * (the first, or the one named, exactly or else in any case), read in one pass of a SAX parser:
 * a sheet is a few elements per cell, and a DOM of a large sheet would take some 850 bytes per
 * element (600 MB and 5 s for 100 000 rows in xmldom). Repeated rows and cells stay counts until
 * they hold text, so the million empty rows LibreOffice writes below the last row cost nothing;
 * rows with text are checked against the limits before they are laid out. A cell's text is its
 * paragraphs joined by a newline, with `text:s`, `text:tab` and `text:line-break`; a date cell
 * gives its date (YYYY-MM-DD), any other cell the text it shows.
 */
export function readOdsContent(xml: string, sheetName: string | undefined, limits: OdsLimits): OdsContent {
  const names: string[] = [];
  const warnings: OdsContent['warnings'] = [];
  /** The rows of the sheets that may be the one asked for, by their order among the sheets. */
  const wanted = new Map<number, SheetRow[]>();
  let root: string | undefined;
  let spreadsheet = false;
  // Where the walk is: the sheet read (its rows collected, or only counted), its row, its cell, its paragraph.
  let sheet = -1;
  let sheetDepth = 0;
  let rows: SheetRow[] | undefined;
  let rowNumber = 0;
  let widest = 0;
  let textRead = 0;
  let row: { repeat: number; runs: Run[]; width: number } | undefined;
  let cell: { repeat: number; covered: boolean; type?: string; date?: string; value?: string; paragraphs: string[] } | undefined;
  let paragraph: { text: string; depth: number } | undefined;
  /** The depth below which elements are skipped (a comment's text is not the cell's), or 0. */
  let skipBelow = 0;
  let depth = 0;

  const place = (column: number, r = rowNumber) => `${names[sheet]}!${columnLetters(column)}${r}`;
  /** Adds text to the paragraph, or a number of spaces (`text:s`), counted against the limit before it is made. */
  const append = (text: string | number) => {
    const length = typeof text === 'number' ? text : text.length;
    textRead += length;
    if (textRead > limits.text) throw new OverLimit(`the sheet "${names[sheet]}" holds more than ${limits.text.toLocaleString('en')} characters of text in its cells (the limit); it is not read. Export the sheet as CSV, or remove what is not answers`);
    paragraph!.text += typeof text === 'number' ? ' '.repeat(text) : text;
  };

  const endCell = () => {
    const c = cell!;
    cell = undefined;
    let text = c.paragraphs.join('\n');
    if (c.type === 'date' && c.date && /^\d{4}-\d{2}-\d{2}/u.test(c.date)) text = c.date.slice(0, 10);
    // A cell written by a program other than LibreOffice may hold its value without a paragraph.
    else if (!c.paragraphs.length && c.value !== undefined) text = c.value;
    if (c.covered && text.trim() && rows) {
      // Text under merged cells is not shown in the sheet: reading it would add what the analyst never saw.
      warnings.push({ cell: place(row!.width, rowNumber + 1), message: 'holds text hidden under merged cells; it is not read. Unmerge the cells to see it, and move it into a cell of its own if it belongs to the answers' });
      text = '';
    }
    row!.runs.push({ text, repeat: c.repeat });
    row!.width += c.repeat;
  };

  const endRow = () => {
    const r = row!;
    row = undefined;
    const runs = r.runs;
    while (runs.length && !runs[runs.length - 1].text.trim()) runs.pop();
    if (!runs.length) {
      rowNumber += r.repeat;
      return;
    }
    const width = runs.reduce((n, run) => n + run.repeat, 0);
    const last = rowNumber + r.repeat;
    widest = Math.max(widest, width);
    if (width > limits.columns || last * widest > limits.cells)
      throw new OverLimit(
        `the sheet "${names[sheet]}" reaches cell ${columnLetters(Math.min(width, 16_384) - 1)}${last} with text (${last.toLocaleString('en')} rows × ${widest.toLocaleString('en')} columns); a sheet dialog reads may span at most ${limits.columns.toLocaleString('en')} columns and ${limits.cells.toLocaleString('en')} cells (rows × columns). Delete the rows and columns beyond the answers, or export the sheet as CSV`,
      );
    const cells: string[] = [];
    for (const run of runs) for (let i = 0; i < run.repeat; i++) cells.push(run.text);
    // A repeated row is the same row several times over: its cells are read, never changed, so they are shared.
    for (let i = 1; i <= r.repeat; i++) rows!.push({ row: rowNumber + i, cells });
    rowNumber = last;
  };

  const parser = new Parser();
  parser.ns(NAMESPACES);
  parser.on('error', (err: Error) => {
    throw new ContentError(`is not well-formed XML (${err.message})`);
  });
  // saxen reads past a malformed attribute with a warning, and what follows it is lost: for a
  // sheet that would be answers left out without a word, so a warning stops the reading too.
  parser.on('warn', (err: Error) => {
    throw new ContentError(`is not well-formed XML (${err.message})`);
  });
  parser.on('attention', (text: string) => {
    // OpenDocument has no DTD; one can only declare entities. Refused before anything after it is read.
    if (/^<!DOCTYPE/iu.test(text)) throw new ContentError('declares a DTD (<!DOCTYPE>), which OpenDocument files never hold');
  });
  parser.on('openTag', (name: string, attrs: () => Record<string, string>, decode: (s: string) => string, selfClosing: boolean) => {
    depth++;
    const attr = (key: string) => {
      const v = attrs()[key];
      return v === undefined ? undefined : decode(v);
    };
    if (skipBelow) {
      if (selfClosing) depth--;
      return;
    }
    if (!root) {
      root = name;
      // Cells and their text are known by their namespaces: content without them would read as empty cells.
      const declared = new Set(Object.values(attrs()));
      const missing = ['table', 'text'].filter((prefix) => !declared.has(URIS[prefix]));
      if (root === 'office:document-content' && missing.length) throw new ContentError(`does not declare the OpenDocument ${missing.join(' and ')} namespace${missing.length > 1 ? 's' : ''} (${missing.map((p) => URIS[p]).join(', ')})`);
    }
    if (name === 'office:spreadsheet') spreadsheet = true;
    else if (cell) {
      if (NOT_CELL_TEXT.test(name)) skipBelow = depth;
      else if (!rows) {
        // A cell of a sheet that is not read: only its place counts.
      } else if (name === 'text:p' || name === 'text:h') paragraph = { text: '', depth };
      else if (paragraph && name === 'text:s') append(count(attr('text:c')));
      else if (paragraph && name === 'text:tab') append('\t');
      else if (paragraph && name === 'text:line-break') append('\n');
    } else if (row) {
      if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
        cell = { repeat: count(attr('table:number-columns-repeated')), covered: name === 'table:covered-table-cell', paragraphs: [] };
        const type = attr('office:value-type');
        if (type) cell.type = type;
        const date = attr('office:date-value');
        if (date) cell.date = date;
        const value = type === 'boolean' ? attr('office:boolean-value') : type === 'string' ? attr('office:string-value') : type === 'float' || type === 'percentage' || type === 'currency' ? attr('office:value') : undefined;
        if (value !== undefined) cell.value = value;
      }
    } else if (name === 'table:table' && spreadsheet && sheet < 0) {
      sheet = names.length;
      sheetDepth = depth;
      names.push(attr('table:name') ?? `Sheet${sheet + 1}`);
      rowNumber = 0;
      widest = 0;
      textRead = 0;
      const name = names[sheet];
      const read = sheetName === undefined ? sheet === 0 : name.toLowerCase() === sheetName.toLowerCase();
      rows = read ? [] : undefined;
      if (rows) wanted.set(sheet, rows);
    } else if (name === 'table:table-row' && rows) row = { repeat: count(attr('table:number-rows-repeated')), runs: [], width: 0 };
    else if (sheet >= 0 && /^(?:table:shapes|office:forms|table:named-expressions|table:table-source|table:scenario|office:dde-source)$/u.test(name)) skipBelow = depth;
    if (selfClosing) close(name);
  });
  const close = (name: string) => {
    if (skipBelow) {
      if (depth === skipBelow) skipBelow = 0;
      depth--;
      return;
    }
    if (paragraph && paragraph.depth === depth) {
      cell!.paragraphs.push(paragraph.text);
      paragraph = undefined;
    } else if (cell && (name === 'table:table-cell' || name === 'table:covered-table-cell')) endCell();
    else if (row && name === 'table:table-row') endRow();
    else if (depth === sheetDepth) {
      sheet = -1;
      sheetDepth = 0;
      rows = undefined;
    }
    depth--;
  };
  parser.on('closeTag', (name: string, _decode: unknown, selfClosing: boolean) => {
    // A self-closing element was closed when it was opened.
    if (!selfClosing) close(name);
  });
  parser.on('text', (text: string, decode: (s: string) => string) => {
    // White space is kept as written: OpenDocument would collapse it, but Calc does not in a cell
    // (it writes "a   b" itself in a cell with a link, and reads it back so), and dialog reads a
    // sheet as Calc shows it.
    if (paragraph && !skipBelow) append(decode(text));
  });
  parser.on('cdata', (text: string) => {
    if (paragraph && !skipBelow) append(text);
  });
  parser.parse(xml);
  if (root !== 'office:document-content') throw new ContentError(root ? `is not OpenDocument content (its root is <${root}>, not <office:document-content>)` : 'holds no XML element');
  if (!spreadsheet) throw new ContentError('holds no spreadsheet (no office:spreadsheet: is it a text or a presentation?)');
  let chosen: number | undefined;
  if (sheetName === undefined) chosen = names.length ? 0 : undefined;
  else chosen = names.findIndex((n) => n === sheetName) >= 0 ? names.findIndex((n) => n === sheetName) : names.findIndex((n) => n.toLowerCase() === sheetName.toLowerCase());
  const rowsOf = chosen !== undefined && chosen >= 0 ? wanted.get(chosen) : undefined;
  return { names, ...(rowsOf ? { sheet: { name: names[chosen!], rows: rowsOf } } : {}), warnings };
}
