import { extname } from 'node:path';
import { diag, type Diagnostic } from '../../core/diagnostics.js';
import type { ParsedFile } from '../../core/ingest/raw.js';
import type { Question } from '../../core/model.js';
import { responsesFromSheet, type SheetRow } from '../../core/ingest/read-sheet.js';
import { misnamed } from './file-kind.js';
import { ContentError, readOdsContent } from './ods-content.js';
import { OverLimit, Unreadable } from './read-errors.js';
import { MAX_SHEET_CELLS, MAX_SHEET_COLUMNS } from './xlsx.js';
import { MAX_WORKBOOK_TEXT_BYTES, unpackChecked } from './zip.js';

const WHAT = 'OpenDocument spreadsheet (.ods)';
const AGAIN = 'open it in LibreOffice and save it again as .ods (or export the sheet as CSV), then give it again';

/**
 * The first sheet of an OpenDocument spreadsheet (or the one named), its rows that hold text:
 * `content.xml` unpacked within the workbook limits (zip.ts) and read by readOdsContent. A sheet
 * that is not there is a problem in `out`; a file that cannot be read throws Unreadable (a
 * password, a file of another kind, damage) or OverLimit.
 */
export async function readOdsSheet(shown: string, bytes: Buffer, sheetName: string | undefined, out: Diagnostic[]): Promise<{ sheet: string; rows: SheetRow[] } | undefined> {
  let content: Buffer | undefined;
  try {
    const parts = unpackChecked(bytes, 'OpenDocument spreadsheet', (name) => name === 'content.xml' || name === 'META-INF/manifest.xml', MAX_WORKBOOK_TEXT_BYTES);
    // A spreadsheet saved with a password keeps its zip, but its XML is encrypted.
    if (/encryption-data/u.test(parts.get('META-INF/manifest.xml')?.toString('utf8') ?? ''))
      throw new Unreadable('is protected by a password', 'open it in LibreOffice, save it in its place without a password (File > Save As, with "Save with password" unticked), and give it again', 'encrypted');
    // A workbook, a Word document or an OpenDocument text given the extension .ods: renaming it is the fix.
    const wrong = misnamed(bytes, extname(shown).toLowerCase() || '.ods', ['ods']);
    if (wrong) throw new Unreadable(wrong.what, wrong.advice);
    content = parts.get('content.xml');
    if (!content) throw new Unreadable(`is not a readable ${WHAT}: it is not an OpenDocument package (no content.xml); it may be damaged`, AGAIN);
  } catch (err) {
    if (err instanceof Unreadable || err instanceof OverLimit) throw err;
    throw new Unreadable(`is not a readable ${WHAT}: ${((err as Error)?.message ?? String(err)).replace(/\.$/u, '')}`, AGAIN);
  }
  let read;
  try {
    read = readOdsContent(content.toString('utf8'), sheetName, { columns: MAX_SHEET_COLUMNS, cells: MAX_SHEET_CELLS, text: MAX_WORKBOOK_TEXT_BYTES });
  } catch (err) {
    if (err instanceof ContentError) throw new Unreadable(`is not a readable ${WHAT}: its content.xml ${err.message}`, AGAIN);
    throw err;
  }
  for (const w of read.warnings) out.push(diag(`${shown}:${w.cell}`, 0, 0, w.message, 'warning'));
  if (!read.sheet) {
    if (!read.names.length) out.push(diag(shown, 0, 0, 'has no sheets; a sheet of answers needs a header row and one row per answer'));
    else out.push(diag(shown, 0, 0, `has no sheet "${sheetName}"; its sheets are ${read.names.map((s) => `"${s}"`).join(', ')}: give one of them with --sheet`));
    return undefined;
  }
  return { sheet: read.sheet.name, rows: read.sheet.rows };
}

/** An OpenDocument spreadsheet read as a .xlsx workbook is: the same columns, checks and places (`svar.ods:Blad1!C7`). */
export async function readOds(shown: string, bytes: Buffer, sha256: string, sheetName: string | undefined, sameRespondent: (name: string) => string, questions: readonly Question[] = []): Promise<ParsedFile> {
  const result: ParsedFile = { path: shown, format: 'ods', encoding: 'utf-8', sha256, responses: [], diagnostics: [] };
  const sheet = await readOdsSheet(shown, bytes, sheetName, result.diagnostics);
  if (sheet) result.responses = responsesFromSheet(shown, sheet.sheet, sheet.rows, sameRespondent, result.diagnostics, questions);
  return result;
}
