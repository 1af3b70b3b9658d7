import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDocument } from '../src/core/documents/document.js';
import { parseManifestCsv, parseManifestYaml, parseSidecar } from '../src/core/documents/facts.js';
import { furnitureKey, isPageNumber, removeFurniture } from '../src/core/documents/furniture.js';
import { htmlLines } from '../src/core/documents/html-lines.js';
import { bodyNameIn, dateIn, displayName, findDate, findReference, findRespondent } from '../src/core/documents/metadata.js';
import { joinLines, toBlocks } from '../src/core/documents/paragraphs.js';
import { layoutLines, type TextItem } from '../src/core/documents/pdf-layout.js';
import { questionFor, splitSections } from '../src/core/documents/sections.js';
import { textLines } from '../src/core/documents/text-lines.js';
import type { DocLine } from '../src/core/documents/types.js';
import { RespondentIndex, type Register } from '../src/core/ingest/respondents.js';
import { ROOT } from './helpers.js';
import { loadRegister } from '../src/cli/workspace/workspace.js';

const register = new RespondentIndex(loadRegister(join(ROOT, 'data', 'example', 'register.yaml')));
const resolve = (name: string) => {
  const r = register.resolve(name);
  return { known: r.known, id: r.id };
};
const lines = (...texts: string[]): DocLine[] => texts.map((text) => ({ text, page: 1 }));

describe('hyphens at the end of a line', () => {
  it('joins a compound broken at the line end', () => {
    expect(joinLines('utvecklings-', 'planeringen är viktig')).toBe('utvecklingsplaneringen är viktig');
    expect(joinLines('en gemensam beredning in-', 'rättas')).toBe('en gemensam beredning inrättas');
  });
  it('drops a soft hyphen', () => {
    expect(joinLines('bebyggelse\u00ad', 'struktur')).toBe('bebyggelsestruktur');
  });
  it('keeps "hälso- och sjukvård", "Stockholm-Gotland" and "e-post"', () => {
    expect(joinLines('ansvaret för hälso-', 'och sjukvården')).toBe('ansvaret för hälso- och sjukvården');
    expect(joinLines('region Stockholm-', 'Gotland behöver')).toBe('region Stockholm-Gotland behöver');
    expect(joinLines('lämnas per e-', 'post till')).toBe('lämnas per e-post till');
    expect(joinLines('enligt EU-', 'direktivet')).toBe('enligt EU-direktivet');
  });
  it('keeps a hyphen the document writes elsewhere', () => {
    expect(joinLines('året-', 'runt-boende', new Set(['året-runt-boende']))).toBe('året-runt-boende');
    expect(joinLines('kultur-', 'arv', new Set(['kultur-arv']))).toBe('kultur-arv');
  });
  it('joins with a space where no hyphen stands', () => {
    expect(joinLines('Kommunen anser', 'att')).toBe('Kommunen anser att');
  });
});

describe('page furniture', () => {
  it('knows page numbers', () => {
    for (const p of ['Sida 2 av 3', 'sida 2', '2 (3)', '- 2 -', '– 12 –', 'Page 2 of 3', '2/3', '7']) expect(isPageNumber(p), p).toBe(true);
    for (const p of ['2016-02-15', 'Sida vid sida', 'Dnr 2016/12', '3.2 Regionens uppgifter']) expect(isPageNumber(p), p).toBe(false);
  });

  it('removes headers, footers and page numbers repeated at the edges of PDF pages', () => {
    const page = (n: number, body: string[]): DocLine[] => [
      { text: 'HUDDINGE KOMMUN', page: n, top: 0.05 },
      ...body.map((text, i) => ({ text, page: n, top: 0.2 + i * 0.02 })),
      { text: 'Box 1, 141 85 Huddinge', page: n, top: 0.95 },
      { text: `Sida ${n} av 3`, page: n, top: 0.97 },
    ];
    const { kept, removed } = removeFurniture([...page(1, ['Första sidans text.']), ...page(2, ['Andra sidans text.']), ...page(3, ['HUDDINGE KOMMUN'])]);
    expect(kept.map((l) => l.text)).toEqual(['Första sidans text.', 'Andra sidans text.', 'HUDDINGE KOMMUN']);
    expect(removed).toEqual([
      { text: 'HUDDINGE KOMMUN', times: 3, why: 'page header or footer' },
      { text: 'Box 1, 141 85 Huddinge', times: 3, why: 'page header or footer' },
      { text: 'Sida 1 av 3', times: 3, why: 'page number' },
    ]);
  });

  it('removes letterhead lines repeated next to page breaks of a text, and keeps repeated body lines', () => {
    const text = ['Sollentuna kommun', 'Första stycket.', 'Sida 1 av 2', 'Sollentuna kommun', 'Andra stycket.', 'Mitt i texten.', 'Sammanfattning', 'Ett stycke till.', 'Mer text.', 'Sammanfattning', 'Sista stycket.', 'Avslutning.', 'Slut.', 'Sida 2 av 2'];
    const { kept, removed } = removeFurniture(lines(...text));
    expect(kept.map((l) => l.text)).toEqual(['Första stycket.', 'Andra stycket.', 'Mitt i texten.', 'Sammanfattning', 'Ett stycke till.', 'Mer text.', 'Sammanfattning', 'Sista stycket.', 'Avslutning.', 'Slut.']);
    expect(removed.map((r) => [r.text, r.times, r.why])).toEqual([
      ['Sollentuna kommun', 2, 'repeated letterhead or address'],
      ['Sida 1 av 2', 2, 'page number'],
    ]);
  });

  it('folds digits in a line identity', () => {
    expect(furnitureKey('Sida 2 av 5')).toBe(furnitureKey('sida 3  av 5'));
  });
});

