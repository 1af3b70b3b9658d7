import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteFlags, ID_CLEAN, JSON_PLAIN, safeCodePoints, textFlags } from '../src/core/ingest/clean-text.js';
import { assignIds, textForId } from '../src/core/ingest/ids.js';
import { setText, setTextBytes } from '../src/core/ingest/raw.js';
import { readCsv } from '../src/core/ingest/read-csv.js';
import { RespondentIndex, type Register } from '../src/core/ingest/respondents.js';
import { TextSpill } from '../src/cli/corpus/text-spill.js';
import { ByteWriter, responseJson } from '../src/cli/corpus/corpus-file.js';
import type { Response } from '../src/core/model.js';
import { dialog, dialogBin, tmp } from './helpers.js';

// Large sheets take their answer texts from the file to the corpus as bytes (clean-text.ts):
// ids, the corpus and every text must be what the string path gives, byte for byte.

/** textForId as it was before clean texts were given back at once: the reference. */
const textForIdReference = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();

/** Characters around every edge of the clean set: spaces of all kinds, compatibility forms, marks, quotes, surrogates. */
const unit = fc.constantFrom(
  'a', 'Ö', 'å', 'é', ' ', '  ', '\t', '\n', '\r', '\u00a0', '\u2009', '\u3000', '\u00ad', '\u200b', '\ufeff', '"', '\\', '…', 'ﬁ', '²', '½', 'ſ',
  '\u0301', 'e\u0301', '–', '”', '§', '€', '😀', '\ud800', '\udc00', '\u0000', '\u001f', '\u007f', 'Ω', 'Å', 'K', 'ǅ', '\u2028', '\u2029', 'x',
);
const text = fc.string({ unit, maxLength: 30 });

/** The sheet's texts kept as their bytes in a spill, as a large ingest keeps them. */
function keptAnswers(spill: TextSpill, texts: string[], asBytes: boolean) {
  return texts.map((t) => {
    const flags = textFlags(t);
    return asBytes && flags & ID_CLEAN ? setTextBytes({ id: '' }, Buffer.from(t), flags, spill) : setText({ id: '' }, t, spill);
  });
}

