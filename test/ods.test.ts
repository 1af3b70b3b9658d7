import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Corpus } from '../src/core/model.js';
import { dialog, dialogBin, FIXTURES, tmp, withoutWorkspaceNotice } from './helpers.js';
import { cell, content, dateCell, emptyCells, emptyRows, numberCell, odsPackage, row, simpleContent, table, xmlCell } from './ods-fixtures.js';

const readCorpus = (dir: string, file = 'corpus.json') => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Corpus;
const messages = (stderr: string) => withoutWorkspaceNotice(stderr).trim().split('\n');

/** A folder holding these files (bytes or text). */
function folder(files: Record<string, Buffer | string>): string {
  const dir = tmp('dialog-ods-');
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return dir;
}

/**
 * The answers sheet of most tests: Swedish text, quotes, paragraphs, spaces, a date cell, and
 * LibreOffice's tail of empty rows. `breaks` puts a `text:tab` and a `text:line-break` in a cell:
 * dialog reads them as a tab and a newline, as OpenDocument defines them, but Calc (7.4) drops
 * both when it opens a sheet (its cells hold neither), gluing the words on either side.
 */
const answers = (breaks = true) =>
  content([
    table('Blad1', [
      row(['Remissinstans', 'Datum', 'Fråga', 'Svar', emptyCells(1020)]),
      row(['Örebro kommun', dateCell('2016-02-15', '15 feb. 2016'), numberCell('1', '1'), cell(['Kommunen tillstyrker ”förslaget” och "regionen".', 'Självstyrelsen måste värnas.']).replace('<text:p>', '<office:annotation><dc:creator>Anna</dc:creator><text:p>En kommentar, inte svaret.</text:p></office:annotation><text:p>')]),
      row(['Örebro kommun', '', numberCell('2', '2'), xmlCell(`Ett<text:s text:c="3"/>två${breaks ? '<text:tab/>tre<text:line-break/>' : ' tre '}fyra <text:span text:style-name="T1">fem</text:span> <text:a xlink:href="https://example.invalid">sex</text:a> &amp; sju`)]),
      row(['Umeå kommun', dateCell('2016-02-20T00:00:00', '20/2/16'), numberCell('1', '1'), cell('Vi avstyrker.'), emptyCells(1020)]),
      emptyRows(1_048_572),
    ]),
    table('Fel', [row(['Remissinstans', 'Svar']), row(['', 'Ett svar utan avsändare.'])]),
  ]);
const ANSWERS = answers();

/** The same answers as a CSV, as the analyst would have exported them. */
const answersCsv = (breaks = true) =>
  [
    'Remissinstans;Datum;Fråga;Svar',
    'Örebro kommun;2016-02-15;1;"Kommunen tillstyrker ”förslaget” och ""regionen"".\nSjälvstyrelsen måste värnas."',
    `Örebro kommun;;2;"Ett   två${breaks ? '\ttre\n' : ' tre '}fyra fem sex & sju"`,
    'Umeå kommun;2016-02-20;1;Vi avstyrker.',
    '',
  ].join('\n');
const ANSWERS_CSV = answersCsv();