describe('paragraphs', () => {
  it('repairs text pasted from a PDF with a blank line between every line', () => {
    const text = [
      'Kommunen ser positivt på att ansvaret för den regionala',
      '',
      'utvecklingen samlas hos en region. Kommunen anser dock att',
      '',
      'uppdraget måste preciseras, särskilt för bostäder och trafik.',
      '',
      '',
      'Samverkan bör bygga på frivillighet och ett ömsesidigt för-',
      '',
      'troende mellan regionen och kommunerna i hela länet och i',
      '',
      'hälso-',
      '',
      'och sjukvården.',
    ].join('\n');
    const blocks = toBlocks(textLines(text, false));
    expect(blocks.map((b) => b.text)).toEqual([
      'Kommunen ser positivt på att ansvaret för den regionala utvecklingen samlas hos en region. Kommunen anser dock att uppdraget måste preciseras, särskilt för bostäder och trafik.',
      'Samverkan bör bygga på frivillighet och ett ömsesidigt förtroende mellan regionen och kommunerna i hela länet och i hälso- och sjukvården.',
    ]);
  });

  it('keeps ordinary text files as their blank lines say', () => {
    const blocks = toBlocks(textLines('Första raden\nfortsätter här.\n\nAndra stycket.\n', false));
    expect(blocks.map((b) => b.text)).toEqual(['Första raden fortsätter här.', 'Andra stycket.']);
  });

  it('runs a paragraph on across a page break and ends one at a short line that closes a sentence', () => {
    const l: DocLine[] = [
      { text: 'Kommunen anser att regionens uppgifter måste', page: 1, region: 10, fill: 1 },
      { text: 'avgränsas tydligt.', page: 1, region: 10, fill: 0.3 },
      { text: 'Regionen bör ta ansvar för planeringen av', page: 1, region: 10, fill: 1 },
      { text: 'vägar och spår och', page: 1, region: 10, fill: 0.97 },
      { text: 'kollektivtrafik i hela länet.', page: 2, region: 20, fill: 0.5, breakBefore: true },
      { text: 'Ett nytt stycke börjar här.', page: 2, region: 20, fill: 0.5 },
    ];
    expect(toBlocks(l).map((b) => b.text)).toEqual([
      'Kommunen anser att regionens uppgifter måste avgränsas tydligt.',
      'Regionen bör ta ansvar för planeringen av vägar och spår och kollektivtrafik i hela länet.',
      'Ett nytt stycke börjar här.',
    ]);
  });

  it('finds headings by size, number, name and Markdown, and never in running text', () => {
    const l: DocLine[] = [
      { text: 'Regionens roll', page: 1, size: 1.3, breakBefore: true },
      { text: 'Text under rubriken.', page: 1, size: 1, breakBefore: true },
      { text: '3.2 Kommunalt självstyre', page: 1, size: 1, breakBefore: true },
      { text: 'Självstyrelsen får inte inskränkas.', page: 1, size: 1, breakBefore: true },
      { text: 'Synpunkter', page: 1, breakBefore: true },
      { text: 'Kommunen har synpunkter på', page: 1, breakBefore: true },
      { text: '2 kommuner i länet.', page: 1 },
    ];
    const blocks = toBlocks(l);
    expect(blocks.map((b) => `${b.kind}:${b.text}`)).toEqual([
      'heading:Regionens roll',
      'paragraph:Text under rubriken.',
      'heading:3.2 Kommunalt självstyre',
      'paragraph:Självstyrelsen får inte inskränkas.',
      'heading:Synpunkter',
      'paragraph:Kommunen har synpunkter på 2 kommuner i länet.',
    ]);
    expect(toBlocks(textLines('## Fråga 1\nSvar.\n', true)).map((b) => b.kind)).toEqual(['heading', 'paragraph']);
  });
});

