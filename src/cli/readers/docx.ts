import { Unreadable } from './read-errors.js';
import { MAX_WORD_TEXT_BYTES, unpackChecked } from './zip.js';

/**
 * A Word document as the small HTML mammoth writes (headings from Word's heading styles kept;
 * images dropped). mammoth is loaded only when a Word document is met.
 */
export async function docxHtml(bytes: Buffer): Promise<{ html: string; warnings: string[]; furniture: string[] }> {
  const mammoth = (await import('mammoth')).default;
  // Within the limits on unpacked size, or refused before mammoth unpacks it (pictures are not read).
  const parts = unpackChecked(bytes, 'Word document', (name) => !/(?:^|\/)media\//u.test(name), MAX_WORD_TEXT_BYTES);
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      { convertImage: mammoth.images.imgElement(async () => ({ src: '' })), ignoreEmptyParagraphs: true },
    );
    return { html: result.value, warnings: result.messages.filter((m) => m.type === 'error').map((m) => m.message), furniture: headersAndFooters(parts) };
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
function headersAndFooters(parts: Map<string, Buffer>): string[] {
  const names = [...parts.keys()]
    .filter((n) => /^word\/(?:header|footer)\d*\.xml$/.test(n))
    .sort((a, b) => (a.includes('header') === b.includes('header') ? a.localeCompare(b, 'en', { numeric: true }) : a.includes('header') ? -1 : 1));
  const out = new Set<string>();
  for (const name of names) {
    const xml = parts.get(name)!.toString('utf8');
    for (const p of paragraphs(xml)) {
      // `[^<>]*` inside a tag: a run is scanned once, not from every unclosed tag to the end.
      const text = [...p.matchAll(/<w:(t|tab)(?:\s[^<>]*)?(?:\/>|>([^<]*)<\/w:t>)/g)].map((m) => (m[1] === 'tab' ? ' | ' : decode(m[2] ?? ''))).join('');
      const clean = text.replace(/\s+/gu, ' ').replace(/^\s*\|\s*|\s*\|\s*$/gu, '').trim();
      if (clean) out.add(clean);
    }
  }
  return [...out];
}

/**
 * The `<w:p>` elements of a part, each up to its first `</w:p>`: a scan with indexOf, linear in
 * the part (a lazy pattern rescans the rest of the part from every unclosed `<w:p>`).
 */
function paragraphs(xml: string): string[] {
  const out: string[] = [];
  const open = /<w:p[ >]/g;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const close = xml.indexOf('</w:p>', m.index);
    if (close < 0) break;
    out.push(xml.slice(m.index, close + 6));
    open.lastIndex = close + 6;
  }
  return out;
}

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