describe('dialog ingest reads OpenDocument spreadsheets (.ods)', () => {
  it('reads the first sheet like a CSV: paragraphs, text:s spaces, tabs, links, date cells, number cells shown as text, no comments', async () => {
    const dir = folder({ 'svar.ods': await odsPackage(ANSWERS) });
    const started = Date.now();
    const r = await dialog(['ingest', 'svar.ods', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    // A million repeated empty rows and a thousand repeated empty columns are counts, never rows.
    expect(Date.now() - started).toBeLessThan(3000);
    const corpus = readCorpus(dir);
    expect(corpus.sources.map((s) => [s.path, s.format, s.responses, s.answers])).toEqual([['svar.ods', 'ods', 2, 3]]);
    expect(corpus.responses.map((x) => [x.respondent, x.date, x.answers.map((a) => [a.question, a.text])])).toEqual([
      [
        '1880',
        '2016-02-15',
        [
          ['1', 'Kommunen tillstyrker ”förslaget” och "regionen".\nSjälvstyrelsen måste värnas.'],
          ['2', 'Ett   två\ttre\nfyra fem sex & sju'],
        ],
      ],
      ['2480', '2016-02-20', [['1', 'Vi avstyrker.']]],
    ]);
  });

  it('gives the same corpus as the same answers in a CSV: respondents, answers and their ids', async () => {
    const dir = folder({ 'svar.ods': await odsPackage(ANSWERS), 'svar.csv': ANSWERS_CSV });
    expect((await dialog(['ingest', 'svar.ods', '-o', 'ods.json', '-q'], { cwd: dir })).code).toBe(0);
    const csv = await dialog(['ingest', 'svar.csv', '-o', 'csv.json', '-q'], { cwd: dir });
    expect(csv.code, csv.stderr).toBe(0);
    const fromOds = readCorpus(dir, 'ods.json');
    const fromCsv = readCorpus(dir, 'csv.json');
    // Where each was read differs (the file; a line of the CSV, a row of the sheet); nothing else.
    const facts = (c: Corpus) => c.responses.map(({ source, line, ...rest }) => ({ ...rest, answers: rest.answers.map(({ line: _l, col: _c, ...a }) => a) }));
    expect(fromOds.responses.map((x) => [x.source, x.line])).toEqual([
      ['svar.ods', 2],
      ['svar.ods', 4],
    ]);
    expect(facts(fromOds)).toEqual(facts(fromCsv));
    expect(fromOds.respondents).toEqual(fromCsv.respondents);
    expect(fromOds.responses.flatMap((x) => x.answers.map((a) => a.id))).toHaveLength(3);
  });

  it('reads the sheet named with --sheet, and lists the sheets when the name is not there (real bin)', async () => {
    const dir = folder({ 'svar.ods': await odsPackage(ANSWERS) });
    const wrong = dialogBin(['ingest', 'svar.ods', '--sheet', 'fel', '-o', 'corpus.json'], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(messages(wrong.stderr)).toEqual(['svar.ods:Fel!A2: the respondent is empty; every row needs the name of who answered']);
    expect(existsSync(join(dir, 'corpus.json'))).toBe(false);
    const missing = dialogBin(['ingest', 'svar.ods', '--sheet', 'Saknas', '--dry-run'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(messages(missing.stderr)).toEqual(['svar.ods: has no sheet "Saknas"; its sheets are "Blad1", "Fel": give one of them with --sheet']);
  });

  it('places header problems at their cells, below empty and repeated rows, beside repeated columns', async () => {
    const sheet = content([
      table('Blad1', [
        emptyRows(2),
        row(['Remissinstans', 'remissinstans', '<table:table-cell table:number-columns-repeated="2"/>', 'Svaret']),
        row(['Örebro kommun', '', '', '', 'Ja.']),
      ]),
    ]);
    const dir = folder({ 'svar.ods': await odsPackage(sheet) });
    const r = await dialog(['ingest', 'svar.ods', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([
      'svar.ods:Blad1!A3: missing required column "text" (accepted names: text, svar, answer, yttrande, remissvar, synpunkter, synpunkt, kommentar, kommentarer, svarstext, response, comment, comments); the first row must be a header naming the columns',
      'svar.ods:Blad1!B3: column "remissinstans" repeats the respondent column (field 1); keep one of them',
      'svar.ods:Blad1!E3: warning: unknown column "Svaret" (did you mean "svar"?) is ignored',
    ]);
  });

  it('places the problems of rows after repeated rows and cells where the sheet shows them', async () => {
    const sheet = content([
      table('Blad1', [
        row(['Remissinstans', emptyCells(2), 'Datum', 'Svar']),
        row(['Örebro kommun', emptyCells(2), '2016-02-31', 'Ja.'], { repeat: 1 }),
        emptyRows(3),
        row(['Umeå kommun', emptyCells(2), '', 'Nej.']),
        row(['Umeå kommun', '<table:table-cell table:number-columns-repeated="3"/>', '']),
      ]),
    ]);
    const dir = folder({ 'svar.ods': await odsPackage(sheet) });
    const r = await dialog(['ingest', 'svar.ods', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([
      'svar.ods:Blad1!D2: "2016-02-31" is not a real date; write YYYY-MM-DD (2016-02-15) or D/M/YYYY (15/2/2016)',
      'svar.ods:Blad1!E7: the answer text is empty; remove the row or write the answer',
    ]);
  });

  it('reads a repeated row with text as that many rows', async () => {
    const sheet = content([table('Blad1', [row(['Remissinstans', 'Fråga', 'Svar']), row(['Örebro kommun', 'q1', 'Ja.']), row(['Umeå kommun', 'q1', 'Samma svar.'], { repeat: 2 })])]);
    const dir = folder({ 'svar.ods': await odsPackage(sheet) });
    const r = await dialog(['ingest', 'svar.ods', '--dry-run'], { cwd: dir });
    // Two rows of Umeå to one question: the second is told where the sheet shows it.
    expect(messages(r.stderr)).toEqual(['svar.ods:Blad1!B4: duplicate question id "q1" for Umeå kommun (first on line 3); each question may be answered once per respondent']);
  });

  it('refuses a sheet whose text reaches past the limits, before it is laid out', async () => {
    const wide = content([table('Blad1', [row(['Remissinstans', 'Svar', emptyCells(1000), 'x'])])]);
    const tall = content([table('Blad1', [row(['Remissinstans', 'Svar']), row(['Örebro kommun', cell('Ja.', { repeat: 20 })], { repeat: 1_000_000 })])]);
    const dir = folder({ 'bred.ods': await odsPackage(wide), 'lang.ods': await odsPackage(tall) });
    const started = Date.now();
    const r = await dialog(['ingest', 'bred.ods', 'lang.ods', '--dry-run'], { cwd: dir });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([
      'bred.ods: the sheet "Blad1" reaches cell ALO1 with text (1 rows × 1,003 columns); a sheet dialog reads may span at most 1,000 columns and 10,000,000 cells (rows × columns). Delete the rows and columns beyond the answers, or export the sheet as CSV',
      'lang.ods: the sheet "Blad1" reaches cell U1000001 with text (1,000,001 rows × 21 columns); a sheet dialog reads may span at most 1,000 columns and 10,000,000 cells (rows × columns). Delete the rows and columns beyond the answers, or export the sheet as CSV',
    ]);
  });

  it('warns of text hidden under merged cells, which it does not read', async () => {
    const sheet = content([
      table('Blad1', [
        row(['Remissinstans', '<table:table-cell table:number-columns-spanned="2"><text:p>Svar</text:p></table:table-cell><table:covered-table-cell/>']),
        row(['Örebro kommun', '<table:table-cell table:number-columns-spanned="2"><text:p>Ja.</text:p></table:table-cell><table:covered-table-cell office:value-type="string"><text:p>Gammal text</text:p></table:covered-table-cell>']),
      ]),
    ]);
    const dir = folder({ 'svar.ods': await odsPackage(sheet) });
    const r = await dialog(['ingest', 'svar.ods', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('svar.ods:Blad1!C2: warning: holds text hidden under merged cells; it is not read.');
    expect(readCorpus(dir).responses[0].answers.map((a) => a.text)).toEqual(['Ja.']);
  });

  it('reads an .ods in an input folder, beside a CSV', async () => {
    const dir = folder({ 'svar/a.ods': await odsPackage(simpleContent([['Remissinstans', 'Svar'], ['Örebro kommun', 'Ja.']])), 'svar/b.csv': 'Remissinstans;Svar\nUmeå kommun;Nej.\n' });
    const r = await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('skipped');
    expect(readCorpus(dir).sources.map((s) => [s.path, s.format])).toEqual([
      ['svar/a.ods', 'ods'],
      ['svar/b.csv', 'csv'],
    ]);
  });

  it('refuses a password-protected .ods, an .xlsx, an .odt or a CSV named .ods, and damaged XML, each saying what to do', async () => {
    const xlsx = readFileSync(join(FIXTURES, 'documents', 'svar.xlsx'));
    const dir = folder({
      'a-lösenord.ods': await odsPackage(simpleContent([['Remissinstans', 'Svar']]), { encrypted: true }),
      'b-excel.ods': xlsx,
      'c-text.ods': await odsPackage(content([]), { mimetype: 'application/vnd.oasis.opendocument.text' }),
      'd-csv.ods': 'Remissinstans;Svar\nÖrebro kommun;Vi tillstyrker.\n',
      'e-trasig.ods': await odsPackage(simpleContent([['Remissinstans', 'Svar']]).replace('</table:table-row>', '</table:table-cell>')),
      'f-dtd.ods': await odsPackage(simpleContent([['Remissinstans', 'Svar']]).replace('<office:document-content', '<!DOCTYPE x [<!ENTITY e "e">]><office:document-content')),
      // saxen reads on past a broken attribute, and the cell's text would be lost without a word.
      'g-attribut.ods': await odsPackage(simpleContent([['Remissinstans', 'Svar'], ['Örebro kommun', 'Ja.']]).replace('value-type="string">', 'value-type="string"">')),
      'h-namnrymd.ods': await odsPackage(simpleContent([['Remissinstans', 'Svar']]).replace('xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"', 'xmlns:text="urn:example"')),
    });
    const r = await dialog(['ingest', '.', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(1);
    const again = 'open it in LibreOffice and save it again as .ods (or export the sheet as CSV), then give it again';
    expect(messages(r.stderr)).toEqual([
      'a-lösenord.ods: is protected by a password; open it in LibreOffice, save it in its place without a password (File > Save As, with "Save with password" unticked), and give it again',
      'b-excel.ods: is an Excel workbook (.xlsx) with the extension .ods; rename it to .xlsx',
      'c-text.ods: is an OpenDocument text (.odt) with the extension .ods; rename it to .odt',
      'd-csv.ods: is a text file (CSV, HTML or plain text) with the extension .ods; if it is a CSV file, rename it to .csv; else open it in Excel or LibreOffice and save it as .xlsx, .ods or CSV',
      `e-trasig.ods: is not a readable OpenDocument spreadsheet (.ods): its content.xml is not well-formed XML (closing tag mismatch); ${again}`,
      `f-dtd.ods: is not a readable OpenDocument spreadsheet (.ods): its content.xml declares a DTD (<!DOCTYPE>), which OpenDocument files never hold; ${again}`,
      `g-attribut.ods: is not a readable OpenDocument spreadsheet (.ods): its content.xml is not well-formed XML (illegal character after attribute end); ${again}`,
      `h-namnrymd.ods: is not a readable OpenDocument spreadsheet (.ods): its content.xml does not declare the OpenDocument text namespace (urn:oasis:names:tc:opendocument:xmlns:text:1.0); ${again}`,
    ]);
    expect(existsSync(join(dir, 'corpus.json'))).toBe(false);
  });

  it('names an .ods given the extension .odt, which would read as a letter without text', async () => {
    const dir = folder({ 'svar.odt': await odsPackage(simpleContent([['Remissinstans', 'Svar'], ['Örebro kommun', 'Ja.']])) });
    const r = await dialog(['ingest', 'svar.odt', '--dry-run', '--strict'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual(['svar.odt: is an OpenDocument spreadsheet (.ods) with the extension .odt (refused: --strict). To read it, rename it to .ods and run the ingest again']);
  });

  it('names an .ods given the extension .xlsx, and reads a macro-enabled workbook (.xlsm) as .xlsx', async () => {
    const dir = folder({ 'svar.xlsx': await odsPackage(simpleContent([['Remissinstans', 'Svar']])) });
    copyFileSync(join(FIXTURES, 'documents', 'svar.xlsx'), join(dir, 'makro.xlsm'));
    const renamed = await dialog(['ingest', 'svar.xlsx', '--dry-run'], { cwd: dir });
    expect(renamed.code).toBe(1);
    expect(messages(renamed.stderr)).toEqual(['svar.xlsx: is an OpenDocument spreadsheet (.ods) with the extension .xlsx; rename it to .ods']);
    const macro = await dialog(['ingest', 'makro.xlsm', '-o', 'corpus.json'], { cwd: dir });
    expect(macro.code, macro.stderr).toBe(0);
    expect(readCorpus(dir).sources.map((s) => [s.path, s.format, s.responses])).toEqual([['makro.xlsm', 'xlsx', 2]]);
  });
});

describe('a damaged .ods is a problem of its file, never a crash', () => {
  it('content.xml cut short or with bytes changed at seeded places: exit 0 or 1 with the file named, never an internal error', async () => {
    const xml = simpleContent([
      ['Remissinstans', 'Datum', 'Svar'],
      ['Örebro kommun', '2016-02-15', 'Vi tillstyrker.'],
      ['Umeå kommun', '', 'Vi avstyrker.'],
    ]);
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 40; i++) {
      const at = next(xml.length);
      const damaged = i % 2 ? xml.slice(0, at) : xml.slice(0, at) + '<>&"\'/='[next(7)] + xml.slice(at + 1);
      files[`f${String(i).padStart(2, '0')}.ods`] = await odsPackage(damaged);
    }
    const dir = folder(files);
    for (const name of Object.keys(files)) {
      const r = await dialog(['ingest', name, '--dry-run', '-q'], { cwd: dir });
      expect([0, 1], `${name}: ${r.stderr}`).toContain(r.code);
      if (r.code === 1) expect(r.stderr, name).toMatch(new RegExp(`^${name.replace('.', '\\.')}`, 'mu'));
      expect(r.stderr).not.toMatch(/internal error|bug/iu);
    }
  });
});

describe('spreadsheets dialog does not read are errors, never YAML and never skipped', () => {
  const OLE = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);

  it('an .xls given by name: exit 1, what to do, nothing written (real bin)', () => {
    const dir = folder({ 'svar.xls': OLE });
    const r = dialogBin(['ingest', 'svar.xls', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/YAML|mapping/u);
    expect(messages(r.stderr)).toEqual([
      'svar.xls: is an old Excel workbook (.xls), which dialog does not read: open it in Excel or LibreOffice and save it as .xlsx, .ods or CSV (for example: soffice --headless --convert-to ods --outdir . svar.xls), move svar.xls out of the inputs, and run the ingest again. A sheet holds many answers: leaving it out would change every count',
    ]);
    expect(readdirSync(dir)).toEqual(['svar.xls']);
  });

  it('found in an input folder, each is told with the run\'s other problems, all at once', async () => {
    const dir = folder({
      'svar/a.csv': 'Remissinstans;Svar\n;Ett svar utan avsändare.\n',
      'svar/gammal.xls': OLE,
      'svar/webb-export.xls': '<html><body><table><tr><td>Remissinstans</td></tr></table></body></html>',
      'svar/bok.xlsx.xls': readFileSync(join(FIXTURES, 'documents', 'svar.xlsx')),
      'svar/numbers.numbers': Buffer.from('504b0506000000000000000000000000000000000000', 'hex'),
    });
    const r = await dialog(['ingest', 'svar', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([
      'svar/a.csv:2:1: the respondent is empty; every row needs the name of who answered',
      'svar/bok.xlsx.xls: is an Excel workbook (.xlsx) with the extension .xls; rename it to .xlsx, and run the ingest again',
      expect.stringMatching(/^svar\/gammal\.xls: is an old Excel workbook \(\.xls\), which dialog does not read: open it in Excel or LibreOffice and save it as \.xlsx, \.ods or CSV /u),
      expect.stringMatching(/^svar\/numbers\.numbers: is an Apple Numbers spreadsheet \(\.numbers\), which dialog does not read: /u),
      expect.stringMatching(/^svar\/webb-export\.xls: is an old Excel workbook \(\.xls\), which dialog does not read \(it holds text: HTML or CSV, as some systems export "Excel" files; if it is CSV, rename it to \.csv\): /u),
    ]);
    expect(existsSync(join(dir, 'corpus.json'))).toBe(false);
  });
});

describe('dialog review import reads a review sheet saved as .ods', () => {
  it('merges the decisions of the sheet LibreOffice saved', async () => {
    const dir = tmp('dialog-ods-');
    cpSync(join(FIXTURES, 'review', 'workspace'), dir, { recursive: true });
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['themes', '-q'], { cwd: dir })).code).toBe(0);
    const exported = await dialog(['review', 'export', '-o', 'granskning.csv'], { cwd: dir });
    expect(exported.code, exported.stderr).toBe(0);
    const { parse } = await import('csv-parse/sync');
    const rows = parse(readFileSync(join(dir, 'granskning.csv'), 'utf8'), { relax_column_count: true }) as string[][];
    const header = rows[0];
    const col = (name: string) => header.indexOf(name);
    const kramfors = rows.find((r) => r[col('text')].startsWith('Kramfors kommun avstyrker'))!;
    kramfors[col('themes')] = 'ok';
    kramfors[col('stance')] = 'avstyrker';
    kramfors[col('reviewer')] = 'Anna Berg';
    // LibreOffice keeps a text's lines as paragraphs of its cell.
    const sheetRow = (r: string[]) => row(r.map((c) => (c.includes('\n') ? cell(c.split('\n')) : c === '' ? '' : cell(c))));
    writeFileSync(join(dir, 'granskning.ods'), await odsPackage(content([table('Granskning', [...rows.map(sheetRow), emptyRows(1_048_000)])])));
    const imported = await dialog(['review', 'import', 'granskning.ods', '--date', '2027-03-05'], { cwd: dir });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('merged into review.yaml: 2 new decisions');
    expect(readFileSync(join(dir, 'review.yaml'), 'utf8')).toContain('reviewer: Anna Berg\n    date: 2027-03-05');
    kramfors[col('stance')] = 'kanske';
    writeFileSync(join(dir, 'fel.ods'), await odsPackage(content([table('Granskning', rows.map(sheetRow))])));
    const wrong = await dialog(['review', 'import', 'fel.ods', '--dry-run'], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(new RegExp(`fel\\.ods:Granskning!${String.fromCharCode(65 + col('stance'))}${rows.indexOf(kramfors) + 1}: `, 'u'));
  });
});

describe('dialog audit score reads a checked sheet saved as .ods', () => {
  it('scores the .ods as it scores the same sheet in CSV', async () => {
    const dir = tmp('dialog-ods-');
    cpSync(join(FIXTURES, 'review', 'workspace'), dir, { recursive: true });
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    expect((await dialog(['audit', 'sample', '--size', '8', '-o', 'kontroll.csv', '-q'], { cwd: dir })).code).toBe(0);
    const { parse } = await import('csv-parse/sync');
    const rows = parse(readFileSync(join(dir, 'kontroll.csv'), 'utf8')) as string[][];
    const [header] = rows;
    for (const r of rows.slice(1)) r[header.indexOf('themes')] = /busstrafik|linjer/iu.test(r[header.indexOf('text')]) ? 'kollektivtrafik' : '-';
    writeFileSync(join(dir, 'kontroll.csv'), rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n');
    writeFileSync(join(dir, 'kontroll.ods'), await odsPackage(content([table('Kontroll', rows.map((r) => row(r.map((c) => (c === '' ? '' : cell(c.split('\n')))))))])));
    const fromCsv = await dialog(['audit', 'score', 'kontroll.csv', '--no-write', '--format', 'json'], { cwd: dir });
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    const fromOds = await dialog(['audit', 'score', 'kontroll.ods', '--no-write', '--format', 'json'], { cwd: dir });
    expect(fromOds.code, fromOds.stderr).toBe(0);
    // The same figures; only the sheet's name differs.
    expect(fromOds.stdout.replaceAll('kontroll.ods', 'kontroll.csv')).toBe(fromCsv.stdout);
    expect(JSON.parse(fromOds.stdout).checked).toBe(8);
  });
});

/** LibreOffice's own Calc, where it is installed: the fixtures must open in the program analysts use, not only in dialog. */
function calc(): string | undefined {
  for (const name of ['soffice', 'libreoffice']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (!found) continue;
    const program = dirname(realpathSync(found));
    if (existsSync(join(program, 'libsclo.so')) || existsSync(join(program, 'libsclo.dylib'))) return found;
  }
  return undefined;
}

describe('the .ods fixtures open in LibreOffice', () => {
  const soffice = calc();
  it.skipIf(!soffice)('Calc reads the answers sheet as dialog does, and dialog reads the sheet as Calc saves it', async () => {
    const dir = folder({ 'svar.ods': await odsPackage(answers(false)) });
    const convert = (to: string, out: string, file: string) => {
      const r = spawnSync(soffice!, [`-env:UserInstallation=file://${join(dir, 'profil')}`, '--headless', '--convert-to', to, '--outdir', join(dir, out), join(dir, file)], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOME: dir } });
      expect(r.status, r.stderr).toBe(0);
    };
    convert('csv:Text - txt - csv (StarCalc):59,34,76,1', 'csv', 'svar.ods');
    const { parse } = await import('csv-parse/sync');
    // Calc shows the date cells as the sheet formats them: the texts are what is compared.
    const cells = (csv: string) => (parse(csv, { delimiter: ';', relax_column_count: true }) as string[][]).map((r) => [r[0], r[2], r[3]]);
    expect(cells(readFileSync(join(dir, 'csv', 'svar.csv'), 'utf8'))).toEqual(cells(answersCsv(false)));
    // The package Calc writes (its own styles, settings, meta, thumbnail) gives the same answers.
    convert('ods', 'calc', 'svar.ods');
    const ours = await dialog(['ingest', 'svar.ods', '-o', 'ours.json', '-q'], { cwd: dir });
    expect(ours.code, ours.stderr).toBe(0);
    const theirs = await dialog(['ingest', 'calc/svar.ods', '-o', 'calc.json', '-q'], { cwd: dir });
    expect(theirs.code, theirs.stderr).toBe(0);
    const facts = (c: Corpus) => c.responses.map((x) => [x.respondent, x.date, x.answers.map((a) => [a.id, a.question, a.text])]);
    expect(facts(readCorpus(dir, 'calc.json'))).toEqual(facts(readCorpus(dir, 'ours.json')));
    expect(facts(readCorpus(dir, 'calc.json'))).toHaveLength(2);
  });
});