describe('PDF layout', () => {
  const words = (text: string, x: number, y: number, size = 10): TextItem[] => {
    const out: TextItem[] = [];
    let at = x;
    for (const w of text.split(' ')) {
      const width = w.length * size * 0.5;
      out.push({ text: w, x: at, y, width, size });
      at += width + size * 0.3;
    }
    return out;
  };
  it('reads a two-column page column by column, and a table row by row', () => {
    const items: TextItem[] = [...words('Rubrik över hela sidans bredd i stor stil', 50, 760, 16)];
    // Lines of running text fill the column (about 250 points); the last line of each is shorter.
    const left = ['vänster spalt rad ett med lite mer text i sig', 'vänster spalt rad två med lite mer text i sig', 'vänster spalt rad tre med lite mer text i sig', 'vänster spalt rad fyra med lite mer text i si', 'vänster spalt rad fem med lite mer text i sig', 'vänster spalt slutar.'];
    const right = ['höger spalt rad ett med ännu lite mer text här', 'höger spalt rad två med ännu lite mer text hä', 'höger spalt rad tre med ännu lite mer text hä', 'höger spalt rad fyra med ännu lite mer text h', 'höger spalt rad fem med ännu lite mer text hä', 'höger spalt slutar här.'];
    left.forEach((t, i) => items.push(...words(t, 50, 700 - i * 12)));
    right.forEach((t, i) => items.push(...words(t, 320, 700 - i * 12)));
    items.push(...words('Område', 50, 500), ...words('Bedömning', 320, 500), ...words('Trafik', 50, 488), ...words('Tillstyrks', 320, 488));
    const out = layoutLines([{ width: 595, height: 842, items }]);
    const texts = out.map((l) => l.text);
    expect(texts.slice(1, 13)).toEqual([...left, ...right]);
    expect(texts.slice(13)).toEqual(['Område | Bedömning', 'Trafik | Tillstyrks']);
    expect(out[0].size).toBeGreaterThan(1.5);
    expect(out.slice(13).every((l) => l.block === 'row')).toBe(true);
  });
});

