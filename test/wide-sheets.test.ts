/**
 * Sheets in the wide shape — one row per respondent, one column per question, as a web form
 * exports them — read as if each answered question cell were a row of the long shape. The
 * answers are the test's own inventions, from municipalities of Västerbotten and Jämtland.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, readCsvBytes, readCsvParsed } from '../src/core/ingest/read-csv.js';
import type { Question } from '../src/core/model.js';
import { dialog, dialogBin, tmp, withoutWorkspaceNotice } from './helpers.js';
import { odsPackage, simpleContent } from './ods-fixtures.js';

const Q2 = 'Vilka behov av cykelparkering finns vid kommunens resecentrum?';

const QUESTIONS: Question[] = [
  { id: 'q1', text: 'Hur ser kommunen på förslaget till regionala cykelstråk?' },
  { id: 'q2', text: Q2 },
  { id: 'q3', text: 'Hur bör vinterväghållningen av cykelvägarna finansieras?' },
];

const CONSULTATION = `id: cykelplan-vasterbotten-2027
title: Regional cykelplan för Västerbottens län
issuer: Region Västerbotten
questions:
${QUESTIONS.map((q) => `  - id: ${q.id}\n    text: ${q.text}`).join('\n')}
`;

/** The wide sheet's header: the first question by number, the second by its text, the third by its id. */
const WIDE_HEADER = ['Remissinstans', 'Datum', 'Ställningstagande', 'Fråga 1', Q2, 'q3'];

/**
 * One row per respondent. Skellefteå leaves two questions empty and answers the first on a
 * second row; Lycksele answers nothing; Vännäs's third answer holds the delimiter and a quote.
 */
const WIDE_ROWS: string[][] = [
  ['Umeå kommun', '2027-02-01', 'tillstyrker', 'Kommunen välkomnar stråket längs kusten till Skellefteå.', 'Fler platser under tak behövs vid Umeå C.', 'Staten bör bära en del av kostnaden.'],
  ['Skellefteå kommun', '2027-02-03', 'tillstyrker med förbehåll', '', 'Parkeringen vid resecentrum är full redan i dag.', ''],
  ['Lycksele kommun', '2027-02-04', '', '', '', ''],
  ['Vännäs kommun', '2027-02-05', 'avstyrker', 'Stråket till Umeå saknas i förslaget.', '', 'Kommunen sköter sina egna vägar; "vinterväghållning" kostar.'],
  ['Skellefteå kommun', '', '', 'Stråket bör gå via Kåge.', '', ''],
];

/** The same answers in the long shape: one row per answer, in row-then-column order. */
function longRows(): string[][] {
  const rows: string[][] = [];
  for (const [who, date, stance, ...answers] of WIDE_ROWS)
    answers.forEach((text, i) => {
      if (text) rows.push([who, date, stance, QUESTIONS[i].id, text]);
    });
  return rows;
}
const LONG_HEADER = ['Remissinstans', 'Datum', 'Ställningstagande', 'Fråga', 'Svar'];

