import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statedConditions } from '../src/core/classify/conditions.js';
import { selectStatements } from '../src/core/report/statements.js';
import { dialog, FIXTURES, golden, tmp } from './helpers.js';

const SINGLE = join(FIXTURES, 'report', 'single');
const SPREAD = join(FIXTURES, 'report', 'spread');
const GOLDEN = join(FIXTURES, 'report', 'golden');

describe('report text', () => {
  it.each([
    ['sammanfattning', 'sv', 'single.sv.md'],
    ['sammanfattning', 'en', 'single.en.md'],
    ['remissammanstallning', 'sv', 'single-compilation.sv.md'],
    ['remissammanstallning', 'en', 'single-compilation.en.md'],
  ])('one response: singular forms, one date, conditions and reservations (%s, %s; golden)', async (template, lang, file) => {
    const r = await dialog(['report', SINGLE, '-t', template, '--lang', lang]);
    expect(r.code).toBe(0);
    golden(join(GOLDEN, file), r.stdout);
    expect(r.stdout).not.toMatch(/mellan den (.+) och den \1|between (.+) and \2/);
    expect(r.stdout).not.toMatch(/\b1 (respondents|responses|answers|remissinstanser)\b/);
  });

  it('says a single date once and counts in the singular', async () => {
    const sv = (await dialog(['report', SINGLE])).stdout;
    expect(sv).toContain('från 1 remissinstans, daterade den 30 september 2016.');
    const en = (await dialog(['report', SINGLE, '--lang', 'en'])).stdout;
    expect(en).toContain('1 response came in from 1 respondent, dated 30 September 2016.');
    expect(en).toContain('1 respondent (100%) raises the theme');
  });

  it('shows a conditional position with its stated conditions and the parties\' reservations in the compilation', async () => {
    const sv = (await dialog(['report', SINGLE, '-t', 'remissammanstallning'])).stdout;
    expect(sv).toContain('- Ställningstagande: Tillstyrker med förbehåll\n- Förbehåll: ”Staden ställer sig bakom en regionbildning under förutsättning att');
    expect(sv).toContain('- Förbehåll: ”Skärgårdens kollektivtrafik måste prioriteras');
    expect(sv).toContain('- Reservation (V): ”Vänsterpartiet anser');
    const en = (await dialog(['report', SINGLE, '-t', 'remissammanstallning', '--lang', 'en'])).stdout;
    expect(en).toContain('- Position: Support with reservations\n- Condition: “Staden ställer sig bakom');
    expect(en).toContain('- Dissent by (V): “Vänsterpartiet anser');
  });

  it('warns on stderr when no consultation metadata was given, and not when it was', async () => {
    const r = await dialog(['report', SINGLE]);
    // The title quoted is the one the report has (issue 18, item 16), in each template and language.
    expect(r.stderr).toMatch(/single: warning: no consultation metadata was given, so the report is titled only "Sammanfattning av remissvaren" and has no issuer/);
    expect(r.stdout.split('\n')[0]).toBe('# Sammanfattning av remissvaren');
    const en = await dialog(['report', SINGLE, '-t', 'remissammanstallning', '--lang', 'en']);
    expect(en.stdout.split('\n')[0]).toBe('# Compilation of consultation responses');
    expect(en.stderr).toContain('so the report is titled only "Compilation of consultation responses"');
    expect(en.stderr).not.toContain('"Remissvar"');
    expect((await dialog(['report', SINGLE, '-q'])).stderr).toBe('');
    expect((await dialog(['report', SPREAD])).stderr).not.toContain('consultation metadata');
  });

  it('English reports use the English wording of the metadata, and leave Swedish prose out where there is none', async () => {
    const en = (await dialog(['report', 'data/example', '--lang', 'en'])).stdout;
    expect(en).not.toContain('länets 26 kommuner');
    expect(en).not.toContain('Landstinget vill veta');
    expect(en).not.toContain('förvaltningschef');
    expect(en).toContain("to the county's 26 municipalities and Region Gotland on 14 October 2015");
    expect(en).toContain('Contact: Hanna Wiik, head of the Growth and Regional Planning Administration, phone 072-216 44 99.');
    const sv = (await dialog(['report', 'data/example'])).stdout;
    expect(sv).toContain('till länets 26 kommuner och Region Gotland');
    const dir = tmp();
    writeFileSync(
      join(dir, 'svar.yaml'),
      'consultation:\n  id: x\n  title: Remiss om vägar\n  issuer: Region Test\n  recipients: länets kommuner\n  purpose: Regionen vill veta mer.\n  contact: { name: A B, title: utredare }\nresponses:\n  - respondent: Solna stad\n    answers:\n      - text: Självstyret är viktigt för kommunen.\n',
    );
    const bare = (await dialog(['report', dir, '--lang', 'en'])).stdout;
    expect(bare).toContain('Region Test sent the consultation *Remiss om vägar*.');
    expect(bare).toContain('Contact: A B.');
    expect(bare).not.toMatch(/länets|Regionen vill|utredare/);
  });

  it('quotes one respondent at most twice per theme while others have quotable sentences', async () => {
    const r = await dialog(['report', SPREAD]);
    const section = r.stdout.split('### Kommunalt självstyre')[1].split('\n### ')[0];
    const bullets = section.split('\n').filter((l) => l.startsWith('- ”'));
    expect(bullets.length).toBe(5);
    expect(bullets.filter((l) => l.endsWith('(Solna stad)')).length).toBe(2);
    for (const who of ['Täby kommun', 'Sollentuna kommun', 'Danderyds kommun']) expect(bullets.some((l) => l.endsWith(`(${who})`))).toBe(true);
  });
});

describe('selectStatements', () => {
  const many = ['Ett självstyre alfa beta.', 'Ett självstyre alfa gamma.', 'Ett självstyre alfa delta.', 'Ett självstyre alfa epsilon.'];
  it('caps one respondent at two while another respondent has sentences, then fills up', () => {
    const picked = selectStatements([...many.map((text) => ({ text, respondent: 'a' })), { text: 'Helt andra ord om regionen här.', respondent: 'b' }], 4);
    expect(picked.length).toBe(4);
    expect(picked.slice(0, 3).filter((s) => s.respondents.includes('a')).length).toBe(2);
    expect(picked.slice(0, 3).some((s) => s.respondents.includes('b'))).toBe(true);
  });
  it('with a single respondent, still gives as many as asked', () => {
    expect(selectStatements(many.map((text) => ({ text, respondent: 'a' })), 3).length).toBe(3);
  });
});

describe('statedConditions', () => {
  it('finds explicit conditions first, skips a bare stance, and keeps text order', () => {
    expect(
      statedConditions(['Kommunen tillstyrker med förbehåll. Vägarna måste byggas ut. Vi säger ja förutsatt att skolan får mer pengar. Vädret är fint.']),
    ).toEqual(['Vägarna måste byggas ut.', 'Vi säger ja förutsatt att skolan får mer pengar.']);
    expect(statedConditions(['Ja. Vi tillstyrker. Vägarna måste byggas. Det ska inte ske. Förutsatt att alla får plats.'], 1)).toEqual(['Förutsatt att alla får plats.']);
    expect(statedConditions(['Inga villkor här? Jo.', 'Nej.'])).toEqual(['Inga villkor här?']);
    // A phrase broken over lines is a condition once the sentence is folded to one line.
    expect(statedConditions(['Kommunen tillstyrker. Det gäller under\r\n  förutsättning att staten betalar.', 'Inget här.'])).toEqual(['Det gäller under förutsättning att staten betalar.']);
  });
});