describe('metadata', () => {
  it('reads dates as public bodies write them', () => {
    expect(dateIn('Datum: 2016-02-15')).toBe('2016-02-15');
    expect(dateIn('Nacka den 15 februari 2016')).toBe('2016-02-15');
    expect(dateIn('1 mars 2016')).toBe('2016-03-01');
    expect(dateIn('15/2/2016')).toBe('2016-02-15');
    expect(dateIn('2016-02-30')).toBeUndefined();
    expect(dateIn('Dnr LS 2015-0997')).toBeUndefined();
    expect(findDate([{ name: 'letterhead', lines: ['Remiss 2015-10-14', 'Datum: 24 februari 2016'] }])?.value).toBe('2016-02-24');
  });

  it('reads the respondent’s own reference, not the sender’s', () => {
    const ref = (...l: string[]) => findReference([{ name: 'letterhead', lines: l }])?.value;
    expect(ref('Dnr KS-2016/123')).toBe('KS-2016/123');
    expect(ref('Diarienummer: KFKS 2016/45')).toBe('KFKS 2016/45');
    expect(ref('Vår beteckning VS 2016/0031')).toBe('VS 2016/0031');
    expect(ref('Er beteckning LS 2015-0997', 'Vår beteckning KS 2016/9')).toBe('KS 2016/9');
    expect(ref('Ert dnr LS 2015-0997')).toBeUndefined();
    expect(ref('Nacka kommun | Dnr KFKS 2016/45 | 2016-02-15')).toBe('KFKS 2016/45');
  });

  it('finds the respondent in the letterhead, keeps the organ, skips the addressee', () => {
    const who = (l: string[], sig: string[] = []) => findRespondent([{ name: 'letterhead', lines: l }, { name: 'signature', lines: sig }], 'svar.pdf', resolve).value;
    expect(who(['HUDDINGE KOMMUN', 'Kommunstyrelsens förvaltning'])).toBe('Kommunstyrelsens förvaltning, Huddinge kommun');
    expect(who(['Nacka kommun YTTRANDE', 'Till Stockholms läns landsting'])).toBe('Nacka kommun');
    expect(who(['Datum 2016-02-15', 'Stockholms läns landsting', 'Box 22550', '104 22 Stockholm'], ['För Kommunstyrelsen i Danderyd'])).toBe('Kommunstyrelsen i Danderyd');
    expect(who(['Datum 2016-02-15'], ['Nacka den 15 februari 2016'])).toBe('Nacka');
    expect(findRespondent([{ name: 'letterhead', lines: ['Föreningen Skärgårdens Vänner'] }], 'x.pdf', resolve).value).toBe('Föreningen Skärgårdens Vänner');
    expect(findRespondent([{ name: 'letterhead', lines: ['Yttrande'] }], 'remissvar/solna-yttrande.pdf', resolve).value).toBe('Solna');
    expect(findRespondent([{ name: 'letterhead', lines: [] }], 'svar_fran_okand.pdf', resolve)).toEqual({ value: 'Svar fran okand', from: 'the file name svar_fran_okand.pdf' });
  });

  it('names a body the register does not know as it names itself, in any county, and not the addressee or an organ', () => {
    const named = [
      'Falu kommun', 'Region Jämtland Härjedalen', 'Västra Götalandsregionen', 'Kommunförbundet Norrbotten', 'Länsstyrelsen i Västerbottens län',
      'Skellefteå kommun', 'Malmö stad', 'Landstinget i Uppsala län', 'Sveriges Kommuner och Regioner', 'Trafikverket', 'Landstinget Sörmland',
      'Region Värmland', 'Umeå universitet', 'Upplands Väsby kommun', 'Socialstyrelsen', 'Örebro läns landsting', 'Regionförbundet Sörmland', 'Gotlands kommun',
    ];
    for (const n of named) {
      expect(bodyNameIn(n), n).toBe(n);
      expect(findRespondent([{ name: 'letterhead', lines: ['Datum 2027-03-01', n] }], 'svar/03-yttrande.pdf', resolve).value, n).toBe(n);
    }
    expect(bodyNameIn('LANDSTINGET SÖRMLAND | TJÄNSTEUTLÅTANDE | 2016-02-15')).toBe('Landstinget Sörmland');
    expect(bodyNameIn('Yttrande Falu kommun')).toBe('Falu kommun');
    expect(bodyNameIn('Region Värmland Regionstyrelsen')).toBe('Region Värmland');
    expect(bodyNameIn('För Kommunförbundet Norrbotten')).toBe('Kommunförbundet Norrbotten');
    for (const none of ['Kommunstyrelsen', 'Miljö- och byggnämnden', 'Till Region Stockholm', 'Remiss från Länsstyrelsen i Stockholms län', 'Regionen anser att', 'Anna Andersson', 'Datum 2016-02-15'])
      expect(bodyNameIn(none), none).toBeUndefined();
    // In the signature too; the addressee under "Till" is skipped.
    const who = findRespondent([{ name: 'letterhead', lines: ['Till', 'Region Halland'] }, { name: 'signature', lines: ['Med vänlig hälsning', 'Trafikverket', 'Per Holm'] }], 'svar/x.pdf', resolve);
    expect(who).toEqual({ value: 'Trafikverket', from: 'signature (not in the register): "Trafikverket"' });
  });

  it('sets a letterhead in capitals right', () => {
    expect(displayName('HUDDINGE KOMMUN')).toBe('Huddinge kommun');
    expect(displayName('UPPLANDS-BRO KOMMUN')).toBe('Upplands-Bro kommun');
    expect(displayName('Region Stockholm')).toBe('Region Stockholm');
  });
});

