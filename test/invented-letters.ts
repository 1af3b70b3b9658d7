import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/** An invented remissvar: letterhead lines, a title, sections, a signature. */
export interface Letter {
  head: string[];
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
  signature: string[];
  /** Headings in larger type and Word's heading styles (the default), or bold at body size with no space below them, a plain bold paragraph in Word. */
  headings?: 'styled' | 'bold';
}

/** A soft hyphen (U+00AD) marks where the PDF may break a word at a line end ("indel\u00adning"); the other formats write the word whole. */
const SOFT = '\u00ad';
const whole = (s: string) => s.replaceAll(SOFT, '');

/** The letter as plain text, the way it is pasted from a letter. */
export function letterText(l: Letter): string {
  return whole([l.head.join('\n'), l.title, ...l.sections.map((s) => [s.heading, ...s.paragraphs].join('\n\n')), l.signature.join('\n')].join('\n\n') + '\n');
}

/** The letter as a Word file, headings in heading styles (as a word processor writes it). */
export async function letterDocx(l: Letter): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          ...l.head.map((t) => new Paragraph({ text: t })),
          new Paragraph({ text: whole(l.title), heading: HeadingLevel.TITLE }),
          ...l.sections.flatMap((s) => [
            l.headings === 'bold' ? new Paragraph({ children: [new TextRun({ text: s.heading, bold: true })], keepNext: true }) : new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }),
            ...s.paragraphs.map((p) => new Paragraph({ text: whole(p) })),
          ]),
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
  const fits = (text: string, size: number, f: typeof font) => f.widthOfTextAtSize(whole(text), size) <= width;
  const paragraph = (text: string, size = 11, f = font, after = size * 0.6) => {
    let current = '';
    for (const word of text.split(' ')) {
      const next = current ? `${current} ${word}` : word;
      if (!fits(next, size, f)) {
        // A word with soft hyphens is broken at the last one that fits, with a hyphen at the line end.
        const parts = word.split(SOFT);
        let head = parts.length;
        while (head > 1 && !fits(`${current} ${parts.slice(0, head - 1).join('')}-`, size, f)) head--;
        if (head > 1) {
          line(`${whole(current)} ${parts.slice(0, head - 1).join('')}-`, size, f);
          current = parts.slice(head - 1).join('');
        } else {
          line(whole(current), size, f);
          current = word;
        }
      } else current = next;
    }
    if (current) line(whole(current), size, f);
    y -= after;
  };
  for (const h of l.head) line(h, 11);
  y -= 20;
  paragraph(l.title, 16, bold);
  for (const s of l.sections) {
    if (l.headings === 'bold') paragraph(s.heading, 11, bold, 0);
    else paragraph(s.heading, 13, bold);
    for (const p of s.paragraphs) paragraph(p);
  }
  y -= 10;
  for (const t of l.signature) line(t, 11);
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** Invented letters of a waste-plan remiss in Västerbotten (the register codes are SCB's). */
export const REGISTER = `county: Västerbottens län
source: SCB, kommunkoder
respondents:
  - { code: "2480", name: Umeå, type: kommun }
  - { code: "2482", name: Skellefteå, type: kommun }
  - { code: "2481", name: Lycksele, type: kommun }
  - { code: "2404", name: Vindeln, type: kommun }
`;

export const UMEA: Letter = {
  head: ['Umeå kommun', 'Kommunstyrelsen', 'Datum: 2024-03-12', 'Dnr KS 2024/118'],
  title: 'Yttrande över förslag till regional avfallsplan',
  sections: [
    { heading: 'Sammanfattning', paragraphs: ['Umeå kommun tillstyrker förslaget till regional avfallsplan. Kommunen anser att planen ger en god grund för det gemensamma arbetet med att minska mängden avfall i länet.'] },
    {
      heading: 'Synpunkter',
      paragraphs: [
        'Kommunen vill särskilt lyfta fram behovet av fler återvinningscentraler i glesbygd. Insamlingen av matavfall bör samordnas mellan kommunerna så att transporterna blir kortare och billigare för hushållen.',
        'Kommunen ser positivt på målet att halvera matsvinnet till år 2030, men saknar en plan för hur uppföljningen ska finansieras och vem som ansvarar för att samla in uppgifterna.',
        'Förslaget om gemensam upphandling av insamlingstjänster välkomnas. Kommunen föreslår att en arbetsgrupp med representanter för alla femton kommuner tar fram underlaget under hösten.',
        'Slutligen anser kommunen att planens avsnitt om nedskräpning bör kompletteras med åtgärder för stränder och vattendrag, där problemen ökat de senaste åren.',
      ],
    },
  ],
  signature: ['För Umeå kommun', 'Anna Andersson', 'kommunstyrelsens ordförande'],
};

export const SKELLEFTEA: Letter = {
  head: ['Skellefteå kommun', 'Datum: 2024-03-20', 'Dnr 2024-00311'],
  title: 'Remissvar om regional avfallsplan för Västerbottens län',
  sections: [
    {
      heading: 'Ställningstagande',
      paragraphs: [
        'Skellefteå kommun avstyrker förslaget i dess nuvarande form. Planen lägger för stort ansvar på kommunerna utan att ge dem resurser, och tidplanen för utbyggnaden av insamlingen är inte realistisk.',
        'Kommunen förordar att planen arbetas om tillsammans med kommunernas avfallsbolag innan den antas av länets kommuner.',
      ],
    },
  ],
  signature: ['Skellefteå kommun', 'Per Persson', 'kommunstyrelsens ordförande'],
};

/** Umeå's letter revised: a later date, the same reference, one paragraph rewritten. */
export const UMEA_REVISED: Letter = {
  ...UMEA,
  head: ['Umeå kommun', 'Kommunstyrelsen', 'Datum: 2024-04-02', 'Dnr KS 2024/118'],
  sections: [
    UMEA.sections[0],
    {
      heading: 'Synpunkter',
      paragraphs: [
        UMEA.sections[1].paragraphs[0],
        'Kommunen stöder målet att halvera matsvinnet till år 2030 och åtar sig att finansiera sin del av uppföljningen, under förutsättning att övriga kommuner gör detsamma.',
        ...UMEA.sections[1].paragraphs.slice(2),
      ],
    },
  ],
};
