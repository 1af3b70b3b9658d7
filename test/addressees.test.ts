import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RespondentIndex } from '../src/core/ingest/respondents.js';
import { DEFAULT_REGISTER, loadRegister } from '../src/cli/workspace/workspace.js';
import { dialog, dialogBin, tmp, withoutWorkspaceNotice } from './helpers.js';

// Invented letters for a waste-plan consultation in Västerbotten; the municipalities are real.
const VASTERBOTTEN = [
  ['Nordmalings kommun', '2401'],
  ['Bjurholm', '2403'],
  ['Kommunstyrelsen i Vindeln', '2404'],
  ['Robertsfors kommun', '2409'],
  ['Norsjö kommun', '2417'],
  ['Malå kommun', '2418'],
  ['Storumans kommun', '2421'],
  ['Sorsele kommun', '2422'],
  ['Dorotea kommun', '2425'],
  ['Vännäs kommun', '2460'],
  ['Vilhelmina kommun', '2462'],
  ['Åsele kommun', '2463'],
  ['Umeå kommun', '2480'],
  ['Lycksele kommun', '2481'],
  ['Skellefteå kommun', '2482'],
] as const;

function consultation(dir: string, remissinstanser: string): void {
  writeFileSync(
    join(dir, 'remiss.yaml'),
    `consultation:\n  id: avfallsplan-2026\n  title: Gemensam avfallsplan för Västerbotten\n  issuer: Region Västerbotten\n  remissinstanser:\n${remissinstanser}`,
  );
}

function letters(dir: string, rows: [string, string][]): void {
  const lines = rows.map(([who, stance], i) => `${who};${stance};2026-03-${String(10 + (i % 15)).padStart(2, '0')};${who.split(' ')[0]} anser att det kommunala självstyret måste respekteras i avfallsplanen.`);
  writeFileSync(join(dir, 'svar.csv'), ['Remissinstans;Ställningstagande;Datum;Svar', ...lines].join('\n') + '\n');
}

