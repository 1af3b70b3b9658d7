import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COPY, jaccard, REVISION, shingles } from '../dist/core/ingest/same-letter.js';
import { dialog, dialogBin, tmp } from './helpers.js';
import { letterDocx, letterPdf, letterText, REGISTER, SKELLEFTEA, UMEA, UMEA_REVISED, type Letter } from './invented-letters.js';

const text = (l: Letter) => l.sections.flatMap((s) => s.paragraphs).join('\n');

describe('the same letter twice (issue 18, item 5)', () => {
  it('measures: a letter against its revision and against another letter, on the thresholds', () => {
    const revised = jaccard(shingles(text(UMEA)), shingles(text(UMEA_REVISED)));
    const other = jaccard(shingles(text(UMEA)), shingles(text(SKELLEFTEA)));
    expect(revised).toBeGreaterThanOrEqual(REVISION);
    expect(revised).toBeLessThan(COPY);
    expect(other).toBeLessThan(0.1);
    // Formatting does not count: case, punctuation and line breaks differ, the words do not.
    expect(jaccard(shingles('Kommunen tillstyrker,\nförslaget i sin helhet.'), shingles('kommunen TILLSTYRKER förslaget i sin helhet'))).toBe(1);
  });

  it('counts a PDF and its Word original as one response, says which one is read, and keeps both as sources (real bin)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'register.yaml'), REGISTER);
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [svar]\nregister: register.yaml\n');
    mkdirSync(join(dir, 'svar'));
    writeFileSync(join(dir, 'svar', '01-umea.pdf'), await letterPdf(UMEA));
    writeFileSync(join(dir, 'svar', '01-umea.docx'), await letterDocx(UMEA));
    writeFileSync(join(dir, 'svar', '02-skelleftea.pdf'), await letterPdf(SKELLEFTEA));
    // A short letter: the PDF's signature block is read as text, the Word file's is not.
    writeFileSync(join(dir, 'svar', '02-skelleftea.docx'), await letterDocx(SKELLEFTEA));
    const r = dialogBin(['ingest', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toContain('svar/01-umea.pdf: notice: the same letter from Umeå (2024-03-12, KS 2024/118) as svar/01-umea.docx');
    expect(r.stderr).toContain('read from svar/01-umea.docx');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.corpus).toMatchObject({ sources: 4, responses: 2, respondents: 2 });
    expect(r.stderr).toContain('svar/02-skelleftea.pdf: notice: the same letter from Skellefteå (2024-03-20, 2024-00311) as svar/02-skelleftea.docx');
    const corpus = JSON.parse(readFileSync(join(dir, '.dialog', 'corpus.json'), 'utf8'));
    expect(corpus.responses.map((x: { source: string }) => x.source)).toEqual(['svar/01-umea.docx', 'svar/02-skelleftea.docx']);
    expect(corpus.sources.find((s: { path: string }) => s.path === 'svar/01-umea.pdf')).toMatchObject({ duplicateOf: 'svar/01-umea.docx', responses: 0 });
    // The measured similarity of this pair is printed in the notice.
    const pct = Number(/(\d+) % of the text alike/.exec(r.stderr)![1]);
    expect(pct).toBeGreaterThanOrEqual(COPY * 100);
    // Staleness still follows the copy that is not read.
    writeFileSync(join(dir, 'svar', '01-umea.pdf'), await letterPdf({ ...UMEA, signature: ['Umeå kommun'] }));
    const report = await dialog(['report'], { cwd: dir });
    expect(report.code).toBe(1);
    expect(report.stderr).toContain('svar/01-umea.pdf was changed');
  });

  it('lets a revised letter replace the earlier one, with a notice; a re-ingest changes nothing', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'register.yaml'), REGISTER);
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [svar]\nregister: register.yaml\n');
    mkdirSync(join(dir, 'svar'));
    writeFileSync(join(dir, 'svar', 'umea-v2.txt'), letterText(UMEA_REVISED));
    writeFileSync(join(dir, 'svar', 'umea.txt'), letterText(UMEA));
    writeFileSync(join(dir, 'svar', 'skelleftea.txt'), letterText(SKELLEFTEA));
    const r = await dialog(['ingest', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('svar/umea.txt: notice: replaced by svar/umea-v2.txt, a later letter from Umeå (2024-04-02; this one 2024-03-12, both KS 2024/118');
    const corpus = readFileSync(join(dir, '.dialog', 'corpus.json'), 'utf8');
    const parsed = JSON.parse(corpus);
    expect(parsed.responses.map((x: { source: string }) => x.source)).toEqual(['svar/skelleftea.txt', 'svar/umea-v2.txt']);
    expect(parsed.sources.find((s: { path: string }) => s.path === 'svar/umea.txt')).toMatchObject({ replacedBy: 'svar/umea-v2.txt', responses: 0 });
    expect(JSON.parse(r.stdout).responses).toBe(2);
    // Merging the earlier letter in again does not bring it back.
    expect((await dialog(['ingest', 'svar/umea.txt'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, '.dialog', 'corpus.json'), 'utf8')).toBe(corpus);
  });

  it('never merges two respondents, and counts a later letter with other text under the same reference twice, with a warning', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'register.yaml'), REGISTER);
    mkdirSync(join(dir, 'svar'));
    // Lycksele sends Umeå's words as its own: two respondents, two responses.
    const lycksele: Letter = { ...UMEA, head: ['Lycksele kommun', 'Datum: 2024-03-12', 'Dnr KS 2024/118'], signature: ['Lycksele kommun'] };
    writeFileSync(join(dir, 'svar', 'umea.txt'), letterText(UMEA));
    writeFileSync(join(dir, 'svar', 'lycksele.txt'), letterText(lycksele));
    // A supplement from Umeå: same reference, later date, other text.
    const supplement: Letter = { ...SKELLEFTEA, head: ['Umeå kommun', 'Datum: 2024-05-02', 'Dnr KS 2024/118'], signature: ['Umeå kommun'] };
    writeFileSync(join(dir, 'svar', 'umea-komplettering.txt'), letterText(supplement));
    const r = await dialog(['ingest', 'svar', '--register', 'register.yaml', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).corpus).toMatchObject({ responses: 3, respondents: 2 });
    expect(r.stderr).toContain('svar/umea-komplettering.txt: warning: a later letter from Umeå with the same reference (KS 2024/118) as svar/umea.txt, but with other text');
    expect(r.stderr).not.toContain('the same letter');
  });

  it('warns when a file changes that a copy kept from before was counted against', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'register.yaml'), REGISTER);
    mkdirSync(join(dir, 'svar'));
    writeFileSync(join(dir, 'svar', 'umea.md'), letterText(UMEA));
    // Pasted text with a line more: the same letter, not the same bytes.
    writeFileSync(join(dir, 'svar', 'umea.txt'), letterText(UMEA).replace('Sammanfattning', 'Sammanfattning\n\nKommunstyrelsen har behandlat ärendet.'));
    const first = await dialog(['ingest', 'svar', '--register', 'register.yaml'], { cwd: dir });
    expect(first.stderr).toContain('svar/umea.txt: notice: the same letter from Umeå (2024-03-12, KS 2024/118) as svar/umea.md');
    writeFileSync(join(dir, 'svar', 'umea.md'), letterText(SKELLEFTEA).replace('Skellefteå kommun\n', 'Umeå kommun\n'));
    const r = await dialog(['ingest', 'svar/umea.md', '--register', 'register.yaml'], { cwd: dir });
    expect(r.stderr).toContain('svar/umea.txt: warning: was counted as a copy of svar/umea.md, which changed: ingest svar/umea.txt again too');
  });
});