const csvCell = (s: string) => (/[;"\n]/u.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const csv = (header: string[], rows: string[][]) => [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\n') + '\n';

/** A workspace whose config names the consultation file (or none), holding `files`. */
function workspace(files: Record<string, string | Buffer>, consultation = true): string {
  const dir = tmp('dialog-wide-');
  if (consultation) writeFileSync(join(dir, 'remiss.yaml'), CONSULTATION);
  writeFileSync(join(dir, 'dialog.config.yaml'), `inputs: [svar.csv]\n${consultation ? 'consultation: remiss.yaml\n' : ''}`);
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return dir;
}

interface Corpus {
  sources: { path: string; format: string; encoding: string; responses: number; answers: number }[];
  respondents: unknown[];
  consultation?: unknown;
  responses: { id: string; source: string; line: number; respondent: string; date?: string; stance?: string; answers: { id: string; question?: string; text: string; themes?: string[] }[] }[];
}

async function ingest(dir: string, file: string, out: string, env: Record<string, string> = {}) {
  const r = await dialog(['ingest', file, '-o', out], { cwd: dir, env });
  const corpus = r.code === 0 ? (JSON.parse(readFileSync(join(dir, out), 'utf8')) as Corpus) : undefined;
  return { ...r, stderr: withoutWorkspaceNotice(r.stderr), corpus };
}

/**
 * A corpus as it compares across files: everything but where each response stands in its file
 * (its source, whose name and hash differ, and its line) — ids, order, texts, facts, respondents.
 */
const comparable = (c: Corpus) => ({
  ...c,
  settings: undefined,
  sources: c.sources.map((s) => ({ format: s.format, encoding: s.encoding, responses: s.responses, answers: s.answers })),
  responses: c.responses.map(({ source: _source, line: _line, ...rest }) => rest),
});

const messages = (stderr: string) => stderr.trim().split('\n').filter((l) => l && !l.startsWith('next:') && !/^(Ingested|Corpus|Checked) /u.test(l));

describe('a CSV with one column per question', () => {
  it('reads each answered cell as an answer to its column\'s question, named by number, text or id, and says so', async () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'svar.csv'), csv(WIDE_HEADER, WIDE_ROWS));
    const r = await ingest(dir, 'svar.csv', 'corpus.json');
    expect(r.code, r.stderr).toBe(0);
    expect(messages(r.stderr)).toEqual([
      `svar.csv:1:1: notice: read as one column per question: "Fråga 1" → q1, "Vilka behov av cykelparkering finns vid…" → q2, "q3" → q3`,
      'svar.csv:4:1: warning: Lycksele kommun answered none of the question columns on this row; it adds no response: write the answers, or remove the row',
    ]);
    const responses = r.corpus!.responses;
    expect(responses.map((x) => [x.respondent, x.date, x.stance, x.answers.map((a) => a.question)])).toEqual([
      ['2480', '2027-02-01', 'support', ['q1', 'q2', 'q3']],
      // Two rows of one respondent are one response; an empty cell is a question not answered.
      ['2482', '2027-02-03', 'conditional', ['q2', 'q1']],
      ['2460', '2027-02-05', 'oppose', ['q1', 'q3']],
    ]);
    expect(responses[2].answers[1].text).toBe('Kommunen sköter sina egna vägar; "vinterväghållning" kostar.');
    expect(r.corpus!.sources[0]).toMatchObject({ responses: 3, answers: 7 });
  });

  it('without a consultation, takes "Fråga N …", "Question N …" and "qN" as question qN', async () => {
    const dir = workspace({}, false);
    writeFileSync(
      join(dir, 'svar.csv'),
      'Kommun,Fråga 1,Fråga 2: Hur ser ni på vinterväghållningen av cykelvägarna?,Question 3,q4\n' +
        'Östersunds kommun,Stråken behövs.,Kommunen plogar själv.,,Inga fler synpunkter.\n' +
        'Krokoms kommun,,Staten bör bidra.,Ja.,\n',
    );
    const r = await ingest(dir, 'svar.csv', 'corpus.json');
    expect(r.code, r.stderr).toBe(0);
    expect(messages(r.stderr)).toEqual([
      'svar.csv:1:1: notice: read as one column per question: "Fråga 1" → q1, "Fråga 2: Hur ser ni på vinterväghållnin…" → q2, "Question 3" → q3, "q4" → q4',
    ]);
    expect(r.corpus!.responses.map((x) => x.answers.map((a) => [a.question, a.text]))).toEqual([
      [['q1', 'Stråken behövs.'], ['q2', 'Kommunen plogar själv.'], ['q4', 'Inga fler synpunkter.']],
      [['q2', 'Staten bör bidra.'], ['q3', 'Ja.']],
    ]);
  });

  it('gives the corpus of the same answers in one row each: ids, order, texts and facts', async () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'wide.csv'), csv(WIDE_HEADER, WIDE_ROWS));
    writeFileSync(join(dir, 'long.csv'), csv(LONG_HEADER, longRows()));
    const wide = await ingest(dir, 'wide.csv', 'wide.json');
    const long = await ingest(dir, 'long.csv', 'long.json');
    expect(wide.code, wide.stderr).toBe(0);
    expect(long.code, long.stderr).toBe(0);
    expect(long.corpus!.responses.map((x) => x.id)).toHaveLength(3);
    expect(comparable(wide.corpus!)).toEqual(comparable(long.corpus!));
  });

  it('reads a sheet that has a text column as before: a question-like column is only warned of', async () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'svar.csv'), 'Remissinstans;Svar;Fråga 1\nUmeå kommun;Kommunen tillstyrker.;Ja.\n');
    const r = await ingest(dir, 'svar.csv', 'corpus.json');
    expect(r.code, r.stderr).toBe(0);
    expect(messages(r.stderr)).toEqual(['svar.csv:1:20: warning: unknown column "Fråga 1" (did you mean "fråga"?) is ignored']);
    expect(r.corpus!.responses[0].answers).toEqual([{ id: expect.any(String), text: 'Kommunen tillstyrker.' }]);
  });

  it('reads a wide sheet on standard input with the config\'s questions', async () => {
    const dir = workspace({});
    const r = await dialog(['ingest', '-', '-o', 'corpus.json'], { cwd: dir, stdin: `Remissinstans;${Q2}\nUmeå kommun;Fler platser behövs.\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('<stdin>:1:1: notice: read as one column per question: "Vilka behov av cykelparkering finns vid…" → q2');
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus;
    expect(corpus.responses[0].answers[0].question).toBe('q2');
  });

  it('takes its questions from a consultation in a YAML input, whatever the files\' order', async () => {
    const dir = tmp('dialog-wide-');
    writeFileSync(join(dir, 'a-svar.csv'), `Remissinstans;${Q2}\nUmeå kommun;Fler platser behövs.\n`);
    writeFileSync(join(dir, 'z-remiss.yaml'), `consultation:\n${CONSULTATION.replace(/^/gmu, '  ')}`);
    const r = await dialog(['ingest', 'a-svar.csv', 'z-remiss.yaml', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('a-svar.csv:1:1: notice: read as one column per question: "Vilka behov av cykelparkering finns vid…" → q2');
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus;
    expect(corpus.responses[0].answers[0].question).toBe('q2');
  });
});

describe('what a sheet with one column per question may not hold', () => {
  it('stops when two columns name one question, naming both, and writes nothing (exit 1)', async () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'svar.csv'), `Remissinstans;Fråga 2;${Q2};q1\nUmeå kommun;Ja.;Nej.;Kanske.\n`);
    const r = await ingest(dir, 'svar.csv', 'corpus.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('svar.csv:1:23: columns "Fråga 2" (field 2) and "Vilka behov av cykelparkering finns vid kommunens resecentrum?" (field 3) both name question q2; a sheet with one column per question has one column for each: rename or remove one of them');
    expect(existsSync(join(dir, 'corpus.json'))).toBe(false);
  });

  it('stops at a sheet with neither a text column nor a question column, and says how either is named', async () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'svar.csv'), 'Remissinstans;Vad tycker kommunen om tidplanen?;E-post\nUmeå kommun;Den är kort.;registrator@umea.se\n');
    const r = await ingest(dir, 'svar.csv', 'corpus.json');
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([
      'svar.csv:1:1: missing required column "text" (accepted names: text, svar, answer, yttrande, remissvar, synpunkter, synpunkt, kommentar, kommentarer, svarstext, response, comment, comments), or one column per question (headed Fråga 1, q1, or a question\'s text from the consultation file); the first row must be a header naming the columns',
      'svar.csv:1:15: warning: unknown column "Vad tycker kommunen om tidplanen?" is ignored',
      'svar.csv:1:49: warning: unknown column "E-post" is ignored',
    ]);
    expect(existsSync(join(dir, 'corpus.json'))).toBe(false);
  });

  it('stops at a numbered question the consultation does not have, a themes column and a question column', async () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'svar.csv'), 'Remissinstans,Fråga 1,Fråga 4,Teman,Fråga\nUmeå kommun,Ja.,Nej.,x,q1\n');
    const r = await ingest(dir, 'svar.csv', 'corpus.json');
    expect(r.code).toBe(1);
    expect(messages(r.stderr)).toEqual([
      'svar.csv:1:1: notice: read as one column per question: "Fråga 1" → q1',
      'svar.csv:1:23: column "Fråga 4" names question 4, which the consultation does not have (its questions: q1, q2, q3); name the column by one of those ids, or add the question to the consultation file',
      'svar.csv:1:31: column "Teman" cannot say which of a row\'s answers its themes belong to in a sheet with one column per question; remove it, or give the sheet one answer per row with a text column',
      'svar.csv:1:37: column "Fråga" gives a question id, but this sheet has one column per question ("Fråga 1") and no text column; remove it, or give the sheet one answer per row with a text column',
    ]);
  });

  it('stops at a question answered twice by one respondent, at the second answer\'s field', async () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'svar.csv'), 'Remissinstans;Fråga 1;Fråga 2\nUmeå kommun;Ja.;\nUmeå kommun;;Nej.\nUmeå kommun;Kanske.;\n');
    const r = await ingest(dir, 'svar.csv', 'corpus.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('svar.csv:4:13: duplicate question id "q1" for Umeå kommun (first on line 2); each question may be answered once per respondent');
  });
});

describe('workbooks with one column per question', () => {
  async function xlsx(rows: string[][]): Promise<Buffer> {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    return (await writeXlsxFile(rows.map((r) => r.map((value) => (value ? { value, type: String } : null))), { sheet: 'Svar' }).toBuffer()) as Buffer;
  }

  for (const kind of ['xlsx', 'ods'] as const) {
    const sheet = kind === 'xlsx' ? 'Svar' : 'Blad1';
    const book = (rows: string[][]) => (kind === 'xlsx' ? xlsx(rows) : odsPackage(simpleContent(rows)));

    it(`.${kind}: gives the corpus of the same answers in one row each, and places its messages at the cells`, async () => {
      const dir = workspace({});
      writeFileSync(join(dir, `wide.${kind}`), await book([WIDE_HEADER, ...WIDE_ROWS]));
      writeFileSync(join(dir, `long.${kind}`), await book([LONG_HEADER, ...longRows()]));
      const wide = await ingest(dir, `wide.${kind}`, 'wide.json');
      const long = await ingest(dir, `long.${kind}`, 'long.json');
      expect(wide.code, wide.stderr).toBe(0);
      expect(long.code, long.stderr).toBe(0);
      expect(messages(wide.stderr)).toEqual([
        `wide.${kind}:${sheet}!A1: notice: read as one column per question: "Fråga 1" → q1, "Vilka behov av cykelparkering finns vid…" → q2, "q3" → q3`,
        `wide.${kind}:${sheet}!A4: warning: Lycksele kommun answered none of the question columns on this row; it adds no response: write the answers, or remove the row`,
      ]);
      expect(comparable(wide.corpus!)).toEqual(comparable(long.corpus!));
      // The CSV of the same answers gives the same corpus too.
      writeFileSync(join(dir, 'wide.csv'), csv(WIDE_HEADER, WIDE_ROWS));
      const fromCsv = await ingest(dir, 'wide.csv', 'csv.json');
      expect(comparable(wide.corpus!).responses).toEqual(comparable(fromCsv.corpus!).responses);
    });

    it(`.${kind}: a question answered twice is placed at its cell`, async () => {
      const dir = workspace({});
      writeFileSync(join(dir, `svar.${kind}`), await book([['Remissinstans', 'q1', 'q2'], ['Umeå kommun', 'Ja.', ''], ['Umeå kommun', 'Igen.', 'Nej.']]));
      const r = await ingest(dir, `svar.${kind}`, 'corpus.json');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`svar.${kind}:${sheet}!B3: duplicate question id "q1" for Umeå kommun (first on line 2)`);
      expect(existsSync(join(dir, 'corpus.json'))).toBe(false);
    });
  }
});

describe('the byte reader and large wide sheets', () => {
  const bytesOf = (data: Buffer, chunk: number) => () =>
    (async function* () {
      for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
    })();
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

  it('reads a wide sheet itself, as csv-parse does, in any chunking', async () => {
    const data = Buffer.from('\ufeff' + csv(WIDE_HEADER, WIDE_ROWS).replaceAll('\n', '\r\n'));
    for (const chunk of [1, 7, 64, 1 << 16]) {
      const fast = await readCsvBytes('p.csv', bytesOf(data, chunk), 'sha', undefined, undefined, QUESTIONS);
      expect(fast).toBeDefined();
      const slow = await readCsvParsed('p.csv', bytesOf(data, chunk), 'sha', undefined, undefined, QUESTIONS);
      expect(plain(fast)).toEqual(plain(slow));
      expect(fast!.responses.map((r) => r.answers.length)).toEqual([3, 2, 2]);
    }
  });

  it('ingests a wide sheet over the spill threshold (DIALOG_SPILL_BYTES=0) as it does in memory, and as the long sheet', async () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'wide.csv'), csv(WIDE_HEADER, WIDE_ROWS));
    writeFileSync(join(dir, 'long.csv'), csv(LONG_HEADER, longRows()));
    const spilled = await ingest(dir, 'wide.csv', 'spilled.json', { DIALOG_SPILL_BYTES: '0' });
    const inMemory = await ingest(dir, 'wide.csv', 'memory.json', { DIALOG_SPILL_BYTES: String(1 << 30) });
    const long = await ingest(dir, 'long.csv', 'long.json', { DIALOG_SPILL_BYTES: '0' });
    expect(spilled.code, spilled.stderr).toBe(0);
    expect(spilled.corpus).toEqual(inMemory.corpus);
    expect(comparable(spilled.corpus!)).toEqual(comparable(long.corpus!));
  });

  it('reads 20 000 respondents of three questions in well under a second or two', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => [`Kommun ${i}`, `Svar ${i} på den första frågan.`, i % 3 ? `Svar ${i} på den andra.` : '', `Svar ${i}; med "citat".`]);
    const data = Buffer.from(csv(['Remissinstans', 'Fråga 1', 'Fråga 2', 'Fråga 3'], rows));
    const started = performance.now();
    const parsed = await readCsv('p.csv', bytesOf(data, 1 << 20), 'sha', undefined, undefined, QUESTIONS);
    const ms = performance.now() - started;
    expect(parsed.diagnostics.filter((d) => d.severity !== 'notice')).toEqual([]);
    expect(parsed.responses).toHaveLength(20_000);
    expect(parsed.responses.reduce((n, r) => n + r.answers.length, 0)).toBe(rows.flat().filter((c) => c.startsWith('Svar')).length);
    expect(ms).toBeLessThan(5_000);
  });
});

describe('a wide sheet through the real bin', () => {
  it('ingests the workspace\'s wide sheet with its notice, exit 0', () => {
    const dir = workspace({});
    writeFileSync(join(dir, 'svar.csv'), csv(WIDE_HEADER, WIDE_ROWS));
    const r = dialogBin(['ingest', 'svar.csv', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('svar.csv:1:1: notice: read as one column per question: "Fråga 1" → q1, "Vilka behov av cykelparkering finns vid…" → q2, "q3" → q3');
    expect(r.stdout + r.stderr).toContain('3 responses, 7 answers');
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as Corpus;
    expect(corpus.responses.flatMap((x) => x.answers.map((a) => a.question))).toEqual(['q1', 'q2', 'q3', 'q2', 'q1', 'q1', 'q3']);
  });
});
