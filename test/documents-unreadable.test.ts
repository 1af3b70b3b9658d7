import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { dialog, dialogBin, FIXTURES, tmp } from './helpers.js';
import { scannedPdf, textLikePng } from './letters.js';

const SVAR = join(FIXTURES, 'documents', 'svar');

interface Corpus {
  sources: { path: string; format: string; responses: number; unreadable?: string; facts?: { path: string }[] }[];
  responses: { source: string; respondent: string; respondentAsWritten: string; answers: { heading?: string; text: string }[] }[];
}
const corpusAt = (dir: string, name = 'corpus.json') => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Corpus;

/**
 * A letter of two pages: page 1 holds the letterhead and the text; page 2 only the close, the
 * signature (a small image of a handwritten name) and the footer, all low on the page.
 */
async function letterPdf(opts: { body: string; letterhead: string[]; signature?: boolean }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const p1 = pdf.addPage([595, 842]);
  opts.letterhead.forEach((l, i) => p1.drawText(l, { x: 60, y: 790 - i * 16, size: 11, font: i === 0 ? bold : font }));
  p1.drawText('Yttrande över remissen Avfallsplan 2027', { x: 60, y: 690, size: 16, font: bold });
  const words = opts.body.split(' ');
  let line = '';
  let y = 650;
  for (const w of words) {
    if ((line + ' ' + w).length > 85) {
      p1.drawText(line.trim(), { x: 60, y, size: 11, font });
      y -= 15;
      line = '';
    }
    line += ' ' + w;
  }
  p1.drawText(line.trim(), { x: 60, y, size: 11, font });
  p1.drawText('Postadress: Box 1, 100 00 Staden | Sida 1 av 2', { x: 60, y: 40, size: 8, font });
  const p2 = pdf.addPage([595, 842]);
  if (opts.signature !== false) p2.drawImage(await pdf.embedPng(textLikePng(40, 12)), { x: 60, y: 72, width: 100, height: 18 });
  p2.drawText('Med vänlig hälsning', { x: 60, y: 98, size: 11, font });
  p2.drawText('Karin Lund, förvaltningschef', { x: 60, y: 60, size: 11, font });
  p2.drawText('Postadress: Box 1, 100 00 Staden | Sida 2 av 2', { x: 60, y: 40, size: 8, font });
  return pdf.save();
}

const BODY = 'Kommunen tillstyrker förslaget till avfallsplan. Insamlingen av matavfall bör byggas ut i hela länet och kommunerna vill samordna upphandlingen av transporter för att hålla nere kostnaderna för hushållen.';

