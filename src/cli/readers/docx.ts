import { Unreadable } from './pdf.js';

/**
 * A Word document as the small HTML mammoth writes (headings from Word's heading styles kept;
 * images dropped). mammoth is loaded only when a Word document is met.
 */
export async function docxHtml(bytes: Buffer): Promise<{ html: string; warnings: string[]; furniture: string[] }> {
  const mammoth = (await import('mammoth')).default;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), ignoreEmptyParagraphs: true },
    );
    return { html: result.value, warnings: result.messages.filter((m) => m.type === 'error').map((m) => m.message), furniture: await headersAndFooters(bytes) };
  } catch (err) {
    const message = ((err as Error)?.message ?? String(err)).replace(/\.$/, '');
    throw new Unreadable(
      `is not a readable Word document (.docx): ${message}. It may be damaged, protected by a password, or an old .doc renamed`,
      'open it in Word or LibreOffice and save it again as .docx or PDF in its place, then run the ingest again',
    );
  }
}

/**
 * The paragraphs of a Word document's page headers and footers (mammoth leaves them out): the
 * letterhead, date and reference often stand there. Field codes (page numbers) are left out.
 */
async function headersAndFooters(bytes: Buffer): Promise<string[]> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files)
    .filter((n) => /^word\/(?:header|footer)\d*\.xml$/.test(n))
    .sort((a, b) => (a.includes('header') === b.includes('header') ? a.localeCompare(b, 'en', { numeric: true }) : a.includes('header') ? -1 : 1));
  const out: string[] = [];
  for (const name of names) {
    const xml = await zip.file(name)!.async('string');
    for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
      const text = [...p.matchAll(/<w:(t|tab)(?:\s[^>]*)?(?:\/>|>([^<]*)<\/w:t>)/g)].map((m) => (m[1] === 'tab' ? ' | ' : decode(m[2] ?? ''))).join('');
      const clean = text.replace(/\s+/gu, ' ').replace(/^\s*\|\s*|\s*\|\s*$/gu, '').trim();
      if (clean && !out.includes(clean)) out.push(clean);
    }
  }
  return out;
}

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
