import type { PageItems } from '../../core/documents/pdf-layout.js';
import { OverLimit, Unreadable } from './read-errors.js';

/** The most pages a PDF may have (a remissvar is rarely over 200): a longer one is refused before its pages are read. */
export const MAX_PDF_PAGES = 2_000;

/**
 * The text items of every page of a PDF, with their positions and sizes (unpdf's build of
 * pdf.js, loaded only when a PDF is met). Encrypted and broken files are `Unreadable`.
 */
export async function pdfPages(bytes: Uint8Array, shown: string): Promise<PageItems[]> {
  fixedLengthTransfer();
  const { getDocumentProxy, getResolvedPDFJS } = await import('unpdf');
  const { OPS } = await getResolvedPDFJS();
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes the buffer over: give it a copy, so that the caller's bytes stay whole.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, stopAtErrors: false });
  } catch (err) {
    throw unreadable(err, shown);
  }
  if (pdf.numPages > MAX_PDF_PAGES) {
    await pdf.destroy();
    throw new OverLimit(`has ${pdf.numPages} pages, more than the ${MAX_PDF_PAGES.toLocaleString('en')} a response may have; it is not read. If it is one response, split out its pages (for example qpdf --empty --pages ${shown} 1-${MAX_PDF_PAGES} -- part1.pdf) or give its text as a .txt file`);
  }
  try {
    const pages: PageItems[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const view = page.getViewport({ scale: 1 });
      // The operator list loads the page's fonts, whose names say their weight ("ABCDEF+Calibri-Bold"),
      // and shows where images are painted; it is read first, so that the fonts are in by the time the text is.
      const operators = await page.getOperatorList();
      const content = await page.getTextContent();
      const weight = fontWeights(page.commonObjs, Object.keys(content.styles));
      const items: PageItems['items'] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str) continue;
        const [a, b, c, d, e, f] = it.transform as number[];
        // Positions in the viewport's space (origin bottom left, as pdf.js gives them for an unrotated page).
        const size = Math.hypot(c, d) || Math.hypot(a, b) || it.height;
        const item: PageItems['items'][number] = { text: it.str, x: e - view.viewBox[0], y: f - view.viewBox[1], width: it.width, size };
        if (weight.get(it.fontName)) item.bold = true;
        items.push(item);
      }
      // Only a page without text is searched for images: a page of text is read as it is.
      const bodyText = items.some((it) => it.text.trim() && it.y > view.height * 0.12 && it.y < view.height * 0.88);
      const imageCover = bodyText ? 0 : coverOf(operators, OPS, view.width * view.height);
      pages.push({ width: view.width, height: view.height, items, imageCover });
      page.cleanup();
    }
    return pages;
  } catch (err) {
    throw unreadable(err, shown);
  } finally {
    await pdf.destroy();
  }
}

/** Words in a font's name that mean a bold weight: "Helvetica-Bold", "Arial,BoldItalic", "SegoeUI-Semibold", "Lato-Black". */
const BOLD_FONT = /(?:bold|black|heavy|demi|semibold|extrabold|ultrabold|fett)/iu;

/**
 * Which of a page's fonts are bold, by their names (a subset prefix "ABCDEF+" does not matter).
 * A font pdf.js has not loaded, or one without a name, counts as regular: weight is a hint for
 * finding headings, never needed to read the text.
 */
function fontWeights(objs: { has(id: string): boolean; get(id: string): unknown }, ids: string[]): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const id of ids) {
    const font = objs.has(id) ? (objs.get(id) as { name?: unknown; bold?: unknown } | null) : null;
    out.set(id, font?.bold === true || (typeof font?.name === 'string' && BOLD_FONT.test(font.name)));
  }
  return out;
}

/**
 * pdf.js builds its operator lists (which say where images are painted) with
 * ArrayBuffer.prototype.transferToFixedLength, which Node has only from version 21: on Node 20
 * the list stops at the first font. A copy does what pdf.js needs of it.
 */
function fixedLengthTransfer(): void {
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
  if (typeof proto.transferToFixedLength === 'function') return;
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length = this.byteLength): ArrayBuffer {
      if (length <= this.byteLength) return this.slice(0, length);
      const out = new ArrayBuffer(length);
      new Uint8Array(out).set(new Uint8Array(this));
      return out;
    },
  });
}

type Matrix = [number, number, number, number, number, number];
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

/**
 * The share of the page that images are painted over (capped at 1): an image is drawn into the
 * unit square of the current transformation, so its area is that matrix's determinant. A small
 * logo or a scanned signature covers little; a scanned page covers most of the page.
 */
function coverOf(list: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>, pageArea: number): number {
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let area = 0;
  const images = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintJpegXObject].filter((x) => x !== undefined));
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = times(ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] as Matrix | null | undefined;
      if (Array.isArray(m) && m.length === 6) ctm = times(ctm, m);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (images.has(fn)) area += Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
  });
  return pageArea > 0 ? Math.min(1, area / pageArea) : 0;
}

/** A path as one shell word. */
export function shellQuote(path: string): string {
  return /^[\p{L}\p{N}_./+-]+$/u.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function unreadable(err: unknown, shown: string): Unreadable {
  const name = (err as { name?: string })?.name ?? '';
  const message = ((err as Error)?.message ?? String(err)).replace(/\.$/, '');
  if (name === 'PasswordException' || /password/i.test(message))
    return new Unreadable(
      'is encrypted (protected by a password)',
      `replace it with an unprotected copy in place: qpdf --decrypt --password=… --replace-input ${shellQuote(shown)}, then run the ingest again`,
      'encrypted',
    );
  if (name === 'InvalidPDFException' || name === 'FormatError' || /invalid pdf|pdf header|xref|unexpected/i.test(message))
    return new Unreadable(`is not a readable PDF (damaged or not a PDF: ${message})`, 'export it again from the original (or ask the sender for a new copy), put it in place of this file, and run the ingest again');
  return new Unreadable(`cannot be read as a PDF (${message})`, 'export it again from the original (or ask the sender for a new copy), put it in place of this file, and run the ingest again');
}
