import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** An invented remissvar: letterhead lines, a title, sections, a signature. */
export interface Letter {
  head: string[];
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
  signature: string[];
}

/** The letter as plain text, the way it is pasted from a letter. */
export function letterText(l: Letter): string {
  return [l.head.join('\n'), l.title, ...l.sections.map((s) => [s.heading, ...s.paragraphs].join('\n\n')), l.signature.join('\n')].join('\n\n') + '\n';
}

/** The letter as a Word file, headings in heading styles (as a word processor writes it). */
export async function letterDocx(l: Letter): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          ...l.head.map((t) => new Paragraph({ text: t })),
          new Paragraph({ text: l.title, heading: HeadingLevel.TITLE }),
          ...l.sections.flatMap((s) => [new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }), ...s.paragraphs.map((p) => new Paragraph({ text: p }))]),
          ...l.signature.map((t) => new Paragraph({ text: t })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The letter as a PDF exported from it: Helvetica (WinAnsi covers å, ä, ö), larger headings, wrapped lines. */
export async function letterPdf(l: Letter): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page = pdf.addPage([595, 842]);
  let y = 780;
  const left = 70;
  const width = 455;
  const line = (text: string, size: number, f = font) => {
    if (y < 80) {
      page = pdf.addPage([595, 842]);
      y = 780;
    }
    page.drawText(text, { x: left, y, size, font: f });
    y -= size * 1.4;
  };
  const paragraph = (text: string, size = 11, f = font) => {
    let current = '';
    for (const word of text.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (f.widthOfTextAtSize(next, size) > width) {
        line(current, size, f);
        current = word;
      } else current = next;
    }
    if (current) line(current, size, f);
    y -= size * 0.6;
  };
  for (const h of l.head) line(h, 11);
  y -= 20;
  paragraph(l.title, 16, bold);
  for (const s of l.sections) {
    paragraph(s.heading, 13, bold);
    for (const p of s.paragraphs) paragraph(p);
  }
  y -= 10;
  for (const t of l.signature) line(t, 11);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
