import { htmlLines } from '../../core/documents/html-lines.js';
import type { PageItems } from '../../core/documents/pdf-layout.js';
import type { DocLine } from '../../core/documents/types.js';
import { docxHtml } from './docx.js';
import { pdfPages } from './pdf.js';

/**
 * What a reader takes out of a document's bytes: the costly part of reading it (pdf.js, mammoth,
 * xmldom, the RTF tokenizer), which depends on the file alone and so may run on a worker thread
 * (document-pool.ts). What is made of it (headings, furniture, questions, the respondent) is
 * decided on the main thread, in input order.
 */
export type Extracted =
  | { format: 'pdf'; pages: PageItems[] }
  | { format: 'docx'; lines: DocLine[]; furniture: string[]; warnings: string[] }
  | { format: 'odt' | 'rtf'; lines: DocLine[]; furniture: string[] };

/** The extensions `extract` reads: the others (plain text, Markdown) are decoded where they are parsed. */
export const EXTRACTED = ['.pdf', '.docx', '.odt', '.rtf'];

/** Throws Unreadable or OverLimit (pdf.ts) as the format's reader does. */
export async function extract(ext: string, bytes: Buffer, shown: string): Promise<Extracted> {
  switch (ext) {
    case '.pdf':
      return { format: 'pdf', pages: await pdfPages(bytes, shown) };
    case '.docx': {
      const { html, warnings, furniture } = await docxHtml(bytes);
      return { format: 'docx', lines: htmlLines(html), furniture, warnings };
    }
    case '.odt': {
      const { odtLines } = await import('./odt.js');
      return { format: 'odt', ...(await odtLines(bytes)) };
    }
    case '.rtf': {
      const { rtfLines } = await import('./rtf.js');
      return { format: 'rtf', ...(await rtfLines(bytes)) };
    }
    default:
      throw new Error(`extract: ${ext} is not a format it reads`);
  }
}
