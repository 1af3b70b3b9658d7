import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classify } from '../src/core/classify/classify.js';
import { CompiledCodebook, type Codebook } from '../src/core/classify/codebook.js';
import { ROOT, dialogBin, tmp, answersFile } from './helpers.js';

const book = new CompiledCodebook(parse(readFileSync(join(ROOT, 'data', 'codebook.yaml'), 'utf8')) as Codebook);
const themesOf = (text: string) => classify(book, text).themes.filter((t) => t.assigned).map((t) => t.id);

// Sentences written for these tests: each family of the default codebook, and what must stay out of it.
describe('word families of the default codebook', () => {
  it.each([
    // State steering of municipalities.
    ['Den statliga styrningen av skolan har ökat och kommunerna har allt mindre att säga till om.', ['self-government']],
    ['Riktade statsbidrag gör det svårt för kommunen att planera långsiktigt.', ['self-government']],
    ['Vi varnar för en centralisering där besluten flyttas från kommunerna till staten.', ['self-government']],
    ['Staten bör inte detaljstyra hur kommunerna organiserar äldreomsorgen.', ['self-government']],
    ['Centraliseringen av lagerhållningen till ett nytt centrallager sparar pengar.', []],
    // Suffrage, voting and forms of democracy.
    ['Kommunen stöder förslaget om sänkt rösträttsålder i kommunalvalen.', ['citizen-accountability']],
    ['Reglerna för personval bör ses över inför nästa val.', ['citizen-accountability']],
    ['En levande deltagardemokrati kräver att fler kan delta.', ['citizen-accountability']],
    ['Invånarna bör få folkomrösta om den nya länsgränsen.', ['citizen-accountability']],
    ['Kommunen ordnar folkomröstningar i viktiga frågor.', ['citizen-accountability']],
    // Merger verbs: counties, county councils and regions, not municipalities.
    ['Länet bör inte uppgå i en större region.', ['gotland-merger']],
    ['Landstingen gick ihop till en gemensam organisation.', ['gotland-merger']],
    ['De två länen slogs samman för länge sedan.', ['gotland-merger']],
    ['Länets kommuner gick ihop i en gemensam nämnd för socialtjänst.', []],
    ['Kostnaderna uppgår till tio miljoner kronor.', []],
  ])('%s → %j', (text, themes) => expect(themesOf(text)).toEqual(themes));

  it('through the real bin: a letter on state steering and suffrage gets both themes', () => {
    const dir = answersFile(['Riktade statsbidrag och statlig styrning minskar kommunens möjlighet att prioritera.', 'Kommunen vill pröva rösträtt från 16 år i kommunalvalet.'], { prefix: 'dialog-families-' });
    const r = dialogBin(['themes', 'svar.yaml', '--format', 'csv', '--no-write', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1).map((line) => line.split(',')[8]);
    expect(rows).toEqual(['self-government', 'citizen-accountability']);
  });
});
