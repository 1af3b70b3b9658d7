/**
 * Letters written by tests, the way public bodies send theirs: a PDF exported from a word
 * processor (a text layer, a letterhead, headings in larger type, a footer on every page), a Word
 * document with heading styles, and a scan with no text layer. The facts in them are the test's own.
 */
import { crc32, deflateSync } from 'node:zlib';

export interface Letter {
  /** The letterhead: the body's name, as its own writers put it. */
  letterhead: string;
  date: string;
  /** Diarienummer, written "Dnr …". */
  reference?: string;
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
  /** Lines of the signature block. */
  signature?: string[];
  /** A footer on every page (postal address and the like). */
  footer?: string;
  /**
   * How headings are set: in larger type and Word's heading styles (the default), or as bold
   * text at body size with no space below them, in both formats a plain bold paragraph (as many
   * letters are written: "1. Synpunkt 1" above its text).
   */
  headings?: 'styled' | 'bold';
}

/** A soft hyphen (U+00AD) in a letter's text marks where the PDF may break a word at a line end ("indel\u00adning"). */
const SOFT = '\u00ad';

const A4: [number, number] = [595, 842];
const MARGIN = 70;

/** A text PDF of the letter, in Helvetica (WinAnsi holds å, ä, ö and é). Fixed dates: the same bytes each time. */
export async function letterPdf(letter: Letter): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(`${letter.date}T00:00:00Z`));
  doc.setModificationDate(new Date(`${letter.date}T00:00:00Z`));
  doc.setProducer('dialog tests');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;
  let page = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const pages = [page];
  const newPage = () => {
    page = doc.addPage(A4);
    pages.push(page);
    y = A4[1] - MARGIN;
  };
  const line = (text: string, size: number, font = regular, gapAfter = 4) => {
    if (y < MARGIN + 40) newPage();
    page.drawText(text, { x: MARGIN, y, size, font });
    y -= size + gapAfter;
  };
  const fits = (text: string, size: number, font: typeof regular) => font.widthOfTextAtSize(text.replaceAll(SOFT, ''), size) <= width;
  const wrapped = (text: string, size: number, font = regular, gapAfter = 10) => {
    let current = '';
    for (const word of text.split(/\s+/u)) {
      const next = current ? `${current} ${word}` : word;
      if (!fits(next, size, font) && current) {
        // A word with soft hyphens is broken at the last one that fits, with a hyphen at the line end.
        const parts = word.split(SOFT);
        let head = parts.length;
        while (head > 1 && !fits(`${current} ${parts.slice(0, head - 1).join('')}-`, size, font)) head--;
        if (head > 1) {
          line(`${current.replaceAll(SOFT, '')} ${parts.slice(0, head - 1).join('')}-`, size, font, 3);
          current = parts.slice(head - 1).join('');
        } else {
          line(current.replaceAll(SOFT, ''), size, font, 3);
          current = word;
        }
      } else current = next;
    }
    if (current) line(current.replaceAll(SOFT, ''), size, font, gapAfter);
  };
  line(letter.letterhead, 16, bold, 8);
  line(`Datum ${letter.date}`, 10);
  if (letter.reference) line(`Dnr ${letter.reference}`, 10, regular, 24);
  wrapped(letter.title, 15, bold);
  y -= 6;
  for (const s of letter.sections) {
    if (letter.headings === 'bold') wrapped(s.heading, 11, bold, 3);
    else {
      y -= 6;
      wrapped(s.heading, 13, bold);
    }
    for (const p of s.paragraphs) wrapped(p, 11);
  }
  y -= 12;
  for (const l of letter.signature ?? []) line(l, 11);
  pages.forEach((p, i) => {
    if (letter.footer) p.drawText(letter.footer, { x: MARGIN, y: 40, size: 8, font: regular });
    p.drawText(`${i + 1} (${pages.length})`, { x: A4[0] - MARGIN - 30, y: 40, size: 8, font: regular });
  });
  return doc.save({ useObjectStreams: false });
}

/** A Word document of the letter: the letterhead in the page header, headings in Word's heading styles. */
export async function letterDocx(letter: Letter): Promise<Buffer> {
  const { Document, Header, Footer, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const p = (text: string) => new Paragraph({ children: [new TextRun(text.replaceAll(SOFT, ''))] });
  const heading = (text: string) =>
    letter.headings === 'bold' ? new Paragraph({ children: [new TextRun({ text, bold: true })], keepNext: true }) : new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
  const doc = new Document({
    creator: 'dialog tests',
    title: letter.title.replaceAll(SOFT, ''),
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: letter.letterhead, bold: true, size: 32 })] })] }) },
        ...(letter.footer ? { footers: { default: new Footer({ children: [p(letter.footer)] }) } } : {}),
        children: [
          p(`Datum ${letter.date}`),
          ...(letter.reference ? [p(`Dnr ${letter.reference}`)] : []),
          new Paragraph({ text: letter.title.replaceAll(SOFT, ''), heading: HeadingLevel.TITLE }),
          ...letter.sections.flatMap((s) => [heading(s.heading), ...s.paragraphs.map(p)]),
          ...(letter.signature ?? []).map(p),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A scanned letter: pages that are pictures of text, with no text layer. */
export async function scannedPdf(pages = 2): Promise<Uint8Array> {
  const { PDFDocument } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setProducer('scanner');
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  for (let i = 0; i < pages; i++) {
    const img = await doc.embedPng(textLikePng(300, 424, i + 3));
    const page = doc.addPage(A4);
    page.drawImage(img, { x: 0, y: 0, width: A4[0], height: A4[1] });
  }
  return doc.save({ useObjectStreams: false });
}

/** A greyscale PNG with dark bars where lines of text would be: a scanned page, or a signature. */
export function textLikePng(width: number, height: number, seed = 1): Buffer {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    const inLine = y > 30 && y < height - 30 && y % 11 < 5;
    const end = width - 25 - Math.floor(rand() * 60);
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = inLine && x > 25 && x < end ? 60 : 240;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