describe('item 12: a page with little text is not a scan', () => {
  it('reads a letter whose second page holds only the signature and the footer without calling it scanned (real bin)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'svar'));
    writeFileSync(join(dir, 'svar', 'brev.pdf'), await letterPdf({ body: BODY, letterhead: ['Skellefteå kommun', 'Datum 2027-03-01'] }));
    const r = dialogBin(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/scanned|OCR|ocrmypdf|no text/u);
    const corpus = corpusAt(dir);
    expect(corpus.sources[0].unreadable).toBeUndefined();
    expect(corpus.responses[0].respondentAsWritten).toBe('Skellefteå kommun');
    expect(corpus.responses[0].answers.map((a) => a.text).join('\n')).toContain('matavfall');
  });

  it('still names a page that is one image with only a footer over it, with OCR advice that keeps the text pages', async () => {
    const pdf = await PDFDocument.load(await letterPdf({ body: BODY, letterhead: ['Malmö stad'] }));
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage([595, 842]);
    page.drawImage(await pdf.embedPng(textLikePng(60, 80)), { x: 40, y: 80, width: 515, height: 700 });
    page.drawText('Sida 3 av 3', { x: 60, y: 40, size: 8, font });
    const dir = tmp();
    writeFileSync(join(dir, 'brev med bilaga.pdf'), await pdf.save());
    const r = await dialog(['ingest', 'brev med bilaga.pdf', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("brev med bilaga.pdf: warning: page 3 of 3 is a scanned image without text, so its content is not read. To read it, run OCR on it in place");
    expect(r.stderr).toContain("ocrmypdf -l swe --redo-ocr 'brev med bilaga.pdf' 'brev med bilaga.pdf'");
  });
});

describe('item 11: one scanned document does not stop the folder', () => {
  async function folder(): Promise<string> {
    const dir = tmp();
    cpSync(SVAR, join(dir, 'svar'), { recursive: true });
    writeFileSync(join(dir, 'svar', 'skannat.pdf'), await scannedPdf(2));
    return dir;
  }

  it('ingests the readable letters, records the scan, and every report names it; --strict refuses (real bin)', async () => {
    const dir = await folder();
    const strict = await dialog(['ingest', 'svar', '-o', 'corpus.json', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('svar/skannat.pdf: has no text layer (a scanned document) (refused: --strict)');

    const r = dialogBin(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 document could not be read (svar/skannat.pdf)');
    const corpus = corpusAt(dir);
    expect(corpus.sources.find((s) => s.path === 'svar/skannat.pdf')).toMatchObject({ format: 'pdf', responses: 0, unreadable: 'scanned' });
    expect(new Set(corpus.responses.map((x) => x.source)).size).toBe(5);

    const sv = await dialog(['report', '--corpus', 'corpus.json'], { cwd: dir });
    expect(sv.code).toBe(0);
    expect(sv.stdout).toContain('1 remissvar kunde inte läsas: svar/skannat.pdf (skannat dokument utan textlager). Det ingår inte i redovisningen.');
    expect(sv.stderr).toContain('warning: 1 document could not be read and is not in the counts (reports name it): svar/skannat.pdf (scanned document without a text layer)');
    const en = await dialog(['report', '--corpus', 'corpus.json', '--lang', 'en'], { cwd: dir });
    expect(en.stdout).toContain('1 response could not be read: svar/skannat.pdf (scanned document without a text layer). It is not included in this account.');
    for (const template of ['remissammanstallning']) {
      expect((await dialog(['report', '--corpus', 'corpus.json', '-t', template], { cwd: dir })).stdout).toContain('1 remissvar kunde inte läsas: svar/skannat.pdf (skannat dokument utan textlager).');
      expect((await dialog(['report', '--corpus', 'corpus.json', '-t', template, '--lang', 'en'], { cwd: dir })).stdout).toContain('1 response could not be read: svar/skannat.pdf');
    }
    const themes = await dialog(['themes', '--corpus', 'corpus.json', '--no-write'], { cwd: dir });
    expect(themes.code).toBe(0);
    expect(themes.stderr).toContain('1 document could not be read');
  });

  it('ends with the document read and nothing stale when the advice is followed (the scan replaced in place by its OCR)', async () => {
    const dir = await folder();
    expect((await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir })).code).toBe(0);
    // What `ocrmypdf -l swe svar/skannat.pdf svar/skannat.pdf` leaves: the same file, now with text.
    writeFileSync(join(dir, 'svar', 'skannat.pdf'), await letterPdf({ body: BODY, letterhead: ['Region Jämtland Härjedalen', 'Datum 2027-03-02'], signature: false }));
    const stale = await dialog(['report', '--corpus', 'corpus.json'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('svar/skannat.pdf was changed');
    expect((await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir })).code).toBe(0);
    const corpus = corpusAt(dir);
    expect(corpus.sources.some((s) => s.unreadable)).toBe(false);
    expect(corpus.responses.find((x) => x.source === 'svar/skannat.pdf')!.respondentAsWritten).toBe('Region Jämtland Härjedalen');
    const report = await dialog(['report', '--corpus', 'corpus.json'], { cwd: dir });
    expect(report.code).toBe(0);
    expect(report.stdout).not.toContain('kunde inte läsas');
    expect(report.stdout).toContain('6 remissvar');
  });

  it('records a scan that a diary system stamped with a line of text as a scan', async () => {
    const pdf = await PDFDocument.load(await scannedPdf(2));
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.getPages()[0].drawText('Inkom 2027-03-01  Dnr RS 2027/12', { x: 380, y: 815, size: 8, font });
    const dir = tmp();
    writeFileSync(join(dir, 'stamplat.pdf'), await pdf.save());
    const r = await dialog(['ingest', 'stamplat.pdf', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('stamplat.pdf: warning: is a scanned document (its pages are images, with text only in a header or footer); it is recorded as unreadable');
    expect(r.stderr).toContain('ocrmypdf -l swe --redo-ocr stamplat.pdf stamplat.pdf');
    expect(corpusAt(dir).sources[0].unreadable).toBe('scanned');
  });

  it('records the sidecar of a scan, so that the corpus stays current (and goes stale when the sidecar changes)', async () => {
    const dir = await folder();
    writeFileSync(join(dir, 'svar', 'skannat.pdf.yaml'), 'respondent: Falu kommun\n');
    expect((await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir })).code).toBe(0);
    expect(corpusAt(dir).sources.find((s) => s.path === 'svar/skannat.pdf')).toMatchObject({ unreadable: 'scanned', facts: [{ path: 'svar/skannat.pdf.yaml' }] });
    expect((await dialog(['report', '--corpus', 'corpus.json'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'svar', 'skannat.pdf.yaml'), 'respondent: Borlänge kommun\n');
    const stale = await dialog(['report', '--corpus', 'corpus.json'], { cwd: dir });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('svar/skannat.pdf.yaml was changed');
  });

  it('reads the folder when the report is given the inputs directly, and names the scan', async () => {
    const dir = await folder();
    const r = await dialog(['report', 'svar'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 remissvar kunde inte läsas: svar/skannat.pdf');
  });
});

/** An OpenDocument text, written as LibreOffice lays one out: the letterhead in the page header, headings as text:h. */
async function odt(): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  const ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"';
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  zip.file(
    'styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${ns}><office:styles><style:style style:name="Heading_20_2" style:family="paragraph" style:default-outline-level="2"/></office:styles>` +
      `<office:master-styles><style:master-page style:name="Standard"><style:header><text:p>Region Jämtland Härjedalen<text:tab/>YTTRANDE</text:p><text:p>Regionstyrelsen</text:p></style:header>` +
      `<style:footer><text:p>Postadress: Box 654, 831 27 Östersund</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>`,
  );
  zip.file(
    'content.xml',
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${ns}><office:automatic-styles>` +
      `<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_2"/><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>` +
      `<office:body><office:text><text:sequence-decls/><text:p>Datum: 2027-03-04</text:p><text:p>Dnr RS/2027/88</text:p>` +
      `<text:h text:outline-level="1">Yttrande över avfallsplan för länet</text:h>` +
      `<text:p>Regionen tillstyrker förslaget. Återvinningen av textilier<text:s/>bör öka, och <text:span text:style-name="T1">hämtningen</text:span> ska ske året runt.<text:note><text:note-body><text:p>En fotnot som inte är svar.</text:p></text:note-body></text:note></text:p>` +
      `<text:p text:style-name="P1">Fråga 2</text:p><text:list><text:list-item><text:p>Samordna upphandlingen av transporter.</text:p></text:list-item></text:list>` +
      `<table:table><table:table-row><table:table-cell><text:p>Insats</text:p></table:table-cell><table:table-cell><text:p>Tillstyrks</text:p></table:table-cell></table:table-row></table:table>` +
      `<text:list><text:list-item><text:h text:outline-level="2"><text:number>3.</text:number>Synpunkter på tidsplanen</text:h></text:list-item></text:list><text:p>Tidsplanen är för snäv.</text:p>` +
      `<text:p>Östersund den 4 mars 2027</text:p><text:p>Anna Ödman, regiondirektör</text:p></office:text></office:body></office:document-content>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

/**
 * An RTF letter as Word writes one: code page 1252 with \'e5 escapes, \u229? Unicode escapes
 * with their fallback character, a page header, a picture, a heading with an outline level, a
 * table row, and a field whose code is not text.
 */
const RTF = String.raw`{\rtf1\ansi\ansicpg1252\deff0\uc1{\fonttbl{\f0\froman Times New Roman;}}{\colortbl;\red0\green0\blue0;}
{\stylesheet{\s1\outlinelevel0 heading 1;}}{\info{\title Remissvar}{\author Kommunf\'f6rbundet}}
{\header\pard\plain {\pict\pngblip\picw10\pich10 89504e470d0a1a0a0000}\par\pard Kommunf\'f6rbundet Norrbotten\tab YTTRANDE\par}
{\footer\pard Sida {\field{\*\fldinst PAGE}{\fldrslt 1}}\par}
\pard\plain Datum: 2027-03-05\par
\pard Dnr KFN 2027/12\par
\pard\plain\s1\outlinelevel0\b Yttrande \'f6ver avfallsplan f\u246?r l\u228?net\b0\par
\pard\plain F\'f6rbundet tillstyrker f\u246?rslaget. \'c5tervinningen i N\'e4ringslivet och hush\u229\'e5llen ska \u246\'f6ka.\par
\pard\plain\intbl Insats\cell Tillstyrks\cell\row
\pard\plain Lule\'e5 den 5 mars 2027\par
\pard Per \u214?berg, f\'f6rbundsdirekt\'f6r\par}`;

describe('item 13: OpenDocument, RTF and formats dialog does not read', () => {
  it('reads an .odt and an .rtf letter: letterhead from the page header, headings, Swedish letters, no notes or field codes (real bin)', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'svar'));
    writeFileSync(join(dir, 'svar', 'region.odt'), await odt());
    writeFileSync(join(dir, 'svar', 'forbundet.rtf'), RTF, 'latin1');
    const r = dialogBin(['ingest', 'svar', '-o', 'corpus.json', '--format', 'json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/error|\n\s+at /u);
    expect(r.code).toBe(0);
    const docs = (JSON.parse(r.stdout) as { documents: { file: string; format: string; title?: string; respondent: { value: string }; date?: { value: string }; reference?: { value: string }; sections: { heading?: string }[] }[] }).documents;
    const by = Object.fromEntries(docs.map((d) => [d.file, d]));
    expect(by['svar/region.odt']).toMatchObject({ format: 'odt', title: 'Yttrande över avfallsplan för länet', respondent: { value: 'Regionstyrelsen, Region Jämtland Härjedalen' }, date: { value: '2027-03-04' }, reference: { value: 'RS/2027/88' } });
    expect(by['svar/region.odt'].sections.map((s) => s.heading)).toEqual([undefined, 'Fråga 2', '3. Synpunkter på tidsplanen']);
    expect(by['svar/forbundet.rtf']).toMatchObject({ format: 'rtf', title: 'Yttrande över avfallsplan för länet', respondent: { value: 'Kommunförbundet Norrbotten' }, date: { value: '2027-03-05' }, reference: { value: 'KFN 2027/12' } });
    const corpus = corpusAt(dir);
    const text = (f: string) => corpus.responses.find((x) => x.source === f)!.answers.map((a) => a.text).join('\n');
    expect(text('svar/region.odt')).toContain('Regionen tillstyrker förslaget. Återvinningen av textilier bör öka, och hämtningen ska ske året runt.');
    expect(text('svar/region.odt')).toContain('– Samordna upphandlingen av transporter.');
    expect(text('svar/region.odt')).toContain('Insats | Tillstyrks');
    expect(text('svar/region.odt')).not.toMatch(/fotnot|Postadress|YTTRANDE/u);
    expect(text('svar/forbundet.rtf')).toContain('Förbundet tillstyrker förslaget. Återvinningen i Näringslivet och hushållen ska öka.');
    expect(text('svar/forbundet.rtf')).toContain('Insats | Tillstyrks');
    expect(text('svar/forbundet.rtf')).not.toMatch(/PAGE|89504e|Times New Roman|heading 1|\?/u);
    expect(corpus.sources.map((s) => [s.path, s.format])).toEqual([
      ['svar/forbundet.rtf', 'rtf'],
      ['svar/region.odt', 'odt'],
    ]);
  });

  it('reads the same letter saved by LibreOffice as .docx, .odt and .rtf alike: the same facts, sections and text', async () => {
    const dir = tmp();
    for (const f of ['svar/vaxholm-yttrande.docx', 'formats/vaxholm-yttrande.odt', 'formats/vaxholm-yttrande.rtf']) {
      mkdirSync(join(dir, f.split('.').pop()!), { recursive: true });
      copyFileSync(join(FIXTURES, 'documents', f), join(dir, f.split('.').pop()!, 'brev.' + f.split('.').pop()));
    }
    const r = await dialog(['ingest', 'docx', 'odt', 'rtf', '--dry-run', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const docs = (JSON.parse(r.stdout) as { documents: Record<string, unknown>[] }).documents.map(({ file: _f, format: _x, ...rest }) => rest);
    expect(docs[0]).toMatchObject({ respondent: { value: 'Kommunstyrelsen, Vaxholms stad' }, date: { value: '2016-02-20' }, reference: { value: 'VS 2016/0031' } });
    expect(docs[1]).toEqual(docs[0]);
    expect(docs[2]).toEqual(docs[0]);
    // Each into its own corpus: in one, the same letter twice would be one response.
    const texts: string[] = [];
    for (const format of ['docx', 'odt', 'rtf']) {
      expect((await dialog(['ingest', format, '-o', `${format}.json`], { cwd: dir })).code).toBe(0);
      texts.push(corpusAt(dir, `${format}.json`).responses[0].answers.map((a) => `${a.heading ?? ''}\n${a.text}`).join('\n\n'));
    }
    expect(texts[0]).toContain('skärgårdskommunerna');
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
  });

  it('records an .odt saved with a password as encrypted, and a damaged .rtf as damaged', async () => {
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(await odt());
    zip.file('META-INF/manifest.xml', '<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>');
    const dir = tmp();
    writeFileSync(join(dir, 'hemligt.odt'), await zip.generateAsync({ type: 'nodebuffer' }));
    writeFileSync(join(dir, 'trasig.rtf'), 'inte RTF alls');
    const r = await dialog(['ingest', 'hemligt.odt', 'trasig.rtf', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('hemligt.odt: warning: is protected by a password; it is recorded as unreadable');
    expect(r.stderr).toContain('trasig.rtf: warning: is not an RTF document');
    expect(corpusAt(dir).sources.map((s) => [s.path, s.unreadable])).toEqual([
      ['hemligt.odt', 'encrypted'],
      ['trasig.rtf', 'damaged'],
    ]);
  });

  it('records a .doc (and .pages, .wpd) in a folder as unreadable with how to convert it, which -q does not hide from the summary, and never parses one as YAML', async () => {
    const dir = tmp();
    cpSync(SVAR, join(dir, 'svar'), { recursive: true });
    // An old Word file: a compound document, binary.
    writeFileSync(join(dir, 'svar', 'gammalt brev.doc'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512, 0)]));
    writeFileSync(join(dir, 'svar', 'brev.pages'), 'PK\u0003\u0004');
    const r = await dialog(['ingest', 'svar', '-o', 'corpus.json', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 documents could not be read (svar/brev.pages, svar/gammalt brev.doc)');
    const loud = await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir });
    expect(loud.stderr).toContain(
      "svar/gammalt brev.doc: warning: is an old Word document (.doc), which dialog does not read; it is recorded as unreadable, and the reports name it. To read it, save it as .docx, .odt or PDF beside it (for example: soffice --headless --convert-to docx --outdir svar 'svar/gammalt brev.doc'), move 'svar/gammalt brev.doc' out of the inputs, and run the ingest again",
    );
    expect(corpusAt(dir).sources.filter((s) => s.unreadable).map((s) => [s.path, s.format, s.unreadable])).toEqual([
      ['svar/brev.pages', 'other', 'format'],
      ['svar/gammalt brev.doc', 'other', 'format'],
    ]);
    const report = await dialog(['report', '--corpus', 'corpus.json'], { cwd: dir });
    expect(report.stdout).toContain('2 remissvar kunde inte läsas: svar/brev.pages (filformatet läses inte: .pages) och svar/gammalt brev.doc (filformatet läses inte: .doc). De ingår inte i redovisningen.');

    // Given by name, a .doc is not YAML: it is recorded as unreadable; under --strict it is an error.
    const byName = await dialog(['ingest', 'svar/gammalt brev.doc', '-o', 'one.json', '--strict'], { cwd: dir });
    expect(byName.code).toBe(1);
    expect(byName.stderr).toContain('svar/gammalt brev.doc: is an old Word document (.doc), which dialog does not read (refused: --strict)');
    expect(byName.stderr).not.toMatch(/YAML/u);
  });

  it('keeps a .docx copy read and the report current once the .doc is converted and moved out, as the advice says', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'svar'));
    writeFileSync(join(dir, 'svar', 'brev.doc'), Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512, 0)]));
    copyFileSync(join(SVAR, 'nacka-yttrande.pdf'), join(dir, 'svar', 'nacka.pdf'));
    expect((await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir })).code).toBe(0);
    copyFileSync(join(SVAR, 'vaxholm-yttrande.docx'), join(dir, 'svar', 'brev.docx'));
    mkdirSync(join(dir, 'original'));
    copyFileSync(join(dir, 'svar', 'brev.doc'), join(dir, 'original', 'brev.doc'));
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'svar', 'brev.doc'));
    // A fresh ingest of the folder replaces the corpus (--replace): the .doc left, the .docx came.
    expect((await dialog(['ingest', 'svar', '-o', 'corpus.json', '--replace'], { cwd: dir })).code).toBe(0);
    const report = await dialog(['report', '--corpus', 'corpus.json'], { cwd: dir });
    expect(report.code).toBe(0);
    expect(report.stdout).not.toContain('kunde inte läsas');
    expect(report.stdout).toContain('2 remissvar från 2 remissinstanser');
  });
});

describe('item 4: the respondent from the letterhead, not the file name', () => {
  it('names "Landstinget Sörmland" from the letterhead of a tjänsteutlåtande, with its organ, and resolves the former name (real bin)', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'svar'));
    const letter = (head: string[], sign: string[]) => [...head, '', 'Yttrande över remiss om avfallsplan', '', BODY, '', ...sign, ''].join('\n');
    writeFileSync(join(dir, 'svar', '06-tjansteutlatande-landstinget-sormland.txt'), letter(['LANDSTINGET SÖRMLAND | TJÄNSTEUTLÅTANDE | 2016-02-15 | Dnr LS-2016-123', 'Landstingsstyrelsens förvaltning'], ['Anna Berg', 'Landstingsdirektör']));
    writeFileSync(join(dir, 'svar', '07-svar.txt'), letter(['Datum 2027-03-01', 'Till Region Stockholm'], ['Med vänlig hälsning', 'För Länsstyrelsen i Västerbottens län', 'Per Holm']));
    writeFileSync(join(dir, 'svar', '08-brev.txt'), letter(['Västra Götalandsregionen', 'Regionutvecklingsnämnden'], ['Lisa Ek']));
    writeFileSync(join(dir, 'svar', '09-okand.txt'), letter(['Datum 2027-03-01'], ['Lisa Ek']));
    const r = dialogBin(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const corpus = corpusAt(dir);
    const who = (f: string) => corpus.responses.find((x) => x.source === `svar/${f}`)!.respondentAsWritten;
    // The national register knows the former name: the organ is kept, the body is Region Sörmland (04).
    expect(who('06-tjansteutlatande-landstinget-sormland.txt')).toBe('Landstingsstyrelsens förvaltning, Landstinget Sörmland');
    expect(corpus.responses.find((x) => x.source === 'svar/06-tjansteutlatande-landstinget-sormland.txt')!.respondent).toBe('04');
    // The addressee ("Till Region Stockholm") is not the respondent; the signature names the body.
    expect(who('07-svar.txt')).toBe('Länsstyrelsen i Västerbottens län');
    expect(who('08-brev.txt')).toBe('Regionutvecklingsnämnden, Västra Götalandsregionen');
    // The file name is the last resort, and then a warning.
    expect(who('09-okand.txt')).toBe('09 okand');
    expect(r.stderr).toContain('svar/09-okand.txt: warning: no body\'s name was found in the letterhead, page headers or signature, so the respondent "09 okand" is taken from the file name');
    expect(r.stderr).not.toMatch(/06-tjansteutlatande[^\n]*file name/u);
  });
});
