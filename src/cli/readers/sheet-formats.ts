/**
 * Workbooks dialog reads as sheets of answers. A macro-enabled workbook (.xlsm) is an .xlsx with a
 * macro part besides: dialog unpacks only its XML, so no macro is ever read or run.
 */
export const SHEET_EXTENSIONS = ['.xlsx', '.xlsm', '.ods'];

/**
 * Spreadsheets dialog does not read, by extension, with what each is. Never skipped and never
 * read as YAML: each is an error, since a sheet holds many answers and leaving one out would
 * change every count.
 */
export const UNREAD_SHEET_EXTENSIONS: Record<string, string> = {
  '.xls': 'an old Excel workbook (.xls)',
  '.xlsb': 'an Excel binary workbook (.xlsb)',
  '.numbers': 'an Apple Numbers spreadsheet (.numbers)',
  '.fods': 'a flat OpenDocument spreadsheet (.fods)',
};

/** A workbook by its extension (lower case): one dialog reads, or one it refuses with advice. */
export function isWorkbookExtension(ext: string): boolean {
  return SHEET_EXTENSIONS.includes(ext) || Object.hasOwn(UNREAD_SHEET_EXTENSIONS, ext);
}