describe('the national register', () => {
  const register = loadRegister(DEFAULT_REGISTER);
  const COUNTIES = ['01', '03', '04', '05', '06', '07', '08', '09', '10', '12', '13', '14', '17', '18', '19', '20', '21', '22', '23', '24', '25'];

  it('has 290 municipalities and 21 regions, unique codes, each in the county its code begins with', () => {
    const codes = register.respondents.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    const municipalities = register.respondents.filter((e) => /^\d{4}$/.test(e.code));
    expect(municipalities).toHaveLength(290);
    for (const m of municipalities) expect(m.code.slice(0, 2), m.name).toBe(m.county);
    expect(new Set(municipalities.map((m) => m.county))).toEqual(new Set(COUNTIES));
    const regions = register.respondents.filter((e) => e.type === 'region');
    expect(regions).toHaveLength(21);
    expect(new Set(regions.map((r) => r.county))).toEqual(new Set(COUNTIES));
    expect(register.counties!.map((c) => c.code)).toEqual(COUNTIES);
    expect(register.respondents.filter((e) => e.type === 'myndighet' && e.name.startsWith('Länsstyrelsen i '))).toHaveLength(21);
    expect(register.source).toMatch(/SCB/);
    expect(register.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('gives official names: kommun with the genitive where Swedish has it, stad where the municipality says so', () => {
    const name = (code: string) => register.respondents.find((e) => e.code === code)?.name;
    expect(
      Object.fromEntries(['0114', '0139', '0162', '0126', '0180', '0980', '1280', '1480', '2480', '0880', '2080', '2514', '1440', '2583', '24', '14', '23', '04'].map((c) => [c, name(c)])),
    ).toEqual({
      '0114': 'Upplands Väsby kommun',
      '0139': 'Upplands-Bro kommun',
      '0162': 'Danderyds kommun',
      '0126': 'Huddinge kommun',
      '0180': 'Stockholms stad',
      '0980': 'Region Gotland',
      '1280': 'Malmö stad',
      '1480': 'Göteborgs stad',
      '2480': 'Umeå kommun',
      '0880': 'Kalmar kommun',
      '2080': 'Falu kommun',
      '2514': 'Kalix kommun',
      '1440': 'Ale kommun',
      '2583': 'Haparanda stad',
      '24': 'Region Västerbotten',
      '14': 'Västra Götalandsregionen',
      '23': 'Region Jämtland Härjedalen',
      '04': 'Region Sörmland',
    });
    expect(register.respondents.filter((e) => e.name.endsWith(' stad')).map((e) => e.code).sort()).toEqual(
      ['0180', '0183', '0184', '0186', '0187', '1280', '1282', '1283', '1480', '1481', '1488', '1490', '1980', '2583'],
    );
  });

  it('resolves Region Gotland, Gotlands kommun and the county code 09 to 0980, and former landsting names to the region', () => {
    const index = new RespondentIndex(register);
    for (const n of ['Region Gotland', 'Gotlands kommun', 'Gotland', '09', '0980']) expect(index.resolve(n).id, n).toBe('0980');
    expect(index.resolve('Region Gotland').formerName).toBeUndefined();
    expect(index.resolve('Gotlands kommun')).toMatchObject({ id: '0980', name: 'Region Gotland', formerName: 'Gotlands kommun' });
    expect(index.resolve('Landstinget Sörmland')).toMatchObject({ id: '04', name: 'Region Sörmland', formerName: 'Landstinget Sörmland' });
    expect(index.resolve('Västerbottens läns landsting')).toMatchObject({ id: '24', name: 'Region Västerbotten' });
    expect(index.resolve('Skellefteå')).toMatchObject({ id: '2482', name: 'Skellefteå kommun', type: 'kommun', county: '24' });
    expect(index.resolve('Göteborgs kommun')).toMatchObject({ id: '1480', name: 'Göteborgs stad' });
  });
});

describe('a workspace register on top of the national one', () => {
  it('adds data to a national entry and keeps its official name unless it sets one; an unknown code needs a name and a type', () => {
    const dir = tmp();
    const path = join(dir, 'register.yaml');
    writeFileSync(path, 'respondents:\n  - { code: "2480", population: 130000, category: K1 }\n  - { code: "2482", name: Skellefteå }\n  - { code: vakin, name: Vakin, type: organisation }\n');
    const r = loadRegister(path);
    const by = (code: string) => r.respondents.find((e) => e.code === code)!;
    expect(by('2480')).toMatchObject({ name: 'Umeå kommun', type: 'kommun', county: '24', population: 130000, category: 'K1' });
    expect(by('2482').name).toBe('Skellefteå');
    expect(new RespondentIndex(r).resolve('Skellefteå kommun').id).toBe('2482');
    expect(by('vakin').type).toBe('organisation');
    expect(r.respondents.filter((e) => /^\d{4}$/.test(e.code))).toHaveLength(290);

    writeFileSync(path, 'respondents:\n  - { code: vakin }\n');
    expect(() => loadRegister(path)).toThrow(/register\.yaml:2:\d+: "vakin" is not in the national register .* needs name and type/);
  });
});

describe('a consultation outside Stockholm County, counted against whom it was sent to', () => {
  it('all 15 municipalities of Västerbotten answer: 15 of 15, by official name, never "länets" or "övrig" (real bin)', async () => {
    const dir = tmp();
    consultation(dir, '    - län: "24"\n');
    letters(dir, VASTERBOTTEN.map(([who]) => [who, 'tillstyrker']));
    const r = dialogBin(['report', 'remiss.yaml', 'svar.csv'], { cwd: dir });
    // The default codebook was written for another consultation, and says so.
    expect(withoutWorkspaceNotice(r.stderr)).toMatch(/^[^\n]*warning: dialog's default codebook [^\n]*\n$/u);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('15 av 15 tillfrågade har svarat.');
    expect(r.stdout).toContain('15 av de 15 kommunerna i Västerbottens län har svarat: Bjurholms kommun, Dorotea kommun,');
    expect(r.stdout).not.toMatch(/länets|Ingen av|Övriga remissinstanser|andra remissinstanser/);
    expect(r.stdout).toMatch(/^- Kommuner: Bjurholms kommun, .* och Åsele kommun$/m);
    expect(r.stdout).toMatch(/^- ”.*” \([^)]*kommun\)$/m);

    const c = await dialog(['report', '-t', 'remissammanstallning', 'remiss.yaml', 'svar.csv'], { cwd: dir });
    expect(c.code).toBe(0);
    expect(c.stdout).toContain('| Vindelns kommun | svarat |');
    expect(c.stdout).toMatch(/^\| Skellefteå kommun \| kommun \| 2026-03-\d\d \|/m);
    expect(c.stdout).not.toMatch(/övrig/i);
    expect(c.stdout).not.toContain('utan att ha fått remissen');

    const en = await dialog(['report', '--lang', 'en', 'remiss.yaml', 'svar.csv'], { cwd: dir });
    expect(en.stdout).toContain('15 of the 15 bodies consulted answered.');
    expect(en.stdout).toContain('15 of the 15 municipalities in Västerbottens län answered');
    expect(en.stdout).not.toMatch(/the county's|Other respondents/);
  });

  it('names the addressees that did not answer and, apart, those that answered without being asked', async () => {
    const dir = tmp();
    consultation(dir, '    - county: Västerbottens län\n    - Region Västerbotten\n    - Länsstyrelsen i Västerbottens län\n');
    const answering: [string, string][] = VASTERBOTTEN.filter(([, code]) => code !== '2422' && code !== '2425').map(([who]) => [who, who === 'Malå kommun' ? 'avstår' : 'tillstyrker']);
    letters(dir, [...answering, ['Västerbottens läns landsting', 'tillstyrker'], ['Luleå kommun', 'avstyrker'], ['Västerbottens Handelskammare', 'tillstyrker']]);
    const r = await dialog(['report', 'remiss.yaml', 'svar.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Det har kommit in 16 remissvar från 16 remissinstanser');
    expect(r.stdout).toContain('14 av 17 tillfrågade har svarat, varav 1 avstår från att yttra sig. 3 tillfrågade har inte svarat: Dorotea kommun, Länsstyrelsen i Västerbottens län och Sorsele kommun.');
    expect(r.stdout).toContain('13 av de 15 kommunerna i Västerbottens län har svarat');
    expect(r.stdout).toContain('Därutöver har 2 remissinstanser som inte fanns bland de tillfrågade svarat: Luleå kommun och Västerbottens Handelskammare.');
    // A letter under the county council's old name counts for the region, and says so.
    expect(r.stdout).toContain('Västerbottens läns landsting (numera Region Västerbotten)');
    expect(r.stdout).toMatch(/^- Regioner: Västerbottens läns landsting \(numera Region Västerbotten\)$/m);
    expect(r.stdout).toMatch(/^- Organisationer: Västerbottens Handelskammare$/m);

    const c = await dialog(['report', '-t', 'remissammanstallning', 'remiss.yaml', 'svar.csv'], { cwd: dir });
    expect(c.stdout).toContain('Remissen skickades till 17 remissinstanser, varav 14 har svarat.');
    expect(c.stdout).toContain('| Sorsele kommun | ej svarat |');
    expect(c.stdout).toContain('| Malå kommun | avstår |');
    expect(c.stdout).toContain('| Länsstyrelsen i Västerbottens län | ej svarat |');
    expect(c.stdout).toContain('| Västerbottens läns landsting (numera Region Västerbotten) | svarat |');
    expect(c.stdout).toContain('Därutöver har följande remissinstanser svarat utan att ha fått remissen:\n\n- Luleå kommun (kommun)\n- Västerbottens Handelskammare (organisation)\n');
  });

  it('without remissinstanser, states what it knows without a denominator', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'remiss.yaml'), 'consultation:\n  id: avfallsplan-2026\n  title: Gemensam avfallsplan för Västerbotten\n');
    letters(dir, [['Umeå kommun', 'tillstyrker'], ['Region Västerbotten', 'tillstyrker']]);
    const r = await dialog(['report', 'remiss.yaml', 'svar.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Remissinstanserna är 1 kommun (Umeå kommun) och 1 region (Region Västerbotten).');
    expect(r.stdout).not.toMatch(/länets|tillfrågade|Ingen av/);
  });

  it('stops on an addressee the register does not know, with the nearest name, and on an unknown county', async () => {
    const dir = tmp();
    consultation(dir, '    - Umeå kommune\n    - län: "26"\n');
    letters(dir, [['Umeå kommun', 'tillstyrker']]);
    const r = await dialog(['report', 'remiss.yaml', 'svar.csv'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('remissinstanser[1]: "Umeå kommune" is not in the register (did you mean "Umeå kommun"?)');
    expect(r.stderr).toContain('remissinstanser[2]: no county "26"');
    expect(r.stdout).toBe('');
  });
});

describe('names as published', () => {
  it('uses the official name, and keeps a former name visible where the letter used it (real bin)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'remiss.yaml'), 'consultation:\n  id: ostersjon-2007\n  title: Strategi för Östersjön\n  remissinstanser: [Region Gotland, Region Stockholm, Stockholms stad]\n');
    writeFileSync(
      join(dir, 'svar.csv'),
      [
        'Remissinstans;Ställningstagande;Datum;Svar',
        'Gotlands kommun;tillstyrker;2007-05-02;Kommunen anser att det kommunala självstyret ska värnas.',
        'Stockholms läns landsting;tillstyrker;2007-05-03;Landstinget delar bedömningen.',
        'Stockholm;avstyrker;2007-05-04;Staden anser att det kommunala självstyret inskränks.',
      ].join('\n') + '\n',
    );
    const r = dialogBin(['report', '-t', 'remissammanstallning', 'remiss.yaml', 'svar.csv'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('### Gotlands kommun (numera Region Gotland)');
    expect(r.stdout).toContain('### Stockholms läns landsting (numera Region Stockholm)');
    expect(r.stdout).toContain('### Stockholms stad');
    expect(r.stdout).not.toMatch(/### Stockholm$/m);
    expect(r.stdout).toContain('Remissen skickades till 3 remissinstanser, varav 3 har svarat.');
    const en = await dialog(['report', '--lang', 'en', '-t', 'remissammanstallning', 'remiss.yaml', 'svar.csv'], { cwd: dir });
    expect(en.stdout).toContain('### Gotlands kommun (now Region Gotland)');
  });
});
