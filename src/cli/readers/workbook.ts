import { dirname, extname } from 'node:path';
import { diag } from '../../core/diagnostics.js';
import type { ParsedFile } from '../../core/ingest/raw.js';
import type { Question } from '../../core/model.js';
import { fileKind, misnamed, type FileKind } from './file-kind.js';
import { shellQuote } from './pdf.js';
import { OverLimit, Unreadable } from './read-errors.js';
import { UNREAD_SHEET_EXTENSIONS } from './sheet-formats.js';

/** What the bytes of each spreadsheet format dialog does not read look like, so that a renamed file is told apart. */
const UNREAD_KINDS: Record<string, FileKind[]> = { '.xls': ['ole'], '.xlsb': ['other'], '.numbers': ['other'], '.fods': ['text'] };

/**
 * A workbook of answers (.xlsx, .xlsm, .ods) read as its first sheet (or `sheet`); a file that
 * cannot be read, or a spreadsheet format dialog does not read (.xls, .numbers …), is an error
 * in the file's diagnostics, so that it is told with the run's other problems and nothing is
 * written. The readers are loaded only when a workbook is met.
 */
export async function readWorkbookFile(shown: string, bytes: Buffer, sha256: string, sheet: string | undefined, sameRespondent: (name: string) => string, questions: readonly Question[] = []): Promise<ParsedFile> {
  const ext = extname(shown).toLowerCase();
  const failed = (format: ParsedFile['format'], message: string): ParsedFile => ({ path: shown, format, encoding: 'utf-8', sha256, responses: [], diagnostics: [diag(shown, 0, 0, message)] });
  const unread = UNREAD_SHEET_EXTENSIONS[ext];
  if (unread) return failed('other', notRead(shown, ext, unread, bytes));
  const ods = ext === '.ods';
  try {
    if (ods) return await (await import('./ods.js')).readOds(shown, bytes, sha256, sheet, sameRespondent, questions);
    return await (await import('./xlsx.js')).readXlsx(shown, bytes, sha256, sheet, sameRespondent, questions);
  } catch (err) {
    if (!(err instanceof Unreadable) && !(err instanceof OverLimit)) throw err;
    return failed(ods ? 'ods' : 'xlsx', err.message);
  }
}

/** Why a spreadsheet in a format dialog does not read is refused, and how to make it readable. */
function notRead(shown: string, ext: string, what: string, bytes: Buffer): string {
  let wrong: ReturnType<typeof misnamed>;
  try {
    wrong = misnamed(bytes, ext, UNREAD_KINDS[ext] ?? []);
  } catch (err) {
    // A zip that declares more than the limits is not a file worth naming the kind of.
    if (!(err instanceof OverLimit)) throw err;
  }
  // A web system's "Excel export" is often an .xlsx, HTML or CSV file named .xls.
  if (wrong && fileKind(bytes) !== 'text') return `${wrong.what}; ${wrong.advice}, and run the ingest again`;
  const dir = dirname(shown) === '.' ? '.' : dirname(shown);
  const text = wrong ? ` (it holds text: HTML or CSV, as some systems export "Excel" files; if it is CSV, rename it to .csv)` : '';
  return (
    `is ${what}, which dialog does not read${text}: open it in Excel or LibreOffice and save it as .xlsx, .ods or CSV ` +
    `(for example: soffice --headless --convert-to ods --outdir ${shellQuote(dir)} ${shellQuote(shown)}), move ${shellQuote(shown)} out of the inputs, and run the ingest again. ` +
    'A sheet holds many answers: leaving it out would change every count'
  );
}
