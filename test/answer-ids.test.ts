import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assignIds, textForId } from '../dist/core/ingest/ids.js';
import type { Response } from '../dist/core/model.js';
import { dialog, tmp } from './helpers.js';
import { letterPdf, type Letter } from './letters.js';

const response = (respondent: string, texts: string[], question?: string): Response => ({
  id: '',
  source: 'x.yaml',
  line: 1,
  respondent,
  respondentAsWritten: respondent,
  answers: texts.map((text) => ({ id: '', text, ...(question ? { question } : {}) })),
  reservations: [],
});

describe('answer and response ids follow content', () => {
  it('do not change with line breaks, soft hyphens or compatibility forms', () => {
    expect(textForId('Regionen  ska\nha an\u00ADsvar ')).toBe('Regionen ska ha ansvar');
    const a = [response('k-0180', ['Regionen ska ha ansvar.'])];
    const b = [response('k-0180', ['Regionen  ska\nha\u00A0ansvar.'])];
    assignIds(a);
    assignIds(b);
    expect(a[0].answers[0].id).toBe(b[0].answers[0].id);
    expect(a[0].id).toBe(b[0].id);
    expect(a[0].answers[0].id).toMatch(/^a-[0-9a-f]{12}$/u);
    expect(a[0].id).toMatch(/^r-[0-9a-f]{10}$/u);
  });

  it('tell apart respondents, questions and texts, and number the same text twice', () => {
    const rs = [response('k-0180', ['Ja.', 'Ja.', 'Nej.']), response('k-0181', ['Ja.']), response('k-0180', ['Ja.'], 'q1')];
    assignIds(rs);
    const [x, y, z] = rs[0].answers.map((a) => a.id);
    expect(y).toBe(`${x}-2`);
    expect(new Set([x, z, rs[1].answers[0].id, rs[2].answers[0].id]).size).toBe(4);
  });
});

describe('ids survive re-ingest (through ingest)', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const letter: Letter = {
    letterhead: 'Örnsköldsviks kommun',
    date: '2027-02-01',
    reference: 'KS 2027/14',
    title: 'Yttrande över förslaget om regional indelning',
    sections: [
      { heading: 'Sammanfattning', paragraphs: ['Kommunen anser att den kommunala självstyrelsen måste värnas i den nya indelningen.'] },
      { heading: 'Synpunkter', paragraphs: ['Medborgarnas möjlighet att utkräva ansvar försvagas när regionerna blir större.'] },
    ],
  };
  const idsOf = (ws: string) => {
    const corpus = JSON.parse(readFileSync(join(ws, '.dialog', 'corpus.json'), 'utf8')) as { responses: Response[] };
    return new Map(corpus.responses.flatMap((r) => r.answers.map((a) => [a.text, a.id] as const)));
  };

  it('an answer keeps its id when its document is exported again and when other inputs change', async () => {
    dir = tmp();
    mkdirSync(join(dir, 'svar'));
    writeFileSync(join(dir, 'dialog.config.yaml'), 'inputs: [svar]\n');
    const pdf = await letterPdf(letter);
    writeFileSync(join(dir, 'svar', 'ornskoldsvik.pdf'), pdf);
    writeFileSync(join(dir, 'svar', 'svar.csv'), 'respondent;text\nKramfors kommun;Vi vill behålla landstinget som det är.\n');
    expect((await dialog(['ingest', '-q'], { cwd: dir })).code).toBe(0);
    const before = idsOf(dir);

    // The same letter saved again (other bytes: another producer), a row added to the sheet, a new letter.
    const { PDFDocument } = await import('pdf-lib');
    const again = await PDFDocument.load(pdf);
    again.setProducer('LibreOffice 24.2');
    const bytes = await again.save();
    expect(Buffer.from(bytes).equals(Buffer.from(pdf))).toBe(false);
    writeFileSync(join(dir, 'svar', 'ornskoldsvik.pdf'), bytes);
    writeFileSync(join(dir, 'svar', 'svar.csv'), 'respondent;text\nSollefteå kommun;Inga synpunkter.\nKramfors kommun;Vi vill behålla landstinget som det är.\n');
    writeFileSync(join(dir, 'svar', 'harnosand.pdf'), await letterPdf({ ...letter, letterhead: 'Härnösands kommun', reference: 'KS 2027/3' }));
    const r = await dialog(['ingest', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const after = idsOf(dir);
    expect(before.size).toBeGreaterThanOrEqual(3);
    for (const [text, id] of before) expect(after.get(text), text).toBe(id);
    // The same words from another body are another answer.
    const all = JSON.parse(readFileSync(join(dir, '.dialog', 'corpus.json'), 'utf8')) as { responses: Response[] };
    const ids = all.responses.flatMap((x) => x.answers.map((a) => a.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
