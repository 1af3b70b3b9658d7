/**
 * An analyst's own consultation, end to end through the real bin: a county other than Stockholm
 * (Jämtland, county 23), the analyst's own consultation file, codebook and manifest, letters as
 * PDF and Word (one sent twice, as PDF and as Word), one scanned letter, a body that answered
 * without being asked and addressees that did not answer. Every count, name and position of the
 * report is asserted. The letters are the test's own inventions; the codes and names are SCB's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dialog, dialogBin, tmp, withoutWorkspaceNotice } from './helpers.js';
import { letterDocx, letterPdf, scannedPdf, type Letter } from './letters.js';

const CONSULTATION = `id: avfallsplan-jamtland-2027
title: Regional avfallsplan för Jämtlands län 2027–2032
issuer: Länsstyrelsen i Jämtlands län
reference: 500-1234-2026
sent: 2026-12-01
deadline: 2027-03-15
purpose: Länsstyrelsen vill veta hur kommunerna och regionen ser på målen för återbruk och insamling.
contact: { name: Karin Ås, title: handläggare, phone: 010-225 30 00 }
remissinstanser:
  - län: "23"
  - Region Jämtland Härjedalen
  - Trafikverket
`;

const CODEBOOK = `consultation: avfallsplan-jamtland-2027
themes:
  - id: matavfall
    label: { sv: Insamling av matavfall, en: Food waste collection }
    patterns:
      - { glob: "matavfall*" }
      - { glob: "*insamling*" }
  - id: nedskrapning
    label: { sv: Nedskräpning, en: Littering }
    patterns:
      - { glob: "nedskräp*" }
`;

const letter = (letterhead: string, date: string, reference: string, stance: string, points: string[], footer: string): Letter => ({
  letterhead,
  date,
  reference,
  title: 'Yttrande över förslag till regional avfallsplan för Jämtlands län',
  sections: [
    { heading: 'Sammanfattning', paragraphs: [stance] },
    { heading: 'Synpunkter', paragraphs: points },
  ],
  signature: ['För kommunstyrelsen', '', 'Anna Lind', 'Ordförande'],
  footer,
});

const OSTERSUND = letter('Östersunds kommun', '2027-02-20', 'KS 2027/31', 'Östersunds kommun tillstyrker förslaget till regional avfallsplan.', ['Kommunen välkomnar att insamlingen av matavfall samordnas mellan länets kommuner.', 'Ansvaret för nedskräpning längs vägarna behöver förtydligas.'], 'Östersunds kommun, Rådhusgatan 42, 831 82 Östersund');
const KROKOM = letter('Krokoms kommun', '2027-02-25', 'KS 2027/12', 'Krokoms kommun tillstyrker förslaget med förbehåll.', ['Kommunen kan ställa sig bakom målen under förutsättning att staten bidrar till kostnaderna för insamlingen av matavfall i glesbygd.'], 'Krokoms kommun, 835 80 Krokom');
const ARE = letter('Åre kommun', '2027-03-01', 'KS 2027/77', 'Åre kommun tillstyrker förslaget.', ['Besöksnäringen ger mer avfall under högsäsong, och planen bör ta hänsyn till det.', 'Kommunen vill samarbeta med grannkommunerna om återvinningscentraler.'], 'Åre kommun, Box 201, 830 05 Järpen');
const BERG = letter('Bergs kommun', '2027-03-02', 'KS 2027/5', 'Bergs kommun har tagit del av förslaget.', ['Kommunen anser att målen för återbruk är för högt satta för en liten kommun och att tidplanen är orealistisk.'], 'Bergs kommun, 840 40 Svenstavik');
const REGION = { ...letter('Region Jämtland Härjedalen', '2027-03-10', 'RS/2027/88', 'Regionen tillstyrker förslaget.', ['Regionen ser nedskräpning i fjällmiljön som en gemensam fråga för länet.'], 'Region Jämtland Härjedalen, Box 654, 831 27 Östersund'), signature: ['Regionstyrelsen', '', 'Per Holm', 'Regionstyrelsens ordförande'] };
const NATURSKYDD = { ...letter('Naturskyddsföreningen i Jämtlands län', '2027-03-12', 'NF 2027/3', 'Föreningen tillstyrker förslaget med förbehåll.', ['Föreningen vill att målen för insamling av matavfall skärps och följs upp varje år.'], 'Naturskyddsföreningen i Jämtlands län, Östersund'), signature: ['Med vänlig hälsning', 'Eva Berg', 'Ordförande'] };

let ws = '';
let report = '';
let compilation = '';
let ingest = { code: -1, stdout: '', stderr: '' };

beforeAll(async () => {
  const root = tmp();
  // The workspace is set up in-process (own-workspace.test.ts runs init through the bin); ingest and report run the real bin.
  expect((await dialog(['init', 'avfallsplan', '-q'], { cwd: root })).code).toBe(0);
  ws = join(root, 'avfallsplan');
  writeFileSync(join(ws, 'remiss.yaml'), CONSULTATION);
  writeFileSync(join(ws, 'codebook.yaml'), CODEBOOK);
  // The national register knows municipalities, regions and county boards; the analyst adds the agency.
  writeFileSync(join(ws, 'register.yaml'), 'respondents:\n  - { code: trafikverket, name: Trafikverket, type: myndighet }\n');
  const svar = join(ws, 'remissvar');
  writeFileSync(join(svar, '01-ostersund.pdf'), await letterPdf(OSTERSUND));
  writeFileSync(join(svar, '02-krokom.docx'), await letterDocx(KROKOM));
  // The same letter twice, as PDF and as Word.
  writeFileSync(join(svar, '03-are.pdf'), await letterPdf(ARE));
  writeFileSync(join(svar, '03-are.docx'), await letterDocx(ARE));
  writeFileSync(join(svar, '04-berg.pdf'), await letterPdf(BERG));
  writeFileSync(join(svar, '05-region.docx'), await letterDocx(REGION));
  writeFileSync(join(svar, '06-stromsund.pdf'), await scannedPdf());
  writeFileSync(join(svar, '07-naturskyddsforeningen.pdf'), await letterPdf(NATURSKYDD));
  // The analyst states what Berg's letter leaves implicit.
  writeFileSync(join(svar, 'manifest.csv'), 'fil;remissinstans;ställningstagande\n04-berg.pdf;Bergs kommun;avstyrker\n');
  // Run from the folder of the letters: the workspace is found above it.
  // The ingest of the letters through the real bin; the reports (Word and PDF among them, seconds
  // in a fresh process) in-process.
  ingest = dialogBin(['ingest'], { cwd: svar });
  const r = await dialog(["report", "--all"], { cwd: svar });
  expect(r.code, r.stderr).toBe(0);
  report = readFileSync(join(ws, 'rapporter', 'sammanfattning.md'), 'utf8');
  compilation = readFileSync(join(ws, 'rapporter', 'remissammanstallning.md'), 'utf8');
}, 60_000);

describe('an analyst\'s own consultation in Jämtland, through the real bin', () => {
  it('ingests the readable letters, counts the Word and PDF copies of one letter once, and names the scan', () => {
    expect(ingest.code, ingest.stderr).toBe(0);
    const stderr = withoutWorkspaceNotice(ingest.stderr);
    expect(stderr).toContain('workspace: ../dialog.config.yaml');
    expect(stderr).toMatch(/03-are\.(?:pdf|docx)[^\n]*03-are\.(?:pdf|docx)/u);
    expect(stderr).toMatch(/06-stromsund\.pdf[^\n]*scan/u);
    expect(ingest.stdout).toContain('1 document could not be read (remissvar/06-stromsund.pdf)');
  });

  it('states the facts against the addressees, by official name', () => {
    expect(report).toMatch(/^# Sammanfattning av remissvaren: Regional avfallsplan för Jämtlands län 2027–2032$/mu);
    expect(report).toContain('Det har kommit in 6 remissvar från 6 remissinstanser, daterade mellan den 20 februari 2027 och den 12 mars 2027.');
    // 8 municipalities of Jämtland, the region and Trafikverket were asked; 5 of them answered.
    expect(report).toContain('5 av 10 tillfrågade har svarat.');
    expect(report).toMatch(/5 tillfrågade har inte svarat: Bräcke kommun, Härjedalens kommun, Ragunda kommun, Strömsunds kommun och Trafikverket\./u);
    expect(report).toMatch(/4 av de 8 kommunerna i Jämtlands län har svarat: Bergs kommun, Krokoms kommun, Åre kommun och Östersunds kommun\./u);
    expect(report).toMatch(/Därutöver har 1 remissinstans som inte fanns bland de tillfrågade svarat: Naturskyddsföreningen i Jämtlands län\./u);
    // The scan's sender may be one of those listed as not having answered: the report says so.
    expect(report).toContain('1 remissvar kunde inte läsas: remissvar/06-stromsund.pdf (skannat dokument utan textlager). Det ingår inte i redovisningen. Avsändaren räknas därför inte bland de tillfrågade som har svarat.');
    // Nothing of the example's consultation, of Stockholm County, or of a county the consultation does not name.
    expect(report).not.toMatch(/av länets|Övriga remissinstanser|Stockholm|illustrativa|Min remiss|Remissens titel/u);
  });

  it('gives every position, the stated one from the manifest over the letter', () => {
    expect(report).toContain('- Tillstyrker: 3 (50 %), varav 3 tolkade ur svarstexten');
    // "tillstyrker förslaget med förbehåll": the condition after the object.
    expect(report).toContain('- Tillstyrker med förbehåll: 2 (33 %), varav 2 tolkade ur svarstexten');
    expect(report).toContain('- Avstyrker: 1 (17 %)\n');
    expect(report).toContain('- Avstår eller inga synpunkter: 0 (0 %)\n');
    expect(compilation).toMatch(/\| Bergs kommun \| [^|]+ \| 2027-03-02 \| KS 2027\/5 \| Avstyrker \|/u);
    expect(compilation).toMatch(/\| Åre kommun \| [^|]+ \| 2027-03-01 \| KS 2027\/77 \| Tillstyrker \\\* \|/u);
    expect(compilation).toMatch(/\| Krokoms kommun \| [^|]+ \| 2027-02-25 \| KS 2027\/12 \| Tillstyrker med förbehåll \\\* \|/u);
  });

  it('tags with the analyst\'s own codebook, with no warning about the default one', () => {
    expect(report).toMatch(/### Insamling av matavfall\n\n3 remissinstanser \(50 %\) tar upp temat Insamling av matavfall\. Av dem: tillstyrker 1 och tillstyrker med förbehåll 2\./u);
    expect(report).toMatch(/### Nedskräpning\n\n2 remissinstanser \(33 %\) tar upp temat Nedskräpning\./u);
    expect(report).toContain('- Kommuner: Krokoms kommun och Östersunds kommun\n- Organisationer: Naturskyddsföreningen i Jämtlands län\n');
    expect(report).toContain('- Kommuner: Östersunds kommun\n- Regioner: Region Jämtland Härjedalen\n');
    expect(ingest.stderr).not.toContain('codebook was written for');
  });

  it('lists every addressee in the compilation: answered, or not', () => {
    for (const [name, status] of [
      ['Bergs kommun', 'svarat'],
      ['Bräcke kommun', 'ej svarat'],
      ['Region Jämtland Härjedalen', 'svarat'],
      ['Strömsunds kommun', 'ej svarat'],
      ['Trafikverket', 'ej svarat'],
    ])
      expect(compilation).toContain(`| ${name} | ${status} |`);
    expect(compilation).toMatch(/- Naturskyddsföreningen i Jämtlands län \(organisation\)/u);
  });

  it('points at the line of the consultation file when an addressee is not in the register', async () => {
    writeFileSync(join(ws, 'remiss.yaml'), CONSULTATION.replace('  - Trafikverket', '  - Trafikverke'));
    // In-process: this file's ingest above is the real bin's run.
    const stale = await dialog(['report'], { cwd: ws });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('remiss.yaml was changed');
    const message = /^remiss\.yaml:12:5: remissinstanser\[3\]: "Trafikverke" is not in the register \(did you mean "Trafikverket"\?\)/mu;
    // ingest checks whom the consultation was sent to before it stores anything.
    const corpus = readFileSync(join(ws, '.dialog', 'corpus.json'));
    const ingested = await dialog(['ingest', '-q'], { cwd: ws });
    expect(ingested.code).toBe(1);
    expect(ingested.stderr).toMatch(message);
    expect(readFileSync(join(ws, '.dialog', 'corpus.json')).equals(corpus)).toBe(true);
    // Reading the inputs directly, report stops at the same place.
    const r = await dialog(['report', 'remissvar'], { cwd: ws });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
