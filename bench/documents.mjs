#!/usr/bin/env node
// The document benchmark: generates letters like public bodies' remissvar (seeded, deterministic)
// as PDFs with pdf-lib (letterhead, page header and footer with "Sida N av M", headings,
// justified paragraphs that run across pages) or as Word documents with docx (the letterhead in
// the page header, headings in Word's heading styles, as much text as the PDF's pages), then
// times `dialog ingest` of the folder and prints pages/s (Word: the PDF's pages for the same
// text), documents/s (median of runs) and peak RSS.
// usage: node bench/documents.mjs [--docs 240 --pages 3 --runs 3 --format pdf|docx|mixed]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const docs = Number(opt('--docs', '240'));
const pagesPer = Number(opt('--pages', '3'));
const runs = Number(opt('--runs', '3'));
const format = opt('--format', 'pdf');
if (!['pdf', 'docx', 'mixed'].includes(format)) throw new Error(`--format ${format}: give pdf, docx or mixed`);
const out = join(root, 'bench', 'out', 'documents');
const bin = join(root, 'bin', 'dialog');
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const MUNICIPALITIES = ['Huddinge', 'Nacka', 'Solna', 'Täby', 'Järfälla', 'Botkyrka', 'Haninge', 'Tyresö', 'Sollentuna', 'Värmdö', 'Lidingö', 'Sigtuna'];
const SENTENCES = [
  'Kommunen anser att regionens uppgifter måste avgränsas tydligt mot kommunernas.',
  'Den kommunala självstyrelsen får inte inskränkas när en region bildas.',
  'Kollektivtrafiken och den regionala utvecklingsplaneringen bör hållas samman.',
  'Medborgarna ska kunna utkräva ansvar av direktvalda företrädare.',
  'Samverkan bör ske genom det kommunförbund som länets kommuner redan har.',
  'Kommunen vill få möjlighet att lämna synpunkter på kommande förslag.',
  'Bostadsbyggandet kräver en regional planering av infrastrukturen.',
  'Mindre kommuner behöver ett verkligt inflytande i de regionala besluten.',
  'En samlad regional aktör kan ge tydligare ansvar för frågor som i dag faller mellan flera huvudmän.',
  'Erfarenheterna visar att tidiga samråd ger bättre och mer hållbara beslut.',
];
const HEADINGS = ['Sammanfattning', 'Ärendet', 'Synpunkter', '3.1 Regionens uppgifter', '3.2 Kommunalt självstyre', 'Fråga 2', 'Förslag till beslut'];

/** Lines of at most `width` points in the font. */
function wrap(text, font, size, width) {
  const lines = [];
  let line = '';
  for (const w of text.split(' ')) {
    const next = line ? `${line} ${w}` : w;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

async function makePdf(i) {
  const who = MUNICIPALITIES[i % MUNICIPALITIES.length];
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date('2016-02-15T00:00:00Z'));
  pdf.setModificationDate(new Date('2016-02-15T00:00:00Z'));
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const pages = [];
  const newPage = () => {
    const p = pdf.addPage([595, 842]);
    pages.push(p);
    p.drawText(`${who.toUpperCase()} KOMMUN`, { x: 72, y: 800, size: 10, font: bold });
    p.drawText('Kommunstyrelsens förvaltning', { x: 72, y: 787, size: 9, font });
    p.drawText(`${who} kommun, 100 00 ${who}. Telefon 08-000 000 00`, { x: 72, y: 60, size: 8, font });
    return { page: p, y: 750 };
  };
  let at = newPage();
  const need = (h) => {
    if (at.y - h < 90) at = newPage();
  };
  // What the letter says, block by block, for its Word version.
  const blocks = [];
  const text = (s, size = 11, f = font) => {
    at.page.drawText(s, { x: 72, y: at.y, size, font: f });
    at.y -= size * 1.25;
  };
  text(`Datum: 2016-02-${String(1 + (i % 28)).padStart(2, '0')}`);
  text(`Dnr KS-2016/${100 + i}`);
  blocks.push({ p: `Datum: 2016-02-${String(1 + (i % 28)).padStart(2, '0')}` }, { p: `Dnr KS-2016/${100 + i}` }, { title: 'Yttrande över remiss om regionbildning i Stockholms län' });
  at.y -= 10;
  text('Yttrande över remiss om regionbildning i Stockholms län', 15, bold);
  at.y -= 6;
  while (pages.length < pagesPer || at.y > 400) {
    if (pages.length >= pagesPer && at.y < 400) break;
    need(60);
    const heading = pick(HEADINGS);
    blocks.push({ heading });
    text(heading, 13, bold);
    for (let p = 0; p < 2; p++) {
      const para = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => pick(SENTENCES)).join(' ');
      blocks.push({ p: para });
      for (const l of wrap(para, font, 11, 451)) {
        need(14);
        text(l);
      }
      at.y -= 8;
    }
    if (pages.length > pagesPer) break;
  }
  pages.forEach((p, n) => p.drawText(`Sida ${n + 1} av ${pages.length}`, { x: 480, y: 45, size: 9, font }));
  return { bytes: await pdf.save(), pages: pages.length, who, blocks };
}

