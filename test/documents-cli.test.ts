import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dialog, dialogBin, FIXTURES, tmp, withoutWorkspaceNotice } from './helpers.js';

const DOCS = join(FIXTURES, 'documents');
const SVAR = join(DOCS, 'svar');

/** A workspace holding the good documents (and optionally more files), for runs that write. */
function workspace(extra: Record<string, string> = {}): string {
  const dir = tmp();
  cpSync(SVAR, join(dir, 'svar'), { recursive: true });
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(dir, name), text);
  return dir;
}

interface Doc {
  file: string;
  respondent: { value: string };
  date?: { value: string };
  reference?: { value: string };
  position?: { value: string };
  sections: { heading?: string; question?: string }[];
  removed: { text: string; why: string }[];
}

interface Corpus {
  sources: { path: string; format: string }[];
  responses: { source: string; respondent: string; respondentAsWritten: string; organ?: string; date?: string; reference?: string; stance?: string; answers: { heading?: string; question?: string; text: string }[] }[];
}

/** Paragraphs written into the fixtures (test/fixtures/documents/make.mjs), some across page and column breaks. */
const PARAGRAPHS: Record<string, string[]> = {
  'svar/kommunstyrelsen-huddinge.pdf': [
    'Kommunen anser att den regionala utvecklingsplaneringen måste ske i nära samarbete med länets kommuner och att kommunernas egen planering inte får överprövas av regionen. Den kommunala självstyrelsen är en grund som kommunen inte kan ge avkall på.',
    // Runs from page 1 onto page 2, over the footer and the next header.
    'Regionens ansvar för infrastruktur bör omfatta en samlad planering av vägar, spår och kollektivtrafik över kommungränserna. Kommunen förutsätter att de regionala stadskärnorna, däribland Flemingsberg, får en framträdande plats i den regionala planeringen och att kommunerna ges ett verkligt inflytande över prioriteringarna i länsplanen för regional transportinfrastruktur. Erfarenheterna från tidigare planeringsomgångar visar att tidiga samråd ger bättre och mer hållbara beslut än sena remisser. Kommunen vill därför att regionen redan under det första året tar fram en plan för hur samråden ska gå till, vilka frågor som ska behandlas gemensamt och hur oenighet mellan regionen och en kommun ska hanteras när de inte når en gemensam hållning.',
    // Real hyphens kept at line ends and inside lines.
    'I remissen beskrivs också den pågående statliga utredningen om en ny regionindelning, där Indelningskommittén har lämnat förslag om färre och större län. Ett av alternativen är en sammanläggning av Stockholms län och Gotland till en gemensam region Stockholm-Gotland. Kommunen konstaterar att den frågan ligger utanför det som remissen egentligen gäller, men att den påverkar hur kommunerna ser på regionens framtida uppgifter och på hur långsiktiga åtaganden ska formuleras redan nu.',
    // The two-column page: a soft hyphen at a line end, and a paragraph that runs from the left column into the right.
    'Huddinge har under flera år deltagit i det regionala samarbetet kring tillväxt och planering. Kommunens erfarenhet är att samarbetet fungerar bäst när ansvaret är tydligt och när kommunerna deltar tidigt i processen, innan förslagen har låsts. Det gäller inte minst frågor om bebyggelsestruktur och trafik, där besluten får följder för flera kommuner samtidigt och där en enskild kommun sällan kan lösa problemen på egen hand.',
    'När det gäller kompetensförsörjningen vill kommunen att regionen samordnar arbetet med utbildning och arbetsmarknad tillsammans med kommunerna och näringslivet. Bristen på arbetskraft inom flera yrken är en gemensam utmaning som ingen enskild aktör kan lösa, och regionen kan här bidra med överblick och långsiktighet.',
    'Kollektivtrafik | Tillstyrks',
  ],
  'svar/nacka-yttrande.pdf': [
    'Kommunen vill också att regionen redovisar hur den avser att ta tillvara synpunkter från kommunerna och från invånarna. Det kan ske genom återkommande dialoger, där regionens företrädare möter kommunernas politiker och tjänstemän för att gemensamt gå igenom de regionala planerna. Sådana dialoger har prövats tidigare med goda resultat, och kommunen deltar gärna i att utveckla formerna vidare. Kommunen bidrar också med underlag från sin egen uppföljning av bostadsbyggande och pendling, så att planeringen vilar på gemensamma och aktuella uppgifter om hur länet förändras över tid.',
  ],
  'svar/vaxholm-yttrande.docx': ['Staden vill att regionen inrättar ett särskilt forum för skärgårdskommunerna, där frågor om sjötrafik, turism och året-runt-boende kan behandlas.'],
  'svar/sollentuna-inklistrad.txt': [
    'Kommunen vill också peka på att frågan om en större region Stockholm-Gotland behöver utredas för sig. Den statliga indelningsutredningen har lämnat förslag som påverkar hela länet, och kommunen vill kunna yttra sig särskilt över dem. Synpunkter i frågan kan lämnas per e-post till kommunens registratur, som för dem vidare till kommunstyrelsens arbetsutskott inför det slutliga ställningstagandet om länets framtida indelning och om ansvaret för hälso- och sjukvården.',
    'Samverkan mellan regionen och kommunerna bör bygga på frivillighet och ömsesidigt förtroende. Kommunen föreslår att en gemensam beredning inrättas där regionen och kommunerna möts regelbundet. Beredningen bör ha ett tydligt mandat och en egen budget.',
  ],
  'svar/tyreso.md': ['Tyresö kommun tillstyrker förslaget om att bilda en region i Stockholms län. Kommunen ser fördelar med att det regionala utvecklingsansvaret och kollektivtrafiken samlas hos en och samma direktvalda församling.'],
};

