import JSZip from 'jszip';

/**
 * OpenDocument spreadsheets for the tests, written as LibreOffice writes them: a zip whose first
 * entry is `mimetype`, stored, then `META-INF/manifest.xml` and the parts. The XML is spelled out
 * (cells, repeats, paragraphs) so that each test shows the markup it reads.
 */

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:fo="urn:oasis:names:specification:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:xlink="http://www.w3.org/1999/xlink"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
].join(' ');

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A string cell: each paragraph a `text:p`, escaped; `xml` puts markup in as it is. */
export function cell(text: string | string[], opts: { repeat?: number } = {}): string {
  const paragraphs = (Array.isArray(text) ? text : [text]).map((p) => `<text:p>${escapeXml(p)}</text:p>`).join('');
  return `<table:table-cell${opts.repeat ? ` table:number-columns-repeated="${opts.repeat}"` : ''} office:value-type="string" calcext:value-type="string">${paragraphs}</table:table-cell>`;
}

/** A cell whose paragraph is the markup given (text:s, text:span …). */
export const xmlCell = (paragraphXml: string) => `<table:table-cell office:value-type="string"><text:p>${paragraphXml}</text:p></table:table-cell>`;

/** Empty cells, `n` of them in one element, as LibreOffice writes the rest of a row. */
export const emptyCells = (n = 1) => (n > 1 ? `<table:table-cell table:number-columns-repeated="${n}"/>` : '<table:table-cell/>');

/** A date cell: its value is the date, its paragraph what the sheet shows. */
export const dateCell = (iso: string, shown: string) => `<table:table-cell office:value-type="date" office:date-value="${iso}"><text:p>${escapeXml(shown)}</text:p></table:table-cell>`;

/** A number cell: its value and the text the sheet shows for it. */
export const numberCell = (value: string, shown: string) => `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${escapeXml(shown)}</text:p></table:table-cell>`;

/** A row of string cells (or of cell markup, where an item starts with `<`), optionally repeated. */
export function row(cells: string[], opts: { repeat?: number } = {}): string {
  const inner = cells.map((c) => (c.startsWith('<') ? c : c === '' ? emptyCells() : cell(c))).join('');
  return `<table:table-row${opts.repeat ? ` table:number-rows-repeated="${opts.repeat}"` : ''}>${inner}</table:table-row>`;
}

/** Empty rows, `n` of them in one element (LibreOffice ends a sheet with 1 048 576 minus its rows). */
export const emptyRows = (n: number, columns = 1024) => `<table:table-row table:number-rows-repeated="${n}"><table:table-cell table:number-columns-repeated="${columns}"/></table:table-row>`;

/** A sheet: its name and rows (markup from `row`, `emptyRows`). */
export function table(name: string, rows: string[]): string {
  return `<table:table table:name="${escapeXml(name)}"><table:table-column table:number-columns-repeated="3"/>${rows.join('')}</table:table>`;
}

/** The content.xml of a spreadsheet with these sheets. */
export function content(tables: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content ${NS} xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"><office:automatic-styles/><office:body><office:spreadsheet>${tables.join('')}</office:spreadsheet></office:body></office:document-content>`;
}

/** A sheet given as rows of plain strings, the simplest spreadsheet. */
export const simpleContent = (rows: string[][], name = 'Blad1') => content([table(name, rows.map((r) => row(r)))]);

const MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/**
 * The package: `mimetype` stored first, the manifest, `content.xml` and a minimal `styles.xml`.
 * `encrypted` writes what a file saved with a password holds: the manifest's encryption data and
 * a content.xml that is not XML.
 */
export async function odsPackage(contentXml: string, opts: { encrypted?: boolean; mimetype?: string } = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('mimetype', opts.mimetype ?? MIMETYPE, { compression: 'STORE' });
  const encryption = opts.encrypted
    ? '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:key-size="32" manifest:iteration-count="100000" manifest:salt="AAAA"/></manifest:encryption-data>'
    : '';
  zip.file(
    'META-INF/manifest.xml',
    `<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${opts.mimetype ?? MIMETYPE}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"${opts.encrypted ? ' manifest:size="1000"' : ''}>${encryption}</manifest:file-entry><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
  );
  zip.file('content.xml', opts.encrypted ? Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 73 + 11) & 0xff)) : contentXml);
  zip.file('styles.xml', `<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles ${NS} office:version="1.3"><office:styles/></office:document-styles>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
