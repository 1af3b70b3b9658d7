import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { statedConditions } from '../src/core/classify/conditions.js';
import { inferStance } from '../src/core/classify/stance-infer.js';
import { normaliseStance } from '../src/core/ingest/stance.js';
import { dialog, dialogBin, tmp } from './helpers.js';

// Sentences written for these tests, in the forms remissvar use.
describe('a condition anywhere in the sentence that states support makes it conditional', () => {
  it.each([
    // After a long object: more words than a short window reaches.
    ['Exempelby kommun tillstyrker förslaget till ny regional indelning av landet med förbehåll för finansieringen.', 'conditional'],
    // Before the stance word.
    ['Med förbehåll för finansieringen tillstyrker kommunen förslaget.', 'conditional'],
    ['Under förutsättning att staten står för kostnaderna tillstyrker nämnden förslaget.', 'conditional'],
    ['Förutsatt att medlemmarna får delta tillstyrker förbundet förslaget.', 'conditional'],
    // After the object, each form.
    ['Kommunen tillstyrker förslaget på villkor att kommunerna får ersättning för sina kostnader.', 'conditional'],
    ['Förbundet tillstyrker förslaget om gemensam nämnd, förutsatt att medlemmarna får delta i arbetet.', 'conditional'],
    ['Regionen ställer sig bakom utredningens förslag i sin helhet under förutsättning att tidplanen förlängs.', 'conditional'],
    ['Kommunen tillstyrker förslaget med reservation för de delar som rör skolan.', 'conditional'],
    // Remarks are not reservations; equality is not a condition; a condition in another sentence does not count.
    ['Kommunen tillstyrker förslaget men vill framhålla att tidplanen är snäv.', 'support'],
    ['Kommunen tillstyrker förslaget om vård på lika villkor i hela länet.', 'support'],
    ['Kommunen tillstyrker förslaget. Under förutsättning att detta sker återkommer vi med mer.', 'support'],
    // Opposition stays opposition, whatever conditions it names.
    ['Kommunen kan inte tillstyrka förslaget ens med förbehåll för finansieringen.', 'oppose'],
  ])('%s → %s', (text, stance) => expect(inferStance([text])?.stance).toBe(stance));

  it('the evidence spans the stance and its condition', () => {
    expect(inferStance(['Med förbehåll för finansieringen tillstyrker kommunen förslaget.'])?.match).toBe('Med förbehåll för finansieringen tillstyrker');
    expect(inferStance(['Kommunen tillstyrker förslaget på villkor att staten betalar.'])?.match).toBe('tillstyrker förslaget på villkor att');
  });

  it('a stated position with its condition written out is conditional; a remark after it is not a stance', () => {
    expect(normaliseStance('Tillstyrker med förbehåll för finansieringen')).toBe('conditional');
    expect(normaliseStance('tillstyrker under förutsättning att staten bidrar')).toBe('conditional');
    expect(normaliseStance('Ställer sig bakom förslaget på villkor att tidplanen ändras')).toBe('conditional');
    expect(normaliseStance('Tillstyrker, men vill framhålla vikten av samråd')).toBeUndefined();
    expect(normaliseStance('tillstyrker')).toBe('support');
  });

  it('the conditions of a conditional response are its sentences with a condition, not equality', () => {
    expect(statedConditions(['Kommunen tillstyrker förslaget på villkor att staten betalar. Vården ska ges på lika villkor.'])).toEqual([
      'Kommunen tillstyrker förslaget på villkor att staten betalar.',
    ]);
  });

  it('a decision formula is not quoted as a condition', () => {
    expect(
      statedConditions([
        'Kommunstyrelsen föreslås besluta att tillstyrka förslaget under förutsättning att staten betalar. Kommunen kräver att staten står för kostnaderna.',
      ]),
    ).toEqual(['Kommunen kräver att staten står för kostnaderna.']);
  });

  it('through the real bin: --explain says the position was inferred as conditional, with its condition', async () => {
    const dir = tmp('dialog-positions-');
    writeFileSync(
      join(dir, 'svar.yaml'),
      `consultation: { id: test, title: Test }
responses:
  - respondent: Exempelby kommun
    answers:
      - text: Med förbehåll för finansieringen tillstyrker kommunen förslaget om en gemensam nämnd.
  - respondent: Provköpings kommun
    answers:
      - text: Kommunen tillstyrker förslaget men vill framhålla att tidplanen är snäv.
`,
    );
    const a = dialogBin(['themes', 'svar.yaml', '--explain', 'Exempelby', '--no-write', '-q'], { cwd: dir });
    expect(a.stdout).toContain('position  inferred: conditional from "Med förbehåll för finansieringen tillstyrker"');
    // The other respondent in-process: the bin's output is proved by the run above.
    const b = await dialog(['themes', 'svar.yaml', '--explain', 'Provköping', '--no-write', '-q'], { cwd: dir });
    expect(b.stdout).toContain('position  inferred: support from "tillstyrker"');
  });
});
