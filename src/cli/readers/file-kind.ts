import { inflateEntry, zipEntries } from './zip.js';

/** What a file really is, by its bytes, for the messages that tell a renamed file from a damaged one. */
export type FileKind = 'xlsx' | 'docx' | 'pptx' | 'ods' | 'odt' | 'odp' | 'ole' | 'text' | 'other';

/** How each kind is named in a message, with the extension that fits it. */
export const KIND_NAMES: Record<Exclude<FileKind, 'other'>, { name: string; ext?: string }> = {
  xlsx: { name: 'an Excel workbook (.xlsx)', ext: '.xlsx' },
  docx: { name: 'a Word document (.docx)', ext: '.docx' },
  pptx: { name: 'a PowerPoint presentation (.pptx)', ext: '.pptx' },
  ods: { name: 'an OpenDocument spreadsheet (.ods)', ext: '.ods' },
  odt: { name: 'an OpenDocument text (.odt)', ext: '.odt' },
  odp: { name: 'an OpenDocument presentation (.odp)', ext: '.odp' },
  ole: { name: 'an old binary Office file (.xls or .doc)' },
  text: { name: 'a text file (CSV, HTML or plain text)' },
};

const ODF_TYPES: Record<string, FileKind> = {
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.spreadsheet-template': 'ods',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.text-template': 'odt',
  'application/vnd.oasis.opendocument.presentation': 'odp',
};

/**
 * The kind of a file by its first bytes and, for a zip, the parts it holds: an OpenDocument
 * package names its type in its `mimetype` entry, an Office Open XML one by its main part. Only
 * the zip's directory and the few bytes of `mimetype` are read. May throw OverLimit (a zip that
 * declares more than the limits).
 */
export function fileKind(bytes: Buffer): FileKind {
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xd0cf11e0 && bytes.readUInt32BE(4) === 0xa1b11ae1) return 'ole';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    const entries = zipEntries(bytes, 'package');
    const mimetype = entries.find((e) => e.name === 'mimetype' && e.size < 200);
    if (mimetype) {
      try {
        const kind = ODF_TYPES[inflateEntry(bytes, mimetype, 'package').toString('ascii').trim()];
        if (kind) return kind;
      } catch {
        // a damaged mimetype entry: told by the parts below, or by the reader
      }
    }
    const names = new Set(entries.map((e) => e.name));
    if (names.has('xl/workbook.xml')) return 'xlsx';
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('ppt/presentation.xml')) return 'pptx';
    return 'other';
  }
  const head = bytes.subarray(0, 8192);
  if (head.length && !head.includes(0)) return 'text';
  return 'other';
}

/**
 * Why a file is not what its extension says, when its bytes show what it is instead ("is an
 * Excel workbook (.xlsx) with the extension .ods"), with the rename that fixes it; undefined when
 * it is of the kind expected, or of no kind dialog can name.
 */
export function misnamed(bytes: Buffer, shownExt: string, expected: FileKind[]): { what: string; advice: string } | undefined {
  const kind = fileKind(bytes);
  if (kind === 'other' || expected.includes(kind)) return undefined;
  const { name, ext } = KIND_NAMES[kind];
  return {
    what: `is ${name} with the extension ${shownExt}`,
    advice: ext ? `rename it to ${ext}` : kind === 'text' ? 'if it is a CSV file, rename it to .csv; else open it in Excel or LibreOffice and save it as .xlsx, .ods or CSV' : 'open it in Excel or LibreOffice and save it as .xlsx, .ods or CSV',
  };
}
