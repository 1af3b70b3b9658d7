import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapHeader } from '../src/core/ingest/csv-columns.js';
import { mapSheetHeader } from '../src/core/ingest/wide-sheet.js';
import { dialog, tmp } from './helpers.js';

/**
 * Sheets named by others: a web form's export or a list kept by hand calls its columns
 * "Organisation", "Synpunkter" or "Inkom", marks required ones with "*" and ends labels with ":".
 * Those names are read when the sheet has no plainer one for the role; two candidates for one
 * role stop the run rather than dialog picking one.
 */

describe('header names (mapHeader)', () => {
  it('takes the other names of a role when the sheet has no plain one', () => {
    const m = mapHeader(['Tidstämpel', 'Organisation', 'Synpunkter', 'Inkom', 'Inställning', 'Ärendenummer']);
    expect(m.index).toEqual({ respondent: 1, text: 2, date: 3, stance: 4, reference: 5 });
    expect(m.problems).toEqual([{ col: 1, severity: 'warning', message: 'unknown column "Tidstämpel" is ignored' }]);
  });

  it('reads a form\'s labels: case, runs of spaces, a trailing "*" or ":"', () => {
    const m = mapHeader(['  Remissinstans * ', 'Svar:', 'Remissinstansens   namn', 'DATUM']);
    expect(m.index).toEqual({ respondent: 0, text: 1, date: 3 });
    expect(m.problems).toEqual([{ col: 3, severity: 'warning', message: 'column "Remissinstansens   namn" is ignored: the respondent column is "Remissinstans *"' }]);
  });

  it('keeps the plain name where a sheet has both, and says which other column it ignores', () => {
    const m = mapHeader(['Organisation', 'Remissinstans', 'Svar', 'Kommentar']);
    expect(m.index).toEqual({ respondent: 1, text: 2 });
    expect(m.problems.map((p) => [p.col, p.severity, p.message])).toEqual([
      [1, 'warning', 'column "Organisation" is ignored: the respondent column is "Remissinstans"'],
      [4, 'warning', 'column "Kommentar" is ignored: the text column is "Svar"'],
    ]);
  });

  it('stops on two other names for one role, naming both, instead of guessing', () => {
    const m = mapHeader(['Remissinstans', 'Synpunkter', 'Kommentar']);
    expect(m.index.text).toBeUndefined();
    expect(m.problems).toEqual([
      { col: 3, severity: 'error', message: 'columns "Synpunkter" and "Kommentar" could each be the text column; rename the one that is to "text"' },
    ]);
  });

  it('still names every accepted name when a required column is missing', () => {
    const m = mapHeader(['Remissinstans', 'Datum']);
    expect(m.problems).toHaveLength(1);
    expect(m.problems[0].message).toMatch(/^missing required column "text" \(accepted names: text, svar, answer, yttrande, remissvar, synpunkter/u);
  });
});

describe('question columns beside a column of another name for the text', () => {
  it('reads the questions: a free "Kommentar" column does not turn a form\'s export into one answer per row', () => {
    const m = mapSheetHeader(['Organisation', 'Fråga 1', 'Fråga 2', 'Kommentar']);
    expect(m.index).toEqual({ respondent: 0 });
    expect(m.questions).toEqual([
      { column: 1, id: 'q1' },
      { column: 2, id: 'q2' },
    ]);
    expect(m.problems.map((p) => [p.col, p.severity, p.message])).toEqual([
      [4, 'warning', 'column "Kommentar" is ignored: this sheet has one column per question (see the notice); name the column by a question\'s id to read it as answers'],
      [1, 'notice', 'read as one column per question: "Fråga 1" → q1, "Fråga 2" → q2'],
    ]);
  });

  it('keeps a plain text column, and another name\'s where no column names a question', () => {
    const plain = mapSheetHeader(['Remissinstans', 'Svar', 'Fråga 1']);
    expect(plain.index).toEqual({ respondent: 0, text: 1 });
    expect(plain.questions).toBeUndefined();
    expect(plain.problems.map((p) => p.message)).toEqual(['unknown column "Fråga 1" (did you mean "fråga"?) is ignored']);
    const other = mapSheetHeader(['Organisation', 'Synpunkter', 'Tidstämpel']);
    expect(other.index).toEqual({ respondent: 0, text: 1 });
    expect(other.questions).toBeUndefined();
  });
});

describe('a web form\'s export through dialog ingest', () => {
  it('ingests the answers with their respondents and dates, and warns only of the columns it leaves', async () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'formular.csv'),
      'Tidstämpel,Organisation *,Synpunkter:,Inkom\n' +
        '2026-03-01 10:12,Umeå kommun,"Kommunen tillstyrker förslaget, men tidplanen är kort.",2026-03-01\n' +
        '2026-03-02 08:40,Region Västerbotten,Regionen avstår från att yttra sig.,2026-03-02\n',
    );
    const r = await dialog(['ingest', 'formular.csv', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('formular.csv:1:1: warning: unknown column "Tidstämpel" is ignored');
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8'));
    expect(corpus.responses.map((x: { respondent: string; date: string; answers: { text: string }[] }) => [x.respondent, x.date, x.answers[0].text])).toEqual([
      ['2480', '2026-03-01', 'Kommunen tillstyrker förslaget, men tidplanen är kort.'],
      ['24', '2026-03-02', 'Regionen avstår från att yttra sig.'],
    ]);
  });

  it('is read as CSV from standard input too, whatever name its respondent column has', async () => {
    const dir = tmp();
    for (const header of ['Organisation *;Synpunkter', 'Avsändare;Svar', '"Instans";"Svar"', 'Svarande\tKommentar']) {
      const sep = header.includes('\t') ? '\t' : ';';
      const r = await dialog(['ingest', '-', '--dry-run', '--format', 'json'], { cwd: dir, stdin: `${header}\nNacka kommun${sep}Kommunen tillstyrker.\n` });
      expect(r.code, `${header}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ responses: 1, answers: 1 });
    }
  });

  it('stops with exit 1 and writes nothing when two columns could hold the answers', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'svar.csv'), 'Remissinstans;Synpunkter;Kommentar\nUmeå kommun;Bra.;Inget mer.\n');
    const r = await dialog(['ingest', 'svar.csv', '-o', 'corpus.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('svar.csv:1:');
    expect(r.stderr).toContain('columns "Synpunkter" and "Kommentar" could each be the text column; rename the one that is to "text"');
    expect(() => readFileSync(join(dir, 'corpus.json'))).toThrow();
  });
});
