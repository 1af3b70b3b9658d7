import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COPY, jaccard, REVISION, shingles } from '../dist/core/ingest/same-letter.js';
import { dialog, dialogBin, tmp } from './helpers.js';
import { letterDocx, letterPdf, letterText, type Letter } from './letters.js';

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
    const r = dialogBin(['ingest', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toContain('svar/01-umea.pdf: notice: the same letter from Umeå (2024-03-12, KS 2024/118) as svar/01-umea.docx');
    expect(r.stderr).toContain('read from svar/01-umea.docx');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.corpus).toMatchObject({ sources: 3, responses: 2, respondents: 2 });
    const corpus = JSON.parse(readFileSync(join(dir, '.dialog', 'corpus.json'), 'utf8'));
    expect(corpus.responses.map((x: { source: string }) => x.source)).toEqual(['svar/01-umea.docx', 'svar/02-skelleftea.pdf']);
    expect(corpus.sources.find((s: { path: string }) => s.path === 'svar/01-umea.pdf')).toMatchObject({ duplicateOf: 'svar/01-umea.docx', responses: 0 });
    // The measured similarity of this pair is printed in the notice.
    const pct = Number(/(\d+) % of the text alike/.exec(r.stderr)![1]);
    expect(pct).toBeGreaterThanOrEqual(COPY * 100);
    // Staleness still follows the copy that is not read.
    writeFileSync(join(dir, 'svar', '01-umea.pdf'), await letterPdf({ ...UMEA, signature: ['Umeå kommun'] }));
    const report = dialogBin(['report'], { cwd: dir });
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
});
