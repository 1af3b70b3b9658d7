import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dialog, dialogBin, tmp } from './helpers.js';

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

// Issue 22: answers written for this test. Three respondents' missed answers speak of
// "insamlingen" (no compound holds it, so `insamling*` and `*insamling*` change the same answers)
// and all of them say "tillstyrker" and "eftersom", which name no topic.
const MISSED = `responses:
  - respondent: Bergby kommun
    answers:
      - { text: "Kommunen tillstyrker förslaget eftersom sopkärlen töms oftare.", themes: [avfall] }
      - { text: "Kommunen tillstyrker planen eftersom insamlingen av matavfall blir enklare.", themes: [avfall] }
      - { text: "Kommunen tillstyrker eftersom busslinjerna blir fler.", themes: [trafik] }
  - respondent: Dalby kommun
    answers:
      - { text: "Dalby tillstyrker, eftersom insamlingen i byarna behöver ses över.", themes: [avfall] }
      - { text: "Dalby tillstyrker eftersom pendeltågen går oftare.", themes: [trafik] }
  - respondent: Ekby kommun
    answers:
      - { text: "Ekby tillstyrker eftersom insamlingen av grovavfall kan samordnas.", themes: [avfall] }
      - { text: "Ekby tillstyrker eftersom vägarna rustas upp.", themes: [trafik] }
  - respondent: Fjällby kommun
    answers:
      - { text: "Fjällby tillstyrker eftersom insamlingen av kläder diskuteras i ett annat ärende.", themes: [] }
      - { text: "Fjällby tillstyrker eftersom insamlingen av förpackningar sköts av producenterna.", themes: [avfall] }
`;
const TWO_THEMES = `themes:
  - id: avfall
    label: { sv: Avfall }
    patterns:
      - { glob: "sopkärl*" }
  - id: trafik
    label: { sv: Trafik }
    patterns:
      - { glob: "buss*" }
      - { glob: "pendeltåg*" }
`;

describe('dialog codebook suggest: what it prints is what --eval gives (issue 22)', () => {
  it('lists a candidate once, never a position or function word, with the figures a re-run of --eval with it added gives (real bin)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'svar.yaml'), MISSED);
    writeFileSync(join(dir, 'codebook.yaml'), TWO_THEMES);
    const r = dialogBin(['codebook', 'suggest', 'svar.yaml', '--codebook', 'codebook.yaml', '--format', 'json', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout) as { theme: string; pattern: { glob?: string; near?: string[] }; gain: number; f1: number; precision: number; recall: number; tp: number; fp: number; fn: number; gainedTp: number; addedFp: number; macroF1: number; examples: { labelled: boolean }[] }[];
    expect(found.length).toBeGreaterThan(0);
    const globs = found.flatMap((s) => s.pattern.glob ?? s.pattern.near ?? []);
    // Deduplicated: the prefix glob stands for the infix glob that changes the same answers.
    expect(globs.filter((g) => /insamling/u.test(g))).toEqual(['insamling*']);
    // No position words, no function words.
    for (const g of globs) expect(g).not.toMatch(/tillstyrk|eftersom|^\*?kommun/u);
    const base = await evalCsv(dir, TWO_THEMES);
    for (const s of found) {
      // The suggestion added to a copy of the codebook, and --eval run again.
      const lines = TWO_THEMES.split('\n');
      const at = lines.indexOf(`  - id: ${s.theme}`);
      lines.splice(lines.indexOf('    patterns:', at) + 1, 0, `      - ${JSON.stringify(s.pattern)}`);
      const after = await evalCsv(dir, lines.join('\n'));
      const t = after[s.theme];
      expect({ tp: s.tp, fp: s.fp, fn: s.fn, precision: s.precision, recall: s.recall, f1: s.f1 }, JSON.stringify(s.pattern)).toEqual(t);
      expect(s.gainedTp).toBe(t.tp - base[s.theme].tp);
      expect(s.addedFp).toBe(t.fp - base[s.theme].fp);
      expect(s.gain).toBeCloseTo(t.f1 - base[s.theme].f1, 4);
      expect(s.macroF1).toBe(after.macro.f1);
      // The examples are answers it changes: as many ✓ as it adds true positives, up to three.
      expect(s.examples.filter((e) => e.labelled).length).toBe(Math.min(3, s.gainedTp));
    }
    // The text output prints the same figures (in-process: the bin's run is the one above).
    const text = await dialog(['codebook', 'suggest', 'svar.yaml', '--codebook', 'codebook.yaml', '-q'], { cwd: dir });
    const first = found[0];
    expect(text.stdout).toContain(`F1 +${first.gain.toFixed(4)} → ${first.f1.toFixed(4)} (P ${first.precision.toFixed(4)}, R ${first.recall.toFixed(4)}); TP ${first.tp} (+${first.gainedTp}), FP ${first.fp} (+${first.addedFp}), FN ${first.fn}`);
  });
});

/** `dialog themes --eval --format csv` (in-process) with the codebook given: each theme's figures, and macro. */
async function evalCsv(dir: string, codebook: string): Promise<Record<string, { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }>> {
  writeFileSync(join(dir, 'codebook-copy.yaml'), codebook);
  const r = await dialog(['themes', 'svar.yaml', '--codebook', 'codebook-copy.yaml', '--eval', '--format', 'csv', '-q'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  const out: Record<string, { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }> = {};
  for (const line of r.stdout.replace(/^\uFEFF/u, '').split(/\r?\n/u)) {
    const [id, precision, recall, f1, , tp, fp, fn] = line.split(/[,;]/u);
    if (!id || id === 'theme' || id.startsWith('sep=')) continue;
    out[id] = id === 'micro' || id === 'macro' ? ({ precision: +precision, recall: +recall, f1: +f1 } as never) : { tp: +tp, fp: +fp, fn: +fn, precision: +precision, recall: +recall, f1: +f1 };
  }
  return out;
}