describe('sections', () => {
  const questions = [
    { id: 'q1', text: 'Vad innebär en regionbildning för kommunen?' },
    { id: 'q2', text: 'Hur vill kommunen samverka med regionen?' },
  ];
  it('maps "Fråga 2" and a repeated question text to question ids', () => {
    expect(questionFor('Fråga 2', questions)).toBe('q2');
    expect(questionFor('Fråga 2: Hur vill kommunen samverka?', questions)).toBe('q2');
    expect(questionFor('Fråga 7', questions)).toBeUndefined();
    expect(questionFor('Hur vill kommunen samverka med regionen', questions)).toBe('q2');
    expect(questionFor('Fråga 1', [])).toBeUndefined();
    expect(questionFor('Fråga 1', [{ id: 'regionen', text: 'x' }])).toBe('regionen');
  });

  it('takes a name and a title after the last paragraph for a signature, even without a closing phrase', () => {
    const para = (text: string) => ({ kind: 'paragraph' as const, text, page: 1 });
    const signed = splitSections([{ kind: 'heading', text: 'Yttrande över remissen', page: 1 }, para('Staden tillstyrker förslaget.'), para('Karin Ek'), para('Stadsdirektör')]);
    expect(signed.signature.map((b) => b.text)).toEqual(['Karin Ek', 'Stadsdirektör']);
    expect(signed.sections).toEqual([{ text: 'Staden tillstyrker förslaget.' }]);
    const joined = splitSections([{ kind: 'heading', text: 'Yttrande över remissen', page: 1 }, para('Staden tillstyrker förslaget.'), para('Karin Ek Kommundirektör')]);
    expect(joined.signature.map((b) => b.text)).toEqual(['Karin Ek Kommundirektör']);
    // A last short answer, or a list, is not a signature.
    const unsigned = splitSections([{ kind: 'heading', text: 'Yttrande över remissen', page: 1 }, para('Inga synpunkter.'), { kind: 'item', text: '– kollektivtrafik', page: 1 }]);
    expect(unsigned.signature).toEqual([]);
  });

  it('drops the header above the title and the signature, and keeps headings', () => {
    const split = splitSections(
      [
        { kind: 'paragraph', text: 'Datum: 2016-02-15', page: 1 },
        { kind: 'heading', text: 'Yttrande över remissen', page: 1 },
        { kind: 'paragraph', text: 'Inledande text.', page: 1 },
        { kind: 'heading', text: 'Fråga 1', page: 1 },
        { kind: 'heading', text: '1.1 Regionens uppgifter', page: 1 },
        { kind: 'paragraph', text: 'Ett svar.', page: 1 },
        { kind: 'paragraph', text: 'Ett stycke till.', page: 1 },
        { kind: 'heading', text: 'Fråga 2', page: 2 },
        { kind: 'item', text: '– en punkt', page: 2 },
        { kind: 'paragraph', text: 'Med vänlig hälsning', page: 2 },
        { kind: 'paragraph', text: 'Eva Lund', page: 2 },
      ],
      questions,
    );
    expect(split.title).toBe('Yttrande över remissen');
    expect(split.header.map((b) => b.text)).toEqual(['Datum: 2016-02-15']);
    expect(split.signature.map((b) => b.text)).toEqual(['Med vänlig hälsning', 'Eva Lund']);
    expect(split.sections).toEqual([
      { text: 'Inledande text.' },
      { heading: '1.1 Regionens uppgifter', question: 'q1', text: 'Ett svar.\n\nEtt stycke till.' },
      { heading: 'Fråga 2', question: 'q2', text: '– en punkt' },
    ]);
  });
});

describe('Word HTML', () => {
  it('reads headings, paragraphs, list items and table rows', () => {
    const html =
      '<h1>Yttrande</h1><p>Första &amp; <strong>enda</strong> stycket.</p><p><strong>Fetstil rubrik</strong></p><ul><li>punkt ett</li></ul><table><tr><td><p>Område</p></td><td><p>Bedömning</p></td></tr></table>';
    expect(htmlLines(html).map((l) => [l.text, l.heading ?? l.block ?? (l.bold ? 'bold' : '')])).toEqual([
      ['Yttrande', 1],
      ['Första & enda stycket.', ''],
      ['Fetstil rubrik', 'bold'],
      ['– punkt ett', 'item'],
      ['Område | Bedömning', 'row'],
    ]);
  });
});

