/**
 * Issue 22, "Documents: the same letter gives the same answers": a letter read from its PDF and
 * from its Word original gives the same answers (count, heading, text). The letters are written
 * the way many are: bold headings at body size with no space below them ("1. Insamling i
 * glesbygd"), a heading such as "Förvaltningens synpunkter", a title broken at a line-end hyphen
 * in the PDF, and a paragraph that runs from one page onto the next.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, dialogBin, FIXTURES, ROOT, tmp } from './helpers.js';
import * as invented from './invented-letters.js';
import { LYCKSELE, UMEA } from './bold-heading-letters.js';
import { letterDocx, letterPdf } from './letters.js';

const REGISTER = invented.REGISTER;

interface Answer {
  heading?: string;
  text: string;
}

/** The answers `dialog ingest` finds in one file, each file in its own workspace (two copies of one letter are otherwise counted once). */
async function answersOf(name: string, bytes: Uint8Array): Promise<{ answers: Answer[]; title?: string }> {
  const dir = tmp();
  writeFileSync(join(dir, 'register.yaml'), REGISTER);
  mkdirSync(join(dir, 'svar'));
  writeFileSync(join(dir, 'svar', name), bytes);
  const r = await dialog(['ingest', 'svar', '--register', 'register.yaml', '-o', 'corpus.json'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as { responses: { answers: Answer[] }[] };
  expect(corpus.responses).toHaveLength(1);
  const dry = await dialog(['ingest', 'svar', '--register', 'register.yaml', '--dry-run', '--format', 'json'], { cwd: dir });
  const title = (JSON.parse(dry.stdout) as { documents: { title?: string }[] }).documents[0].title;
  return { answers: corpus.responses[0].answers.map((a) => ({ ...(a.heading ? { heading: a.heading } : {}), text: a.text })), title };
}

const headingsOf = (l: { sections: { heading: string }[] }) => l.sections.map((s) => s.heading);

describe('a letter as PDF and as Word gives the same answers (issue 22)', () => {
  it('bold numbered headings at body size, "Förvaltningens synpunkter", a paragraph across a page break, a hyphenated title (letters.ts)', async () => {
    const pdfBytes = await letterPdf(LYCKSELE);
    const pdf = await answersOf('lycksele.pdf', pdfBytes);
    const docx = await answersOf('lycksele.docx', await letterDocx(LYCKSELE));
    expect(pdf.answers.length).toBe(docx.answers.length);
    expect(pdf.answers).toEqual(docx.answers);
    expect(pdf.answers.map((a) => a.heading)).toEqual(headingsOf(LYCKSELE));
    // Each section's paragraphs, whole: the one across the page break ends where it ends.
    expect(pdf.answers.map((a) => a.text)).toEqual(LYCKSELE.sections.map((s) => s.paragraphs.join('\n\n')));
    // The title keeps no line-break hyphen.
    expect(pdf.title).toBe('Yttrande över remissen om förslag till en ny och regional indelning av avfallsområdena');
    expect(docx.title).toBe(pdf.title);
  });

  it('checks that the fixture does what it claims: the title is broken at its hyphen and a paragraph runs onto page 2', async () => {
    const { pdfPages } = await import('../dist/cli/readers/pdf.js');
    const pages = await pdfPages(await letterPdf(LYCKSELE), 'lycksele.pdf');
    const texts = pages.map((p) => p.items.map((i) => i.text));
    expect(texts[0]).toContain('Yttrande över remissen om förslag till en ny och regional indel-');
    const across = LYCKSELE.sections[3].paragraphs[1];
    expect(texts.length, JSON.stringify(texts[0].slice(-6))).toBeGreaterThan(1);
    const onPage = (n: number) => texts[n].filter((t) => across.includes(t) && t.length > 20).length;
    expect(onPage(0)).toBeGreaterThan(0);
    expect(onPage(1)).toBeGreaterThan(0);
    // The bold headings are set at body size.
    const heading = pages[0].items.find((i) => i.text === '1. Insamling i glesbygd')!;
    const body = pages[0].items.find((i) => i.text.startsWith('Kommunen vill att insamlingen'))!;
    expect(heading.size).toBe(body.size);
    expect(heading.bold).toBe(true);
    expect(body.bold).toBeFalsy();
  });

  it('the invented letters in both formats, styled and bold headings (invented-letters.ts)', async () => {
    for (const letter of [invented.UMEA, invented.SKELLEFTEA, UMEA, { ...invented.SKELLEFTEA, headings: 'bold' as const }]) {
      const pdf = await answersOf('svar.pdf', await invented.letterPdf(letter));
      const docx = await answersOf('svar.docx', await invented.letterDocx(letter));
      expect(pdf.answers.length, letter.title).toBe(docx.answers.length);
      expect(pdf.answers, letter.title).toEqual(docx.answers);
      expect(pdf.answers.map((a) => a.heading)).toEqual(headingsOf(letter));
      expect(pdf.title).toBe(letter.title.replaceAll('\u00ad', ''));
    }
  });

  it('the document fixtures: each letter and its other format (made by LibreOffice from the same Word document) give the same answers', async () => {
    const docs = join(FIXTURES, 'documents');
    const pairs = [
      ['svar/kommunstyrelsen-huddinge.pdf', 'originals/kommunstyrelsen-huddinge.docx'],
      ['svar/nacka-yttrande.pdf', 'originals/nacka-yttrande.docx'],
      ['svar/vaxholm-yttrande.docx', 'originals/vaxholm-yttrande.pdf'],
      ['svar/vaxholm-yttrande.docx', 'formats/vaxholm-yttrande.odt'],
      ['svar/vaxholm-yttrande.docx', 'formats/vaxholm-yttrande.rtf'],
    ];
    const read = async (file: string) => {
      const dir = tmp();
      // Read where the fixtures stand, with the repository's register; only the corpus is written, elsewhere.
      const r = await dialog(['ingest', relative(ROOT, join(docs, file)), '--replace', '-o', join(dir, 'corpus.json'), '-q']);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as { responses: { answers: Answer[] }[] }).responses[0].answers.map((a) => ({ heading: a.heading, text: a.text }));
    };
    for (const [a, b] of pairs) {
      const first = await read(a);
      expect(first.length, a).toBeGreaterThan(2);
      expect(await read(b), `${a} and ${b}`).toEqual(first);
    }
  });

  it('never quotes a heading in the remissammanställning, and shows each quote under its heading (real bin)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'register.yaml'), REGISTER);
    writeFileSync(
      join(dir, 'codebook.yaml'),
      'themes:\n  - id: insamling\n    label: { sv: Insamling }\n    patterns:\n      - { glob: "insamling*" }\n  - id: taxor\n    label: { sv: Taxor och finansiering }\n    patterns:\n      - { glob: "kostnad*" }\n      - { glob: "finansier*" }\n',
    );
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [svar]\nregister: register.yaml\ncodebook: codebook.yaml\n');
    mkdirSync(join(dir, 'svar'));
    writeFileSync(join(dir, 'svar', 'lycksele.pdf'), await letterPdf(LYCKSELE));
    writeFileSync(join(dir, 'svar', 'umea.pdf'), await invented.letterPdf(UMEA));
    // The report through the real bin; the ingest before it and the run with workers in-process.
    expect((await dialog(['ingest'], { cwd: dir })).code).toBe(0);
    const r = dialogBin(["report", "-t", "remissammanstallning", "-o", "remissammanstallning.md"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const report = readFileSync(join(dir, 'remissammanstallning.md'), 'utf8');
    const quotes = [...report.matchAll(/”([^”]*)”/gu)].map((m) => m[1]);
    expect(quotes.length).toBeGreaterThan(2);
    for (const h of [...headingsOf(LYCKSELE), ...headingsOf(UMEA)]) for (const q of quotes) expect(q).not.toContain(h);
    // A quote stands with the heading of the section it comes from.
    expect(report).toContain('- Taxor och finansiering (avsnitt 2\\. Finansiering): ”Förslaget saknar en beskrivning');
    // Worker threads carry the headings too: the same report (one worker: the two letters are one batch).
    const workers = await dialog(['report', '-t', 'remissammanstallning', '-o', 'med-trådar.md'], { cwd: dir, env: { DIALOG_WORKERS: '1' } });
    expect(workers.code, workers.stderr).toBe(0);
    expect(readFileSync(join(dir, 'med-trådar.md'), 'utf8')).toBe(report);
  });
});