/** The same letter as a Word document: the letterhead and footer in the page header and footer. */
async function makeDocx({ who, blocks }) {
  const { Document, Footer, Header, HeadingLevel, Packer, Paragraph, TextRun } = await import('docx');
  const doc = new Document({
    creator: 'dialog bench',
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: `${who.toUpperCase()} KOMMUN`, bold: true })] }), new Paragraph('Kommunstyrelsens förvaltning')] }) },
        footers: { default: new Footer({ children: [new Paragraph(`${who} kommun, 100 00 ${who}. Telefon 08-000 000 00`)] }) },
        children: blocks.map((b) => (b.title ? new Paragraph({ text: b.title, heading: HeadingLevel.TITLE }) : b.heading ? new Paragraph({ text: b.heading, heading: HeadingLevel.HEADING_1 }) : new Paragraph(b.p))),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let totalPages = 0;
for (let i = 0; i < docs; i++) {
  const letter = await makePdf(i);
  totalPages += letter.pages;
  const name = join(out, `yttrande-${String(i).padStart(4, '0')}`);
  if (format === 'pdf' || (format === 'mixed' && i % 2 === 0)) writeFileSync(`${name}.pdf`, letter.bytes);
  else writeFileSync(`${name}.docx`, await makeDocx(letter));
}
const kinds = format === 'mixed' ? 'PDFs and Word documents' : format === 'pdf' ? 'PDFs' : 'Word documents';
console.log(`generated ${readdirSync(out).length} ${kinds}, ${totalPages} pages (as PDFs), in ${out}`);

const walls = [];
let rss = 0;
for (let r = 0; r < runs; r++) {
  const argv = [bin, 'ingest', out, '-o', join(out, '..', 'documents-corpus.json'), '--replace', '-q'];
  const t0 = process.hrtime.bigint();
  const res = gnuTime ? spawnSync(gnuTime, ['-f', '%M', process.execPath, ...argv], { encoding: 'utf8', cwd: root }) : spawnSync(process.execPath, argv, { encoding: 'utf8', cwd: root });
  walls.push(Number(process.hrtime.bigint() - t0) / 1e9);
  if (res.status !== 0) throw new Error(`dialog ingest failed (${res.status}): ${res.stderr.slice(-800)}`);
  if (gnuTime) rss = Math.max(rss, Number(res.stderr.trim().split('\n').pop()) / 1024);
}
const median = [...walls].sort((a, b) => a - b)[Math.floor(walls.length / 2)];
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log(`dialog ingest of ${docs} ${kinds} (${totalPages} pages): ${median.toFixed(2)} s wall (median of ${runs}), ${(totalPages / median).toFixed(1)} pages/s, ${(docs / median).toFixed(1)} documents/s${gnuTime ? `, peak RSS ${Math.round(rss)} MB` : ''}`);
