import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dialog, tmp } from './helpers.js';

// Labelled answers written for this test: the codebook knows "insyn"; the missed answers of two
// respondents speak of "folkomröstningar", one respondent alone of "valkretsar".
const LABELLED = `responses:
  - respondent: Bergby kommun
    answers:
      - { text: "Kommunen vill ha mer insyn i besluten.", themes: [t] }
      - { text: "Folkomröstningar bör hållas oftare i kommunen.", themes: [t] }
  - respondent: Dalby kommun
    answers:
      - { text: "Reglerna om folkomröstningen behöver ses över.", themes: [t] }
      - { text: "Valkretsarna ska ritas om.", themes: [t] }
  - respondent: Ekby kommun
    answers:
      - { text: "En folkomröstning om sammanslagningen kräver tid.", themes: [t] }
      - { text: "Bussarna går sällan.", themes: [] }
`;
const CODEBOOK = `themes:
  - id: t
    label: { sv: Demokrati }
    patterns:
      - { word: insyn }
`;

describe('dialog codebook suggest', () => {
  it('ranks candidates from missed answers by cross-validated F1 gain, with examples, and writes nothing', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'svar.yaml'), LABELLED);
    writeFileSync(join(dir, 'codebook.yaml'), CODEBOOK);
    const r = await dialog(['codebook', 'suggest', 'svar.yaml', '--codebook', 'codebook.yaml', '--format', 'json', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout);
    expect(found[0].pattern).toEqual({ glob: 'folkomröstning*' });
    expect(found[0]).toMatchObject({ theme: 't', gainedTp: 3, addedFp: 0, respondents: 3 });
    expect(found[0].gain).toBeGreaterThan(0);
    expect(found[0].examples[0]).toMatchObject({ match: 'Folkomröstningar', labelled: true });
    // A word only one respondent wrote earns nothing when that respondent is held out.
    expect(found.some((s: { pattern: { glob?: string } }) => s.pattern.glob?.startsWith('valkrets'))).toBe(false);
    const text = await dialog(['codebook', 'suggest', 'svar.yaml', '--codebook', 'codebook.yaml', '-q'], { cwd: dir });
    expect(text.stdout).toContain('{ glob: folkomröstning* }');
    expect(text.stdout).toContain('Nothing is written');
  });

  it('needs labelled answers, and a theme that exists', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'svar.yaml'), 'respondent: Bergby kommun\nanswers:\n  - text: Inget märkt.\n');
    expect((await dialog(['codebook', 'suggest', 'svar.yaml'], { cwd: dir })).code).toBe(1);
    expect((await dialog(['codebook', 'suggest', 'svar.yaml', '--theme', 'nosuch'], { cwd: dir })).code).toBe(2);
  });
});
