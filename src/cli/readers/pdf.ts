import type { PageItems } from '../../core/documents/pdf-layout.js';

/** Why a file cannot be read, told to the user as `file: <reason>`. */
export class Unreadable extends Error {}

/** The most pages a PDF may have (a remissvar is rarely over 200): a longer one is refused before its pages are read. */
export const MAX_PDF_PAGES = 2_000;

/**
 * The text items of every page of a PDF, with their positions and sizes (unpdf's build of
 * pdf.js, loaded only when a PDF is met). Encrypted and broken files are `Unreadable`.
 */
export async function pdfPages(bytes: Uint8Array, shown: string): Promise<PageItems[]> {
  const { getDocumentProxy } = await import('unpdf');
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes the buffer over: give it a copy, so that the caller's bytes stay whole.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false, stopAtErrors: false });
  } catch (err) {
    throw unreadable(err, shown);
  }
  if (pdf.numPages > MAX_PDF_PAGES) {
    await pdf.destroy();
    throw new Unreadable(`has ${pdf.numPages} pages, more than the ${MAX_PDF_PAGES.toLocaleString('en')} a response may have; it is not read. If it is one response, split out its pages (for example qpdf --empty --pages ${shown} 1-${MAX_PDF_PAGES} -- part1.pdf) or give its text as a .txt file`);
  }
  try {
    const pages: PageItems[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: PageItems['items'] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str) continue;
        const [a, b, c, d, e, f] = it.transform as number[];
        // Positions in the viewport's space (origin bottom left, as pdf.js gives them for an unrotated page).
        const size = Math.hypot(c, d) || Math.hypot(a, b) || it.height;
        items.push({ text: it.str, x: e - view.viewBox[0], y: f - view.viewBox[1], width: it.width, size });
      }
      pages.push({ width: view.width, height: view.height, items });
      page.cleanup();
    }
    return pages;
  } catch (err) {
    throw unreadable(err, shown);
  } finally {
    await pdf.destroy();
  }
}

function unreadable(err: unknown, shown: string): Unreadable {
  const name = (err as { name?: string })?.name ?? '';
  const message = ((err as Error)?.message ?? String(err)).replace(/\.$/, '');
  if (name === 'PasswordException' || /password/i.test(message))
    return new Unreadable(`is encrypted (protected by a password); save an unprotected copy, for example qpdf --decrypt --password=… ${shown} out.pdf, and ingest that`);
  if (name === 'InvalidPDFException' || name === 'FormatError' || /invalid pdf|pdf header|xref|unexpected/i.test(message))
    return new Unreadable(`is not a readable PDF (damaged or not a PDF: ${message}); export it again from the original, or ask the sender for a new copy`);
  return new Unreadable(`cannot be read as a PDF (${message}); export it again from the original, or ask the sender for a new copy`);
}