describe('a document as a response', () => {
  it('overrides what was found with sidecar facts, and reports both', () => {
    const doc = readDocument(
      { path: 'x.txt', format: 'txt', lines: textLines('Nacka kommun\nDatum: 2016-02-15\n\nYttrande över remissen\n\nKommunen tillstyrker förslaget.\n', false) },
      { resolve, facts: [{ from: 'sidecar x.txt.yaml', facts: { respondent: 'Värmdö kommun', reference: 'KS 1/2016', position: 'avstyrker' } }] },
    );
    expect(doc.response?.respondent).toBe('Värmdö kommun');
    expect(doc.response?.date).toBe('2016-02-15');
    expect(doc.response?.reference).toBe('KS 1/2016');
    expect(doc.response?.stance).toBe('oppose');
    expect(doc.report.respondent).toEqual({ value: 'Värmdö kommun', from: 'sidecar x.txt.yaml' });
    expect(doc.report.position?.from).toBe('sidecar x.txt.yaml');
  });

  it('infers the position from the text without taking procedure for it', () => {
    const doc = readDocument(
      { path: 'x.txt', format: 'txt', lines: textLines('Yttrande\n\nKommunstyrelsen föreslås besluta att tillstyrka remissen.\n\nKommunen avstyrker förslaget.\n', false) },
      { resolve },
    );
    expect(doc.report.position?.value).toBe('oppose');
    expect(doc.response?.stance).toBeUndefined(); // inferred, not stated: `dialog themes` marks it so
  });

  it('refuses a document with no text below its letterhead', () => {
    const doc = readDocument({ path: 'x.txt', format: 'txt', lines: textLines('Yttrande över remissen\n', false) }, { resolve });
    expect(doc.response).toBeUndefined();
    expect(doc.diagnostics[0].message).toMatch(/no text was found/);
  });
});

describe('sidecars and manifests', () => {
  it('validates a sidecar against its schema, with positions', () => {
    expect(parseSidecar('a.pdf.yaml', 'respondent: Nacka kommun\ndate: 2016-02-15\n').facts).toEqual({ respondent: 'Nacka kommun', date: '2016-02-15' });
    const bad = parseSidecar('a.pdf.yaml', 'respondent: Nacka kommun\ndatum: 2016-02-15\n');
    expect(bad.facts).toBeUndefined();
    expect(bad.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([expect.stringMatching(/^2:1 unknown field "datum" \(did you mean "date"\?\)/)]);
    expect(parseSidecar('a.pdf.yaml', 'date: 2016-02-30\n').diagnostics[0].message).toMatch(/not a real date/);
    expect(parseSidecar('a.pdf.yaml', 'position: kanske\n').diagnostics[0]).toMatchObject({ line: 1, col: 11, message: expect.stringMatching(/unknown position "kanske"/) });
  });

  it('reads YAML and CSV manifests', () => {
    const y = parseManifestYaml('m.yaml', 'documents:\n  - file: ./a.pdf\n    respondent: Nacka kommun\n  - file: b.pdf\n    position: tillstyrker\n');
    expect(y.diagnostics).toEqual([]);
    expect([...y.manifest.keys()]).toEqual(['a.pdf', 'b.pdf']);
    const c = parseManifestCsv('m.csv', 'Fil;Remissinstans;Datum;Dnr;Ställningstagande\na.pdf;Nacka kommun;15/2/2016;KS 1;tillstyrker\nb.pdf;;2016-02-31;;\na.pdf;Solna stad;;;\n');
    expect(c.manifest.get('a.pdf')?.facts).toEqual({ respondent: 'Nacka kommun', date: '2016-02-15', reference: 'KS 1', position: 'tillstyrker' });
    expect(c.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '3: "2016-02-31" is not a real date; write YYYY-MM-DD, e.g. 2016-02-15',
      '4: "a.pdf" is listed twice (first on line 2); list each document once',
    ]);
  });
});

