import { Unreadable } from './pdf.js';

/**
 * A Word document as the small HTML mammoth writes (headings from Word's heading styles kept;
 * images dropped). mammoth is loaded only when a Word document is met.
 */
export async function docxHtml(bytes: Buffer): Promise<{ html: string; warnings: string[] }> {
  const mammoth = (await import('mammoth')).default;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), ignoreEmptyParagraphs: true },
    );
    return { html: result.value, warnings: result.messages.filter((m) => m.type === 'error').map((m) => m.message) };
  } catch (err) {
    const message = ((err as Error)?.message ?? String(err)).replace(/\.$/, '');
    throw new Unreadable(
      `is not a readable Word document (.docx): ${message}. It may be damaged, protected by a password, or an old .doc renamed; open it in Word or LibreOffice and save it as .docx or PDF again`,
    );
  }
}