describe('clean texts (clean-text.ts)', () => {
  it('every pair of the characters a clean text may hold stays as it is under NFKC', () => {
    const safe = safeCodePoints().map((cp) => String.fromCharCode(cp));
    expect(safe.length).toBeGreaterThan(400);
    for (const a of safe) {
      const pairs = safe.map((b) => a + b).join(' ');
      expect(pairs.normalize('NFKC')).toBe(pairs);
    }
  });

  it('flags a text clean exactly when textForId gives it back, and plain exactly when JSON has nothing to escape', () => {
    fc.assert(
      fc.property(text, (t) => {
        const flags = textFlags(t);
        if (flags & ID_CLEAN) expect(textForIdReference(t)).toBe(t);
        expect(!!(flags & JSON_PLAIN)).toBe(JSON.stringify(t) === `"${t}"`);
        expect(textForId(t)).toBe(textForIdReference(t));
      }),
      { numRuns: 3000 },
    );
    for (const t of ['Kommunen tillstyrker förslaget.', 'Region – ”kommuntal” § 3 €', 'é ü ß Æ ø ł']) expect(textFlags(t)).toBe(ID_CLEAN | JSON_PLAIN);
    for (const t of [' a', 'a ', 'a  b', 'a\nb', 'a\u00a0b', 'a…', 'ﬁ', 'e\u0301']) expect(textFlags(t) & ID_CLEAN).toBe(0);
  });

  it('gives the same flags for a text read as UTF-8 bytes', () => {
    fc.assert(
      fc.property(text, (t) => {
        const wellFormed = t.toWellFormed?.() ?? t.replace(/[\ud800-\udfff]/gu, '\ufffd');
        const bytes = Buffer.concat([Buffer.from('x;'), Buffer.from(wellFormed), Buffer.from(';y')]);
        expect(byteFlags(bytes, 2, bytes.length - 2)).toBe(textFlags(wellFormed));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('content ids', () => {
  const texts = [
    'Kommunen tillstyrker förslaget.',
    'Kommunen  tillstyrker\nförslaget. ',
    'Ett citat: "så kallade kommuntal" och en \\ bakåtsnedstreck.',
    'Avstyrker … helt',
    'mjuk\u00ADbindestreck och hårt\u00A0mellanslag',
    'ﬁnansiering ² ½',
    'Emoji 😀 och Å Ä Ö é ü § ” – —',
    'Kommunen tillstyrker förslaget.',
  ];
  const layout: [string, [number, string?][]][] = [
    ['0114', [[0, 'q1'], [1, 'q2'], [7, 'q1']]],
    ['remissinstans-1', [[2], [3, 'q1'], [4]]],
    ['remissinstans-2', [[5, 'q3'], [6], [0, 'q1']]],
    ['0114', [[0, 'q1'], [1, 'q2'], [7, 'q1']]],
  ];
  // Computed by the build before texts were hashed as bytes (the same ids as every corpus so far).
  const expected = [
    ['r-cc030416c9', ['a-6981df7e9fef', 'a-0bbb16bc23a4', 'a-6981df7e9fef-2']],
    ['r-aa53fcc823', ['a-4fe2bdc8010a', 'a-d1915dac505b', 'a-c41ebb0556d6']],
    ['r-9df5002da5', ['a-46eed1de97d5', 'a-5f42d37ea28c', 'a-e8e2354c38ce']],
    ['r-cc030416c9-2', ['a-6981df7e9fef-3', 'a-0bbb16bc23a4-2', 'a-6981df7e9fef-4']],
  ];
  const responses = (answer: (t: string) => { id: string; text: string }): Response[] =>
    layout.map(([respondent, answers]) => ({
      id: '',
      source: 's.csv',
      line: 1,
      respondent,
      respondentAsWritten: respondent,
      reservations: [],
      answers: answers.map(([i, question]) => Object.assign(answer(texts[i]), question ? { question } : {})),
    }));
  const ids = (rs: Response[]) => rs.map((r) => [r.id, r.answers.map((a) => a.id)]);

  it('are the same bytes as before, for texts held as strings, kept as strings and kept as bytes', () => {
    const plain = responses((t) => ({ id: '', text: t }));
    assignIds(plain);
    expect(ids(plain)).toEqual(expected);
    for (const asBytes of [false, true]) {
      const spill = new TextSpill();
      try {
        const kept = responses((t) => keptAnswers(spill, [t], asBytes)[0]);
        assignIds(kept);
        expect(ids(kept)).toEqual(expected);
      } finally {
        spill.close();
      }
    }
  });
});

describe('the corpus written with texts copied as bytes', () => {
  it('is JSON.stringify of each response, byte for byte, whatever its fields and texts', () => {
    const spill = new TextSpill();
    try {
      fc.assert(
        fc.property(
          fc.array(fc.record({ text, question: fc.option(fc.constantFrom('q1', 'fråga "2"'), { nil: undefined }), themes: fc.option(fc.array(fc.constantFrom('a', 'b-c')), { nil: undefined }), heading: fc.option(text, { nil: undefined }) }), { minLength: 1, maxLength: 4 }),
          fc.record({ date: fc.option(fc.constant('2016-02-15'), { nil: undefined }), stance: fc.option(fc.constant('tillstyrker'), { nil: undefined }), organ: fc.option(text, { nil: undefined }) }),
          fc.boolean(),
          (answers, extra, asBytes) => {
            const kept = keptAnswers(spill, answers.map((a) => a.text), asBytes);
            const r = {
              id: 'r-0123456789',
              source: 'svar "ett".csv',
              line: 2,
              respondent: 'remissinstans-1',
              respondentAsWritten: 'Remissinstans\t1',
              answers: kept.map((k, i) => Object.assign(k, { id: `a-${i}` }, answers[i].question ? { question: answers[i].question } : {}, answers[i].heading !== undefined ? { heading: answers[i].heading } : {}, answers[i].themes ? { themes: answers[i].themes } : {})),
              reservations: [{ parties: ['S'], text: 'reservation' }],
              ...(extra.organ !== undefined ? { organ: extra.organ } : {}),
              ...(extra.date ? { date: extra.date } : {}),
              ...(extra.stance ? { stance: extra.stance } : {}),
            } as unknown as Response;
            const chunks: Buffer[] = [];
            const w = new ByteWriter((b) => chunks.push(Buffer.from(b)));
            responseJson(r, w);
            w.flush();
            expect(Buffer.concat(chunks).toString('utf8')).toBe(JSON.stringify(r));
          },
        ),
        { numRuns: 500 },
      );
    } finally {
      spill.close();
    }
  });
});

describe('the spill read twice in order', () => {
  it('reads ahead on the second pass too, not one system call per text', () => {
    const spill = new TextSpill();
    const proto = TextSpill.prototype as unknown as { readAt: (...args: unknown[]) => Buffer };
    const readAt = proto.readAt;
    let reads = 0;
    proto.readAt = function (this: unknown, ...args: unknown[]) {
      reads++;
      return readAt.apply(this, args);
    };
    try {
      const texts = Array.from({ length: 20_000 }, (_, i) => `svar nummer ${i} om förslaget`);
      const kept = texts.map((t) => spill.keepBytes(Buffer.from(t), textFlags(t)));
      for (let pass = 0; pass < 2; pass++) {
        reads = 0;
        for (const [i, k] of kept.entries()) expect(spill.bytes(k).toString('utf8')).toBe(texts[i]);
        expect(reads).toBeLessThanOrEqual(3);
      }
    } finally {
      proto.readAt = readAt;
      spill.close();
    }
  });
});

const sheetBytes = (data: Buffer, chunk: number) => () =>
  (async function* () {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
  })();
const plainJson = (value: unknown) => JSON.parse(JSON.stringify(value));

/** As the sheet reader of a file does: every chunk in the same memory, overwritten for the next. */
const reusedBytes = (data: Buffer, chunk: number) => () =>
  (async function* () {
    const memory = Buffer.alloc(chunk);
    for (let i = 0; i < data.length; i += chunk) {
      const n = data.copy(memory, 0, i, i + chunk);
      yield memory.subarray(0, n);
      memory.fill(0x3b);
    }
  })();

describe('a sheet read into a spill', () => {
  it('gives the same responses, texts and diagnostics as read into memory, with the text column anywhere, from chunks whose memory is used again', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'ö', ' ', '  ', '"', '\n', ';', '…', 'é', '2016-02-15', 'tillstyrker', 'q1', 'kommun', '\u00a0'), maxLength: 16 });
    const quoted = (s: string) => `"${s.replace(/"/gu, '""')}"`;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('respondent;text;question', 'respondent;question;text', 'text;respondent;date;stance'),
        fc.array(fc.tuple(fc.constantFrom('Nacka kommun', 'nacka  kommun', 'Remissinstans 7', 'Remissinstans 8', ''), cell, cell, cell), { maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        async (header, rows, chunk) => {
          const columns = header.split(';');
          const lines = rows.map(([who, a, b, c]) => columns.map((col, i) => (col === 'respondent' ? who : quoted([a, b, c][i % 3]))).join(';'));
          const data = Buffer.from([header, ...lines].join('\n') + '\n');
          const inMemory = plainJson(await readCsv('s.csv', sheetBytes(data, chunk), 'sha'));
          expect(plainJson(await readCsv('s.csv', reusedBytes(data, chunk), 'sha'))).toEqual(inMemory);
          const spill = new TextSpill();
          try {
            expect(plainJson(await readCsv('s.csv', sheetBytes(data, chunk), 'sha', undefined, spill))).toEqual(inMemory);
            expect(plainJson(await readCsv('s.csv', reusedBytes(data, chunk), 'sha', undefined, spill))).toEqual(inMemory);
          } finally {
            spill.close();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('respondents resolved once per name as written', () => {
  const register: Register = {
    respondents: [
      { code: '0182', name: 'Nacka', type: 'kommun', county: '01' },
      { code: '0180', name: 'Stockholm', type: 'kommun', county: '01', variants: ['Stockholms stad'] },
      { code: '01', name: 'Region Stockholm', type: 'region', county: '01' },
    ],
    counties: [{ code: '01', name: 'Stockholms län' }],
  };
  const names = ['Nacka kommun', 'nacka kommun', 'Nacka  kommun', 'Nacka kommun, Kommunstyrelsen', 'Kommunstyrelsen i Nacka kommun', 'Nacka kommuns socialnämnd', 'Stockholms stad', 'Region Stockholm', 'Remissinstans 1', 'remissinstans 1', 'Remissinstans 2', 'Remissinstans  2 ', 'Föreningen för Nacka kommun', 'Miljöförvaltningen Stockholms stad'];

  it('gives each name what a fresh index gives it, in any order and any number of times, and never another name\'s', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...names), { maxLength: 40 }), fc.array(fc.constantFrom(undefined, 'organisation' as const), { maxLength: 40 }), (order, types) => {
        const cached = new RespondentIndex(register);
        order.forEach((name, i) => {
          const fresh = new RespondentIndex(register);
          expect(cached.resolveName(name, types[i])).toEqual(fresh.resolveName(name, types[i]));
          expect(cached.idOf(name)).toBe(fresh.resolve(name).id);
        });
      }),
      { numRuns: 200 },
    );
    const index = new RespondentIndex(register);
    expect(index.idOf('Remissinstans 1')).not.toBe(index.idOf('Remissinstans 2'));
    expect(index.resolveName('Remissinstans 1').respondent.name).toBe('Remissinstans 1');
    expect(index.resolveName('remissinstans 1').respondent.name).toBe('remissinstans 1');
    expect(index.resolveName('Nacka kommun, Kommunstyrelsen').organ).toBe('Kommunstyrelsen');
    expect(index.resolveName('Nacka kommun').organ).toBeUndefined();
  });
});

describe('ingest of a sheet large enough to keep its texts on disk', () => {
  it('writes the corpus byte for byte as the in-memory path does, through the real bin', async () => {
    const dir = tmp('dialog-bytes-');
    const rows = [
      'Remissinstans;Datum;Ställningstagande;Svar;Fråga',
      'Nacka kommun;2016-02-05;tillstyrker;Kommunen tillstyrker förslaget.;q1',
      'Remissinstans 1;;;"Ett citat: ""så kallade kommuntal"" och \\ ett snedstreck.";q1',
      'Nacka kommun;;;"Två  mellanslag\noch en radbrytning";q2',
      'remissinstans 1;;;Avstyrker … helt;q2',
      'Remissinstans 2;2016-03-01;avstyrker;"Emoji 😀, Å Ä Ö é, § ” – —";q1',
      'Nacka kommun;;;Kommunen tillstyrker förslaget.;q3',
      'Remissinstans 1;;;ﬁnansiering²;q3',
      'Remissinstans 2;;;"mjuk\u00ADbindestreck och hårt\u00A0mellanslag";q2',
    ];
    writeFileSync(join(dir, 'svar.csv'), rows.join('\r\n') + '\r\n');
    const spilled = dialogBin(['ingest', 'svar.csv', '-o', 'spilled.json', '-q'], { cwd: dir, env: { DIALOG_SPILL_BYTES: '0' } });
    expect(spilled.code).toBe(0);
    const inMemory = await dialog(['ingest', 'svar.csv', '-o', 'memory.json', '-q'], { cwd: dir, env: { DIALOG_SPILL_BYTES: String(1 << 30) } });
    expect(inMemory.code).toBe(0);
    const corpus = readFileSync(join(dir, 'spilled.json'), 'utf8');
    expect(corpus).toBe(readFileSync(join(dir, 'memory.json'), 'utf8'));
    const parsed = JSON.parse(corpus);
    // Rows of one respondent far apart form one response, under the name as first written
    // ("remissinstans 1" is the same body as "Remissinstans 1").
    expect(parsed.responses.map((r: Response) => [r.respondentAsWritten, r.answers.length])).toEqual([
      ['Nacka kommun', 3],
      ['Remissinstans 1', 3],
      ['Remissinstans 2', 2],
    ]);
    expect(parsed.responses.flatMap((r: Response) => r.answers.map((a) => a.text))).toContain('Ett citat: "så kallade kommuntal" och \\ ett snedstreck.');
  });
});