describe('headings at body size, titles and signatures in a PDF (issue 22)', () => {
  /** Words of a line as a PDF gives them, in a regular or a bold font. */
  const words = (text: string, x: number, y: number, size = 10, bold = false): TextItem[] => {
    const out: TextItem[] = [];
    let at = x;
    for (const w of text.split(' ')) {
      const width = w.length * size * 0.5;
      out.push({ text: w, x: at, y, width, size, ...(bold ? { bold } : {}) });
      at += width + size * 0.3;
    }
    return out;
  };
  const full = 'Regionen bör samordna arbetet med kollektivtrafiken och planeringen i hela länet';

  it('takes a short bold line right above its paragraph, with no space between, for a heading', () => {
    const items = [
      ...words('Regionens roll', 50, 700, 10, true),
      ...words(full, 50, 688),
      ...words('och redovisa hur det ska ske.', 50, 676),
      ...words('Kommunens ekonomi', 50, 664, 10, true),
      ...words(full, 50, 652),
      ...words('så snart som möjligt.', 50, 640),
    ];
    const blocks = toBlocks(layoutLines([{ width: 595, height: 842, items }]));
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Regionens roll'],
      ['paragraph', `${full} och redovisa hur det ska ske.`],
      ['heading', 'Kommunens ekonomi'],
      ['paragraph', `${full} så snart som möjligt.`],
    ]);
    // A bold phrase inside a line is no heading: the line is not bold as a whole.
    const inline = [...words('Regionen', 50, 700, 10, true), ...words(full.slice(9), 105, 700), ...words('och mer därtill.', 50, 688)];
    expect(toBlocks(layoutLines([{ width: 595, height: 842, items: inline }])).map((b) => b.kind)).toEqual(['paragraph']);
  });

  it('joins a title wrapped at a line-end hyphen, in large type with its own line spacing', () => {
    const items = [...words('Yttrande över remissen om förslag till regional indel-', 50, 760, 16, true), ...words('ning av länet', 50, 737.6, 16, true), ...words(full, 50, 700), ...words('nu.', 50, 688)];
    const blocks = toBlocks(layoutLines([{ width: 595, height: 842, items }]));
    expect(blocks[0]).toMatchObject({ kind: 'heading', text: 'Yttrande över remissen om förslag till regional indelning av länet' });
    expect(blocks).toHaveLength(2);
  });

  it('knows a body’s own heading over its views', () => {
    for (const h of ['Förvaltningens synpunkter', 'Nämndens bedömning:', 'Regionstyrelsens ställningstagande', 'Miljö- och byggnadsnämndens yttrande'])
      expect(toBlocks(lines(h, 'Texten under rubriken fortsätter här.'))[0], h).toMatchObject({ kind: 'heading', text: h });
    expect(toBlocks(lines('Kommunen lämnar synpunkter', 'på förslaget.')).map((b) => b.kind)).toEqual(['paragraph']);
  });

  it('keeps the short lines of a signature apart, and counts the body above the signer’s name as the signature', () => {
    const sig: DocLine[] = [
      { text: 'Kommunen förordar att planen arbetas om innan den antas av länets kommuner och regioner.', page: 1, fill: 0.95 },
      { text: 'Det gäller också tidplanen.', page: 1, fill: 0.3 },
      { text: 'Skellefteå kommun', page: 1, fill: 0.2, breakBefore: true },
      { text: 'Per Persson', page: 1, fill: 0.15 },
      { text: 'kommunstyrelsens ordförande', page: 1, fill: 0.3 },
    ];
    const blocks = toBlocks(sig);
    expect(blocks.map((b) => b.text)).toEqual([`${sig[0].text} ${sig[1].text}`, 'Skellefteå kommun', 'Per Persson', 'kommunstyrelsens ordförande']);
    const split = splitSections(blocks);
    expect(split.signature.map((b) => b.text)).toEqual(['Skellefteå kommun', 'Per Persson', 'kommunstyrelsens ordförande']);
    expect(split.sections.map((s) => s.text)).toEqual([`${sig[0].text} ${sig[1].text}`]);
    const block = (text: string) => ({ kind: 'paragraph' as const, text, page: 1 });
    const committee = splitSections([block('Nämnden tillstyrker förslaget.'), block('Miljö- och byggnadsnämnden'), block('Eva Ek'), block('ordförande')]);
    expect(committee.signature.map((b) => b.text)).toEqual(['Miljö- och byggnadsnämnden', 'Eva Ek', 'ordförande']);
    // Without a signer's name below it, a short line naming a body stays text.
    expect(splitSections([block('Nämnden tillstyrker förslaget.'), block('Miljö- och byggnadsnämnden')]).signature).toEqual([]);
  });

  it('takes a bold list item alone above running text in a Word document for a heading, as the PDF line is', () => {
    const html = '<ol><li><strong>Synpunkt 1</strong></li></ol><p>Det är bra att regionen tar ansvar.</p><ul><li><strong>Trafik</strong></li><li><strong>Skola</strong></li></ul>';
    expect(toBlocks(htmlLines(html)).map((b) => [b.kind, b.text])).toEqual([
      ['heading', 'Synpunkt 1'],
      ['paragraph', 'Det är bra att regionen tar ansvar.'],
      ['item', '– Trafik'],
      ['item', '– Skola'],
    ]);
  });
});