/** Lines of page furniture that must never be inside an answer. */
const FURNITURE = [/Sida \d+ av \d+/u, /\d \(\d\)/u, /HUDDINGE KOMMUN/u, /141 85 Huddinge/u, /Postadress/u, /Telefon 08/u, /Kommunledningskontoret/u, /Nacka kommun YTTRANDE/u];

describe('dialog ingest reads documents', () => {
  it('finds respondent, date, reference, position and sections, and shows what was removed (--dry-run --format json)', async () => {
    const r = await dialog(['ingest', 'test/fixtures/documents/svar', '--dry-run', '--format', 'json']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const docs = (JSON.parse(r.stdout) as { documents: Doc[] }).documents;
    const by = Object.fromEntries(docs.map((d) => [d.file.replace('test/fixtures/documents/', ''), d]));
    const facts = (f: string) => [by[f].respondent.value, by[f].date?.value, by[f].reference?.value, by[f].position?.value];
    expect(facts('svar/kommunstyrelsen-huddinge.pdf')).toEqual(['Kommunstyrelsens förvaltning, Huddinge kommun', '2016-02-15', 'KS-2016/123', 'conditional']);
    expect(facts('svar/nacka-yttrande.pdf')).toEqual(['Nacka kommun', '2016-02-15', 'KFKS 2016/45', 'support']);
    expect(facts('svar/vaxholm-yttrande.docx')).toEqual(['Kommunstyrelsen, Vaxholms stad', '2016-02-20', 'VS 2016/0031', 'conditional']);
    expect(facts('svar/sollentuna-inklistrad.txt')).toEqual(['Kommunledningskontoret, Sollentuna kommun', '2016-02-24', 'KS 2016/17', 'conditional']);
    expect(facts('svar/tyreso.md')).toEqual(['Kommunstyrelsen, Tyresö kommun', '2016-02-15', 'KS 2016/0042', 'support']);
    expect(by['svar/kommunstyrelsen-huddinge.pdf'].sections.map((s) => s.heading)).toEqual([
      'Sammanfattning',
      'Ärendet',
      '3.1 Regionens uppgifter',
      '3.2 Kommunalt självstyre',
      'Fråga 2',
      'Bilaga: Kommunens erfarenheter',
      'Förslag till beslut',
    ]);
    expect(by['svar/kommunstyrelsen-huddinge.pdf'].removed.map((x) => x.why)).toEqual(['page header or footer', 'page header or footer', 'page header or footer', 'page header or footer', 'page number']);
    expect(by['svar/sollentuna-inklistrad.txt'].removed.map((x) => x.text)).toEqual(['Sollentuna kommun', 'Kommunledningskontoret', 'Sida 1 av 2']);
    // The image-only page of the PDF is named, as a warning.
    expect(r.stderr).toContain('kommunstyrelsen-huddinge.pdf: warning: page 4 of 5 is a scanned image without text, so its content is not read. To read it, run OCR on it in place');
    expect(r.stderr).toContain('ocrmypdf -l swe --redo-ocr test/fixtures/documents/svar/kommunstyrelsen-huddinge.pdf test/fixtures/documents/svar/kommunstyrelsen-huddinge.pdf');
  });

  it('writes every paragraph whole into one answer, with no page furniture in any answer', async () => {
    const dir = workspace();
    const r = await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus;
    expect(corpus.sources.map((s) => [s.path, s.format])).toEqual([
      ['svar/kommunstyrelsen-huddinge.pdf', 'pdf'],
      ['svar/nacka-yttrande.pdf', 'pdf'],
      ['svar/sollentuna-inklistrad.txt', 'txt'],
      ['svar/tyreso.md', 'md'],
      ['svar/vaxholm-yttrande.docx', 'docx'],
    ]);
    for (const [file, paragraphs] of Object.entries(PARAGRAPHS)) {
      const answers = corpus.responses.find((x) => x.source === file)!.answers;
      for (const p of paragraphs) {
        const holding = answers.filter((a) => a.text.split('\n\n').includes(p));
        expect(holding.length, `${file}: ${p.slice(0, 50)}`).toBe(1);
      }
    }
    for (const response of corpus.responses)
      for (const a of response.answers) for (const f of FURNITURE) expect(a.text, `${response.source}`).not.toMatch(f);
    const huddinge = corpus.responses.find((x) => x.source.endsWith('huddinge.pdf'))!;
    expect(huddinge.respondent).toBe('0126');
    expect(huddinge.organ).toBe('Kommunstyrelsens förvaltning');
    expect(huddinge.answers.map((a) => a.heading)).toContain('3.2 Kommunalt självstyre');
    // Neither the letterhead above the title nor the signature is an answer.
    expect(huddinge.answers.some((a) => /Anna Berglund|Dnr KS/u.test(a.text))).toBe(false);
  });

  it('maps "Fråga 2" to the consultation’s question', async () => {
    const consultation = 'consultation:\n  id: regionbildning-2016\n  title: Regionbildning\n  questions:\n    - { id: q1, text: Vad innebär en regionbildning för kommunen? }\n    - { id: q2, text: Hur vill kommunen samverka med regionen? }\n    - { id: q3, text: Vad tycker kommunen om tidsplanen? }\n';
    const dir = workspace({ 'consultation.yaml': consultation });
    const r = await dialog(['ingest', 'consultation.yaml', 'svar/vaxholm-yttrande.docx', 'svar/tyreso.md', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus;
    const vaxholm = corpus.responses.find((x) => x.source.endsWith('.docx'))!;
    expect(vaxholm.answers.map((a) => [a.heading, a.question])).toEqual([
      [undefined, undefined],
      ['Fråga 1', 'q1'],
      ['Fråga 2', 'q2'],
      ['Fråga 3', 'q3'],
    ]);
  });

  it('records a scanned PDF, an encrypted one and broken ones as unreadable and ingests the rest; --strict refuses them all in one run (real bin)', async () => {
    const dir = workspace();
    cpSync(join(DOCS, 'bad'), join(dir, 'svar'), { recursive: true });
    writeFileSync(join(dir, 'svar', 'trasig.pdf'), readFileSync(join(SVAR, 'nacka-yttrande.pdf')).subarray(0, 900));
    writeFileSync(join(dir, 'svar', 'trasig.docx'), 'PK\u0003\u0004 not really a zip');
    const strict = await dialog(['ingest', 'svar', '-o', 'corpus.json', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).not.toMatch(/\n\s+at /);
    expect(strict.stderr).toContain('svar/skannat-yttrande.pdf: has no text layer (a scanned document) (refused: --strict). To read it, run OCR on it in place');
    expect(strict.stderr).toContain('ocrmypdf -l swe svar/skannat-yttrande.pdf svar/skannat-yttrande.pdf, then run the ingest again');
    expect(strict.stderr).toMatch(/svar\/losenord\.pdf: is encrypted \(protected by a password\) \(refused: --strict\)\. To read it, replace it with an unprotected copy in place: qpdf --decrypt/);
    expect(strict.stderr).toMatch(/svar\/trasig\.pdf: is not a readable PDF|svar\/trasig\.pdf: cannot be read as a PDF/);
    expect(strict.stderr).toMatch(/svar\/trasig\.docx: is not a readable Word document/);
    expect(existsSync(join(dir, 'corpus.json'))).toBe(false);

    const r = dialogBin(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/svar\/skannat-yttrande\.pdf: warning: has no text layer \(a scanned document\); it is recorded as unreadable, and the reports name it/);
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus & { sources: { path: string; unreadable?: string; responses: number }[] };
    expect(corpus.sources.filter((s) => s.unreadable).map((s) => [s.path, s.unreadable, s.responses])).toEqual([
      ['svar/losenord.pdf', 'encrypted', 0],
      ['svar/skannat-yttrande.pdf', 'scanned', 0],
      ['svar/trasig.docx', 'damaged', 0],
      ['svar/trasig.pdf', 'damaged', 0],
    ]);
    expect(new Set(corpus.responses.map((x) => x.source)).size).toBe(5);
  });

  it('takes facts from a sidecar over what the document says, and from a manifest', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'svar', 'nacka-yttrande.pdf.yaml'), 'respondent: Kommunstyrelsen i Nacka\ndate: 2016-02-29\nposition: avstyrker\n');
    writeFileSync(join(dir, 'svar', 'manifest.csv'), 'fil;remissinstans;diarienummer;ställningstagande\ntyreso.md;Tyresö kommun;KS 99/2016;inga synpunkter\nnacka-yttrande.pdf;Solna stad;KS 1/1;tillstyrker\n');
    const r = await dialog(['ingest', 'svar', '-o', 'corpus.json', '--format', 'json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus;
    const nacka = corpus.responses.find((x) => x.source.endsWith('nacka-yttrande.pdf'))!;
    // The sidecar wins over the manifest, the manifest over the document.
    expect([nacka.respondent, nacka.organ, nacka.date, nacka.reference, nacka.stance]).toEqual(['0182', 'Kommunstyrelsen', '2016-02-29', 'KS 1/1', 'oppose']);
    const tyreso = corpus.responses.find((x) => x.source.endsWith('tyreso.md'))!;
    expect([tyreso.date, tyreso.reference, tyreso.stance]).toEqual(['2016-02-15', 'KS 99/2016', 'no-opinion']);
    // Sidecars and manifests are not responses.
    expect(corpus.sources.map((s) => s.path).filter((p) => /manifest|\.yaml$/u.test(p))).toEqual([]);
    const docs = (JSON.parse(r.stdout) as { documents: Doc[] }).documents;
    expect(docs.find((d) => d.file.endsWith('nacka-yttrande.pdf'))!.respondent).toEqual({ value: 'Kommunstyrelsen i Nacka', from: 'sidecar svar/nacka-yttrande.pdf.yaml' });
  });

  it('makes the corpus stale when a sidecar or a manifest is edited, deleted or added', async () => {
    // Only the two documents the sidecars and the manifest describe: the folder is ingested five
    // times, and the other letters (a two-column PDF among them) would only make each ingest slower.
    const dir = tmp();
    mkdirSync(join(dir, 'svar'));
    for (const f of ['nacka-yttrande.pdf', 'tyreso.md']) copyFileSync(join(SVAR, f), join(dir, 'svar', f));
    writeFileSync(join(dir, 'svar', 'nacka-yttrande.pdf.yaml'), 'respondent: Kommunstyrelsen i Nacka\n');
    writeFileSync(join(dir, 'svar', 'manifest.csv'), 'fil;remissinstans\ntyreso.md;Tyresö kommun\n');
    expect((await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir })).code).toBe(0);
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus;
    expect(corpus.sources.find((s) => s.path.endsWith('nacka-yttrande.pdf'))!.facts!.map((f) => f.path)).toEqual(['svar/nacka-yttrande.pdf.yaml']);
    expect((await dialog(['themes', '--corpus', 'corpus.json', '--no-write'], { cwd: dir })).code).toBe(0);
    const stale = async (pattern: RegExp) => {
      const r = await dialog(['themes', '--corpus', 'corpus.json', '--no-write'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(pattern);
      expect((await dialog(['ingest', 'svar', '-o', 'corpus.json', '--replace'], { cwd: dir })).code).toBe(0);
    };
    writeFileSync(join(dir, 'svar', 'nacka-yttrande.pdf.yaml'), 'respondent: Nacka kommun\n');
    await stale(/svar\/nacka-yttrande\.pdf\.yaml was changed/);
    writeFileSync(join(dir, 'svar', 'manifest.csv'), 'fil;remissinstans\ntyreso.md;Haninge kommun\n');
    await stale(/svar\/manifest\.csv was changed/);
    writeFileSync(join(dir, 'svar', 'tyreso.md.yaml'), 'respondent: Tyresö kommun\n');
    await stale(/svar\/tyreso\.md\.yaml is new/);
    rmSync(join(dir, 'svar', 'nacka-yttrande.pdf.yaml'));
    await stale(/svar\/nacka-yttrande\.pdf\.yaml was deleted/);
  });

  it('refuses a sidecar that breaks its schema, at its line and column', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'svar', 'tyreso.md.yaml'), 'respondent: Tyresö kommun\ndatum: 2016-02-15\n');
    const r = await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('svar/tyreso.md.yaml:2:1: unknown field "datum" (did you mean "date"?)');
    expect(existsSync(join(dir, 'corpus.json'))).toBe(false);
  });

  it('reads a YAML manifest given with --manifest', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'meta'));
    writeFileSync(join(dir, 'meta', 'dokument.yaml'), 'documents:\n  - file: ../svar/tyreso.md\n    date: 2016-03-01\n');
    const r = await dialog(['ingest', 'svar/tyreso.md', '--manifest', 'meta/dokument.yaml', '--dry-run', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const doc = (JSON.parse(r.stdout) as { documents: Doc[] }).documents[0];
    expect(doc.date).toEqual({ value: '2016-03-01', from: 'manifest meta/dokument.yaml:2' });
  });

  it('no longer reads a .txt as YAML', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'svar.txt'), 'Solna stad\nDatum: 2016-02-10\n\nYttrande\n\nStaden: har inga synpunkter på förslaget.\n');
    const r = await dialog(['ingest', 'svar.txt', '--dry-run', '--format', 'json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/YAML/);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { documents: Doc[] }).documents[0].respondent.value).toBe('Solna stad');
  });
});

