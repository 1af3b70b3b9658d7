/**
 * Held-out cases for issue 18: names, letterheads and manifests of bodies outside Stockholm
 * County, written the many ways Swedish bodies and analysts write them. Each case checks a rule
 * (how a region is named after its county, which name in a letterhead line is the body's, what a
 * near-miss name is), not one letter. The letters are the test's own; names and codes are SCB's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RespondentIndex } from '../dist/core/ingest/respondents.js';
import { bodyNameIn, findRespondent } from '../dist/core/documents/metadata.js';
import { loadRegister } from '../src/cli/workspace/workspace.js';
import { dialog, dialogBin, ROOT, tmp } from './helpers.js';
import { letterDocx, letterPdf, type Letter } from './letters.js';

const national = loadRegister(join(ROOT, 'data', 'sverige.json'));
const index = new RespondentIndex(national);
const who = (name: string) => {
  const r = index.resolveName(name);
  return r.respondent.known ? `${r.respondent.id} ${r.respondent.name}` : `unknown ${r.respondent.type}`;
};

describe('names resolve to the right body of the national register, or to none', () => {
  it.each([
    // Regions, county councils and county boards, named after their county however it is written.
    ['Region Örebro', '18 Region Örebro län'],
    ['Region Orebro', '18 Region Örebro län'],
    ['Region Jämtland', '23 Region Jämtland Härjedalen'],
    ['Region Jönköping', '06 Region Jönköpings län'],
    ['Region Kalmar', '08 Region Kalmar län'],
    ['Region Västra Götaland', '14 Västra Götalandsregionen'],
    ['Jönköpings läns landsting', '06 Region Jönköpings län'],
    ['Värmlands läns landsting', '17 Region Värmland'],
    ['Landstinget i Norrbotten', '25 Region Norrbotten'],
    ['Stockholms lans landsting', '01 Region Stockholm'],
    ['Länsstyrelsen Västerbottens län', 'lansstyrelsen-vasterbotten Länsstyrelsen i Västerbottens län'],
    ['Lansstyrelsen i Skane lan', 'lansstyrelsen-skane Länsstyrelsen i Skåne län'],
    // Not a county: a division of some organisation, never a region of the register.
    ['Region Norr', 'unknown region'],
    ['Region Syd', 'unknown region'],
    // Municipalities without å, ä, ö (file names, English keyboards, OCR without -l swe).
    ['Malmo stad', '1280 Malmö stad'],
    ['Linkoping', '0580 Linköpings kommun'],
    ['Alvsbyns kommun', '2560 Älvsbyns kommun'],
    // …but where two bodies fold alike, only the name as written finds one.
    ['Habo kommun', '0643 Habo kommun'],
    ['Håbo kommun', '0305 Håbo kommun'],
    ['Habo', '0643 Habo kommun'],
    ['Håbo', '0305 Håbo kommun'],
    // Typos are not guessed.
    ['Hudinge kommun', 'unknown kommun'],
    ['Hälsingborgs stad', 'unknown kommun'],
  ])('%s → %s', (name, expected) => {
    expect(who(name)).toBe(expected);
  });

  it.each([
    ['Kommunstyrelsen Falu kommun', '2080', 'Kommunstyrelsen'],
    ['Falu kommun Kommunstyrelsen', '2080', 'Kommunstyrelsen'],
    ['Stockholms stad Stadsledningskontoret', '0180', 'Stadsledningskontoret'],
    ['Miljö- och hälsoskyddsnämnden Umeå kommun', '2480', 'Miljö- och hälsoskyddsnämnden'],
    ['Uppsala kommun (Kommunstyrelsen)', '0380', 'Kommunstyrelsen'],
    ['Region Halland (Regionstyrelsen)', '13', 'Regionstyrelsen'],
    ['Länsstyrelsen Skåne, Miljöavdelningen', 'lansstyrelsen-skane', 'Miljöavdelningen'],
  ])('%s is the body %s answering through %s', (name, id, organ) => {
    const r = index.resolveName(name);
    expect({ id: r.respondent.id, organ: r.organ }).toEqual({ id, organ });
  });

  it('never takes two bodies side by side for one', () => {
    expect(index.resolveName('Nacka kommun Värmdö kommun').respondent.known).toBe(false);
    expect(index.resolveName('Region Stockholm Stockholms stad').respondent.known).toBe(false);
  });

  it('keeps a division of an agency the register knows as that agency, with the division as organ', () => {
    const withAgency = new RespondentIndex({ ...national, respondents: [...national.respondents, { code: 'trafikverket', name: 'Trafikverket', type: 'myndighet' }] });
    const r = withAgency.resolveName('Trafikverket Region Syd');
    expect(r.respondent.id).toBe('trafikverket');
    expect(r.organ).toBe('Region Syd');
    // A municipality has organs, not divisions: "Malmö stad region Syd" is not taken apart.
    expect(withAgency.resolveName('Malmö stad region Syd').respondent.known).toBe(false);
  });
});

describe('the body in a letterhead line', () => {
  const resolve = (n: string) => {
    const r = index.resolveName(n);
    return { known: r.respondent.known, id: r.respondent.id };
  };
  const found = (letterhead: string[], signature: string[] = []) =>
    findRespondent(
      [
        { name: 'letterhead', lines: letterhead },
        { name: 'page header or footer', lines: [] },
        { name: 'signature', lines: signature },
      ],
      'svar/07-brev.pdf',
      resolve,
    );

  it.each([
    ['Trafikverket Region Syd', 'Trafikverket Region Syd'],
    ['Hyresgästföreningen Region Norr', 'Hyresgästföreningen Region Norr'],
    ['Länsstyrelsen Västerbottens län', 'Länsstyrelsen Västerbottens län'],
    ['Länsstyrelsen Gävleborgs län', 'Länsstyrelsen Gävleborgs län'],
    ['Västra Götalandsregionen Koncernkontoret', 'Västra Götalandsregionen'],
    ['Region Östergötland / Regionledningskontoret', 'Region Östergötland'],
    ['Umeå kommun yttrande över Region Västerbottens förslag', 'Umeå kommun'],
    ['Göteborgs Stad Stadsledningskontoret', 'Göteborgs Stad'],
    ['Stadsledningskontoret Göteborgs Stad', 'Göteborgs Stad'],
    ['Region Jämtland Härjedalen Hälso- och sjukvårdsförvaltningen', 'Region Jämtland Härjedalen'],
    ['Miljö- och byggnadsnämnden Umeå kommun', 'Umeå kommun'],
    ['Med vänlig hälsning För Länsstyrelsen i Västerbottens län Per Holm', 'Länsstyrelsen i Västerbottens län'],
  ])('%s → %s', (line, name) => {
    expect(bodyNameIn(line)).toBe(name);
  });

  it('never names an organ alone, nor the issuer in the title, as the respondent', () => {
    expect(found(['Miljö- och hälsoskyddsnämnden']).from).toMatch(/^the file name/u);
    expect(found(['Yttrande över Länsstyrelsens förslag till åtgärdsprogram']).from).toMatch(/^the file name/u);
    // With the municipality beside it, on the next line or the same one, the organ is kept as such.
    expect(found(['Umeå kommun', 'Miljö- och hälsoskyddsnämnden']).value).toBe('Miljö- och hälsoskyddsnämnden, Umeå kommun');
    expect(found(['Kommunledningskontoret | Skellefteå kommun']).value).toBe('Kommunledningskontoret, Skellefteå kommun');
    expect(found(['Region Östergötland / Regionledningskontoret']).value).toBe('Regionledningskontoret, Region Östergötland');
  });

  it('takes a letterhead without a body word when the file name echoes it, and only then', () => {
    const named = (line: string, file: string) =>
      findRespondent([{ name: 'letterhead', lines: [line] }, { name: 'page header or footer', lines: [] }, { name: 'signature', lines: [] }], file, resolve);
    expect(named('Företagarna Jämtland', 'svar/09-foretagarna.pdf').value).toBe('Företagarna Jämtland');
    expect(named('LRF Skåne', 'lrf-skane.docx').value).toBe('LRF Skåne');
    expect(named('LRF Skåne', 'svar/07-brev.pdf').from).toMatch(/^the file name/u);
    expect(named('Handläggare Anna Ek', 'anna-ek.pdf').from).toMatch(/^the file name/u);
    expect(named('Yttrande', 'yttrande-lrf.pdf').from).toMatch(/^the file name/u);
  });

  it('says "not in the register" only of names the register does not know', () => {
    expect(found(['Region Östergötland / Regionledningskontoret']).from).toBe('letterhead: "Region Östergötland / Regionledningskontoret"');
    expect(found(['Trafikverket Region Syd']).from).toBe('letterhead (not in the register): "Trafikverket Region Syd"');
  });
});

const CONSULTATION = `id: trafikprogram-2027
title: Regionalt trafikförsörjningsprogram för södra och västra Sverige
issuer: Region Skåne
sent: 2027-01-10
deadline: 2027-04-01
remissinstanser:
  - län: "12"
  - county: Västra Götalands län
  - län: Norrbotten
  - Region Orebro
  - Länsstyrelsen Skåne
  - Malmö
  - Malmö stad
`;

const letter = (letterhead: string, date: string, reference: string, stance: string, footer?: string): Letter => ({
  letterhead,
  date,
  reference,
  title: 'Yttrande över Region Skånes förslag till trafikförsörjningsprogram',
  sections: [
    { heading: 'Sammanfattning', paragraphs: [stance] },
    { heading: 'Synpunkter', paragraphs: ['Busstrafiken på landsbygden behöver förstärkas och tidtabellerna samordnas med tågen.'] },
  ],
  signature: ['Med vänlig hälsning', '', 'Lena Holm', 'Kommunstyrelsens ordförande'],
  ...(footer ? { footer } : {}),
});

describe('a consultation to three counties, through the real bin', () => {
  it('stops on manifest rows with a typo and on a near-miss respondent, and counts against 98 addressees once they are fixed', async () => {
    const root = tmp();
    expect((await dialog(['init', 'ws', '-q'], { cwd: root })).code).toBe(0);
    const ws = join(root, 'ws');
    const svar = join(ws, 'remissvar');
    writeFileSync(join(ws, 'remiss.yaml'), CONSULTATION);
    writeFileSync(join(svar, '01-lund.docx'), await letterDocx(letter('LUNDS KOMMUN', '2027-03-01', 'KS 2027/40', 'Lunds kommun tillstyrker förslaget.', 'Lunds kommun, Box 41, 221 00 Lund')));
    writeFileSync(join(svar, '02-goteborg.pdf'), await letterPdf(letter('Göteborgs Stad', '2027-03-05', '0512/27', 'Staden tillstyrker förslaget.')));
    writeFileSync(join(svar, '03-lulea.pdf'), await letterPdf(letter('Kommunledningskontoret | Luleå kommun', '2027-03-10', 'KS 2027/7', 'Luleå kommun avstyrker förslaget.')));
    writeFileSync(join(svar, '04-trafikverket.pdf'), await letterPdf(letter('Trafikverket Region Syd', '2027-03-12', 'TRV 2027/3311', 'Trafikverket har inga invändningar.')));
    writeFileSync(join(svar, '05-orebro.pdf'), await letterPdf(letter('REGION ÖREBRO LÄN', '2027-03-15', 'RS 2027/99', 'Regionen tillstyrker förslaget.')));
    // The analyst's manifest: a wrong extension, and a misspelt respondent for Luleå's letter.
    writeFileSync(join(svar, 'manifest.csv'), 'fil;remissinstans;ställningstagande\n01-lund.pdf;Lunds kommun;tillstyrker\n03-lulea.pdf;Luleå kommn;avstyrker\n');
    const bad = dialogBin(['ingest'], { cwd: ws });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('remissvar/manifest.csv:2:1: "01-lund.pdf" names no document (did you mean "01-lund.docx"?)');
    expect(bad.stderr).toMatch(/^remissvar\/manifest\.csv:3:1: the respondent of remissvar\/03-lulea\.pdf is given as "Luleå kommn", which is not in the register, while the letterhead names "Luleå kommun" \(did you mean "Luleå kommun"\?\)/mu);

    writeFileSync(join(svar, 'manifest.csv'), 'fil;remissinstans;ställningstagande\n01-lund.docx;Lunds kommun;tillstyrker\n03-lulea.pdf;Luleå kommun;avstyrker\n');
    // Answers from a spreadsheet too: one misspelt name of a body that was asked.
    writeFileSync(join(svar, 'svar.csv'), 'Remissinstans;Ställningstagande;Svar\nMalmo stad;tillstyrker;Malmö stad tillstyrker förslaget.\nHälsingborgs stad;tillstyrker;Helsingborg tillstyrker förslaget.\n');
    const ingest = await dialog(['ingest'], { cwd: ws });
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stderr).toContain('remissvar/svar.csv:3:1: warning: "Hälsingborgs stad" is not in the register (did you mean "Helsingborgs stad"?)');
    const corpus = JSON.parse(readFileSync(join(ws, '.dialog', 'corpus.json'), 'utf8'));
    const names = Object.fromEntries(corpus.responses.map((r: { source: string; respondent: string }) => [r.source, r.respondent]));
    expect(names).toMatchObject({ 'remissvar/01-lund.docx': '1281', 'remissvar/02-goteborg.pdf': '1480', 'remissvar/03-lulea.pdf': '2580', 'remissvar/05-orebro.pdf': '18' });
    const trafikverket = corpus.respondents.find((p: { id: string }) => p.id === names['remissvar/04-trafikverket.pdf']);
    expect(trafikverket).toMatchObject({ name: 'Trafikverket Region Syd', type: 'myndighet', known: false });

    // The typo would make Helsingborg "not answered" and an unasked body "answered": the report stops.
    const stopped = await dialog(['report'], { cwd: ws });
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('"Hälsingborgs stad" answered but is not in the register, while Helsingborgs stad was asked and has not answered (did you mean "Helsingborgs stad"?)');

    writeFileSync(join(svar, 'svar.csv'), 'Remissinstans;Ställningstagande;Svar\nMalmo stad;tillstyrker;Malmö stad tillstyrker förslaget.\nHelsingborgs stad;tillstyrker;Helsingborg tillstyrker förslaget.\n');
    expect((await dialog(['ingest', '-q'], { cwd: ws })).code).toBe(0);
    const report = await dialog(['report'], { cwd: ws });
    expect(report.code, report.stderr).toBe(0);
    // 33 + 49 + 14 municipalities, Region Örebro län and the county board of Skåne; Malmö once.
    expect(report.stdout).toContain('6 av 98 tillfrågade har svarat.');
    expect(report.stdout).toContain('5 av de 96 kommunerna i Skåne län, Västra Götalands län och Norrbottens län har svarat: Göteborgs stad, Helsingborgs stad, Luleå kommun, Lunds kommun och Malmö stad');
    expect(report.stdout).toMatch(/Därutöver har 1 remissinstans som inte fanns bland de tillfrågade svarat: Trafikverket Region Syd\./u);
  }, 60_000);
});

describe('analysts\' statements checked against the letter and the register', () => {
  it('warns, naming both, when a manifest gives another register body than the letterhead', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [svar]\n');
    const svar = join(dir, 'svar');
    (await import('node:fs')).mkdirSync(svar);
    writeFileSync(join(svar, 'habo.pdf'), await letterPdf(letter('Håbo kommun', '2027-03-01', 'KS 2027/1', 'Kommunen tillstyrker förslaget.')));
    writeFileSync(join(svar, 'manifest.csv'), 'fil;remissinstans\nhabo.pdf;Habo kommun\n');
    const r = await dialog(['ingest'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('svar/habo.pdf: warning: the manifest svar/manifest.csv:2 gives the respondent "Habo kommun", while the letterhead names "Håbo kommun", another body in the register; the manifest\'s is used');
  });

  it('stops the report when a misspelt addressee would be counted a second time, as an unasked body', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'remiss.yaml'), 'id: r\ntitle: En remiss\nremissinstanser:\n  - Lunds kommun\n  - Eslövs kommun\n');
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [svar.csv]\nconsultation: remiss.yaml\n');
    writeFileSync(join(dir, 'svar.csv'), 'Remissinstans;Svar\nLunds kommun;Bra.\nLunds komun;Också bra.\n');
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    const r = await dialog(['report'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"Lunds komun" answered but is not in the register, while Lunds kommun was asked and has answered too (did you mean "Lunds kommun"?)');
  });

  it('finds a county of remissinstanser without å, ä, ö, and suggests the county for a misspelt one', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'remiss.yaml'), 'id: r\ntitle: En remiss\nremissinstanser:\n  - county: Skane\n  - län: Norrboten\n');
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [svar.csv]\nconsultation: remiss.yaml\n');
    writeFileSync(join(dir, 'svar.csv'), 'Remissinstans;Svar\nLunds kommun;Bra.\n');
    // ingest checks whom the consultation was sent to before it stores anything; report, reading the inputs, too.
    for (const args of [['ingest', '-q'], ['report', 'svar.csv']]) {
      const r = await dialog(args, { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('remiss.yaml:5:5: remissinstanser[2]: no county "Norrboten" (did you mean "Norrbotten"?)');
      expect(r.stderr).not.toContain('Skane');
    }
  });
});
