import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { procedureKind, withoutProcedure } from '../src/core/text/procedure.js';
import { dialog, dialogBin, tmp } from './helpers.js';

// Sentences written for these tests, in the forms of municipal decisions (invented bodies and people).
describe('procedure is recognised, views are not', () => {
  it.each([
    ['Kommunstyrelsen föreslås besluta att överlämna yttrandet till Region Exempel.', 'decision'],
    ['Kommunledningskontoret föreslår att kommunstyrelsen beslutar att anta yttrandet som sitt eget.', 'decision'],
    ['Nämnden beslutar att överlämna tjänsteutlåtandet som svar på remissen.', 'decision'],
    ['Remissen anses besvarad med hänvisning till förvaltningens skrivelse.', 'decision'],
    ['Paragrafen förklaras omedelbart justerad.', 'decision'],
    ['Förslag till beslut', 'decision'],
    ['Ärendet har beretts av kommunledningskontoret i samråd med miljöförvaltningen.', 'routing'],
    ['Yttrandet behandlas av kommunstyrelsen den 3 maj.', 'routing'],
    ['Förslaget till yttrande har tagits fram i samråd med socialförvaltningen.', 'routing'],
    ['Beslutet skickas till Region Exempel och länsstyrelsen.', 'routing'],
    ['Med vänlig hälsning, Eva Berg, kommunstyrelsens ordförande', 'signature'],
    ['För kommunstyrelsen i Exempelby', 'signature'],
    ['Eva Berg Kommunstyrelsens ordförande', 'signature'],
    ['Beslut i detta ärende har fattats av stadsdirektören efter föredragning av utredaren.', 'signature'],
    ['Frågor om yttrandet besvaras av Per Ek, telefon 0123-456 78.', 'contact'],
    ['Kontaktperson: Per Ek, per.ek@exempelby.se', 'contact'],
    ['Mer om planen finns på www.exempelby.se/planen', 'contact'],
  ])('%s → %s', (sentence, kind) => expect(procedureKind(sentence)).toBe(kind));

  it.each([
    'Kommunstyrelsen anser att regionen inte får styra kommunernas planering.',
    'Kommunen vill att ärendet bereds vidare i samråd med kommunerna.',
    'Yttrandet från kommunerna visar att frågan är viktig.',
    'Regionrådet måste lyssna på kommunerna när planen tas fram.',
    'För kommunerna är det viktigt att ansvaret är tydligt.',
    'Kommunen beslutade att tillstyrka förslaget med förbehåll för finansieringen.',
    'Kommunen tillstyrker förslaget men vill framhålla att tidplanen är snäv.',
    // A view that points to a web page in passing is still a view.
    'Kommunen vill att regionen redovisar kostnaderna öppet, se underlaget på www.exempelby.se/underlag, innan beslut fattas i fullmäktige.',
  ])('a view: %s', (sentence) => expect(procedureKind(sentence)).toBeUndefined());

  it('withoutProcedure keeps the views of a text and says what it left out', () => {
    const r = withoutProcedure('Kommunen vill ha fler bussar. Ärendet har beretts av kontoret. Med vänlig hälsning, Eva Berg');
    expect(r).toEqual({ text: 'Kommunen vill ha fler bussar.', removed: ['routing', 'signature'] });
    expect(withoutProcedure('Kommunen vill ha fler bussar.').removed).toEqual([]);
  });
});

describe('procedure in reports and in --format json', () => {
  function workspace() {
    const dir = tmp('dialog-procedure-');
    const procedural = [
      'Kommunstyrelsen föreslås besluta att överlämna yttrandet till Region Exempel.',
      'Ärendet har beretts av kommunledningskontoret och yttrandet behandlas av kommunstyrelsen.',
      'Yttrandet behandlas av kommunstyrelsen den 3 maj. Frågor om yttrandet besvaras av Per Ek, telefon 0123-456 78.',
    ];
    const views = [
      'Kommunen efterfrågar bättre kollektivtrafik mellan orterna i norra delen av länet.',
      'Kommunen vill se fler bostäder byggas nära stationerna i kommunen.',
      'Kommunen önskar att vårdcentralerna får längre öppettider på helgerna.',
    ];
    const responses = ['Exempelby kommun', 'Provköpings kommun', 'Testhamns kommun']
      .map(
        (name, i) => `  - respondent: ${name}
    answers:
      - text: "Det kommunala självstyret får inte inskränkas av regionen."
      - text: "${views[i]} ${procedural[i]}"
      - text: "${procedural[(i + 1) % 3]}"`,
      )
      .join('\n');
    writeFileSync(join(dir, 'svar.yaml'), `consultation: { id: test, title: Test }\nresponses:\n${responses}\n`);
    return dir;
  }

  it('a report leaves procedure out of other views and distinctive words; the corpus keeps it (real bin)', () => {
    const dir = workspace();
    const r = dialogBin(['report', 'svar.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    const other = r.stdout.slice(r.stdout.indexOf('## Övriga synpunkter'), r.stdout.indexOf('## Fortsatt arbete'));
    expect(other).toContain('6 svar (67 %) berör inget av temana ovan.');
    expect(other).toContain('”Kommunen efterfrågar bättre kollektivtrafik mellan orterna i norra delen av länet.” (Exempelby kommun)');
    for (const word of ['kommunstyrelsen', 'yttrandet', 'ärendet', 'beretts', 'telefon']) expect(other.toLowerCase()).not.toContain(word);
  });

  it('--format json counts the procedural sentences by kind', async () => {
    const dir = workspace();
    const r = await dialog(['themes', 'svar.yaml', '--format', 'json', '--no-write', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.overview.procedure).toEqual({ decision: 2, routing: 4, signature: 0, contact: 2 });
    // Kept in the corpus: the answers still hold the sentences.
    expect(json.answers).toHaveLength(9);
  });
});