describe('dialog ingest reads Excel workbooks', () => {
  it('reads the first sheet like a CSV, with real dates', async () => {
    const dir = tmp();
    copyFileSync(join(DOCS, 'svar.xlsx'), join(dir, 'svar.xlsx'));
    const r = await dialog(['ingest', 'svar.xlsx', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(0);
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus;
    expect(corpus.sources[0].format).toBe('xlsx');
    expect(corpus.responses.map((x) => [x.respondent, x.date, x.stance, x.answers.length])).toEqual([
      ['0160', '2016-02-22', 'support', 2],
      ['0163', '2016-02-25', 'conditional', 1],
    ]);
  });

  it('places problems as file.xlsx:Sheet!Cell, for the sheet named with --sheet (real bin)', async () => {
    const dir = tmp();
    copyFileSync(join(DOCS, 'svar.xlsx'), join(dir, 'svar.xlsx'));
    const r = dialogBin(['ingest', 'svar.xlsx', '--sheet', 'Fel', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(withoutWorkspaceNotice(r.stderr).trim().split('\n')).toEqual([
      'svar.xlsx:Fel!A4: the respondent is empty; every row needs the name of who answered',
      'svar.xlsx:Fel!B2: "2016-02-31" is not a real date; write YYYY-MM-DD (2016-02-15) or D/M/YYYY (15/2/2016)',
      expect.stringMatching(/^svar\.xlsx:Fel!C3: unknown stance "kanske"; accepted: /),
    ]);
    expect(existsSync(join(dir, 'corpus.json'))).toBe(false);
    const missing = await dialog(['ingest', 'svar.xlsx', '--sheet', 'Saknas', '--dry-run'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('svar.xlsx: has no sheet "Saknas"; its sheets are "Svar", "Fel": give one of them with --sheet');
  });
});

describe('a Word document whose letterhead stands in the page header', () => {
  it('takes respondent, date and reference from the header and footer, which are never answers', async () => {
    const { Document, Footer, Header, Packer, Paragraph, TextRun, Tab, PageNumber } = await import('docx');
    const doc = new Document({
      sections: [
        {
          headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun('Danderyds kommun'), new TextRun({ children: [new Tab(), 'Dnr KS 2016/77'] })] })] }) },
          footers: { default: new Footer({ children: [new Paragraph({ children: [new TextRun('Datum 2016-02-18, sida '), new TextRun({ children: [PageNumber.CURRENT] })] })] }) },
          children: [
            new Paragraph({ text: 'Yttrande över remissen om regionbildning' }),
            new Paragraph({ text: 'Kommunen har inget att invända mot förslaget men vill följa det fortsatta arbetet.' }),
          ],
        },
      ],
    });
    const dir = tmp();
    writeFileSync(join(dir, 'yttrande.docx'), await Packer.toBuffer(doc));
    const r = await dialog(['ingest', 'yttrande.docx', '-o', 'corpus.json', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const d = (JSON.parse(r.stdout) as { documents: Doc[] }).documents[0];
    expect([d.respondent.value, d.date?.value, d.reference?.value, d.position?.value]).toEqual(['Danderyds kommun', '2016-02-18', 'KS 2016/77', 'no-opinion']);
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus;
    expect(corpus.responses[0].respondent).toBe('0162');
    expect(corpus.responses[0].answers.map((a) => a.text)).toEqual(['Kommunen har inget att invända mot förslaget men vill följa det fortsatta arbetet.']);
  });
});
