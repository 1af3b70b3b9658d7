import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv, readCsvBytes, readCsvParsed } from '../src/core/ingest/read-csv.js';

// The byte reader against csv-parse (readCsvParsed): the same responses, answers, lines and
// diagnostics for any sheet, read in any chunking; the byte reader declines (undefined) only
// what it leaves to csv-parse, and takes every well-formed UTF-8 sheet.

const bytesOf = (data: Buffer, chunk: number) => () =>
  (async function* () {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  })();

const plain = (parsed: unknown) => JSON.parse(JSON.stringify(parsed));

const HEADERS = ['respondent;text', 'Remissinstans;Fråga;Svar;Datum', 'respondent,text,stance', 'respondent\ttext\ttype', 'respondent;text;question'];
const cell = fc.string({ unit: fc.constantFrom('a', 'ö', 'Å', ' ', ',', ';', '\t', '"', '\n', '\r', '\r\n', 'Region', 'kommun', '.', 'é', '😀', '2016-02-15', 'kommun', 'tillstyrker', 'q1', '\u0000'), maxLength: 24 });
const eol = fc.constantFrom('\n', '\r\n', '\r');
const quoteIt = (s: string) => `"${s.replace(/"/gu, '""')}"`;

/** A sheet: a header, rows of cells quoted or not (so some are malformed), blank lines, any endings, a BOM or not. */
const sheet = fc
  .record({
    header: fc.constantFrom(...HEADERS),
    rows: fc.array(fc.tuple(fc.constantFrom('Nacka kommun', 'Solna stad', 'Region Gotland', '', ' '), fc.array(fc.tuple(cell, fc.constantFrom('quoted', 'quoted', 'plain')), { minLength: 0, maxLength: 4 }), fc.boolean()), { maxLength: 8 }),
    eol,
    bom: fc.boolean(),
    trailing: fc.boolean(),
  })
  .map(({ header, rows, eol: end, bom, trailing }) => {
    const d = header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
    const lines = [header, ...rows.map(([who, cells, blank]) => (blank ? end : '') + [who, ...cells.map(([c, how]) => (how === 'quoted' ? quoteIt(c) : c))].join(d))];
    return (bom ? '\ufeff' : '') + lines.join(end) + (trailing ? end : '');
  });

async function both(data: Buffer, chunk: number) {
  const fast = await readCsv('p.csv', bytesOf(data, chunk), 'sha');
  const slow = await readCsvParsed('p.csv', bytesOf(data, chunk), 'sha');
  return { fast: plain(fast), slow: plain(slow) };
}

describe('the byte CSV reader', () => {
  it('reads any sheet as csv-parse does: responses, answers, lines and diagnostics, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(sheet, fc.integer({ min: 1, max: 40 }), async (text, chunk) => {
        const { fast, slow } = await both(Buffer.from(text), chunk);
        expect(fast).toEqual(slow);
      }),
      { numRuns: 400 },
    );
  });

  it('takes every well-formed UTF-8 sheet itself (quotes, doubled quotes, CRLF, lone CR, BOM, blank lines)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('Nacka kommun', 'Solna stad'), cell.filter((c) => !c.includes('\u0000') && c.trim() !== '')), { minLength: 1, maxLength: 6 }),
        eol,
        fc.boolean(),
        fc.integer({ min: 1, max: 40 }),
        async (rows, end, bom, chunk) => {
          const text = (bom ? '\ufeff' : '') + ['respondent;text', '', ...rows.map(([who, what]) => `${who};${quoteIt(what)}`)].join(end) + end;
          const data = Buffer.from(text);
          const fast = await readCsvBytes('p.csv', bytesOf(data, chunk), 'sha');
          expect(fast).toBeDefined();
          expect(plain(fast)).toEqual(plain(await readCsvParsed('p.csv', bytesOf(data, chunk), 'sha')));
          expect(fast!.responses.flatMap((r) => r.answers.map((a) => a.text)).sort()).toEqual(rows.map(([, what]) => what.replace(/\r\n?/gu, '\n')).sort());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves to csv-parse what it cannot read exactly: Windows-1252, a stray quote, an unclosed quote, a NUL byte, a bad header', async () => {
    const cases: Buffer[] = [
      Buffer.from('respondent;text\nNacka kommun;"Bra förslag"\n', 'latin1'),
      Buffer.from('respondent;text\nNacka kommun;Ett "citat" här\n'),
      Buffer.from('respondent;text\nNacka kommun;"aldrig stängt\n'),
      Buffer.from('respondent;text\nNacka kommun;"stängt" och mer\n'),
      Buffer.from('respondent;text\nNacka\u0000 kommun;text\n'),
      Buffer.from('vem;vad\nNacka kommun;text\n'),
      Buffer.from(''),
      Buffer.from('\n\n  \n'),
    ];
    for (const data of cases) {
      expect(await readCsvBytes('p.csv', bytesOf(data, 5), 'sha')).toBeUndefined();
      const { fast, slow } = await both(data, 5);
      expect(fast).toEqual(slow);
    }
    // The Windows-1252 sheet is still read, with its notice.
    const latin = plain(await readCsv('p.csv', bytesOf(cases[0], 5), 'sha'));
    expect(latin.encoding).toBe('windows-1252');
    expect(latin.responses[0].answers[0].text).toBe('Bra förslag');
  });
});
