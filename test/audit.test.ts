import { describe, expect, it } from 'vitest';
import { CompiledCodebook } from '../dist/core/classify/codebook.js';
import { assignIds } from '../dist/core/ingest/ids.js';
import type { Corpus, Response } from '../dist/core/model.js';
import { allocate, drawSample, machineThemes } from '../dist/core/audit/sample.js';
import { scoreAudit, wilsonShare } from '../dist/core/audit/score.js';
import { wilsonInterval } from '../dist/core/audit/wilson.js';
import { respondentShare } from '../dist/core/audit/respondent-share.js';
import { readCoding } from '../dist/core/audit/coded-sheet.js';
import { groupDifference, groupsTestable } from '../dist/core/report/significance.js';
import type { Sheet } from '../dist/core/sheet.js';

const book = new CompiledCodebook({
  version: 1,
  themes: [
    { id: 'trafik', label: { sv: 'Trafik' }, threshold: 2, patterns: [{ glob: 'buss*', weight: 2 }] },
    { id: 'skola', label: { sv: 'Skola' }, threshold: 2, patterns: [{ glob: 'skol*', weight: 2 }] },
  ],
} as never);

/** A corpus of the tests' own: 60 answers on buses, 10 on schools, 30 on neither. */
function corpus(): Corpus {
  const responses: Response[] = [];
  const texts = [...Array.from({ length: 60 }, (_, i) => `Bussen nummer ${i} går för sällan.`), ...Array.from({ length: 10 }, (_, i) => `Skolan i by ${i} behöver renoveras.`), ...Array.from({ length: 30 }, (_, i) => `Inga synpunkter på punkt ${i}.`)];
  texts.forEach((text, i) => responses.push({ id: '', source: 'x.csv', line: i + 2, respondent: `r${i % 25}`, respondentAsWritten: `Förening ${i % 25}`, reservations: [], answers: [{ id: '', text }] }));
  assignIds(responses);
  return { format: 'dialog-corpus', version: 1, sources: [], respondents: Array.from({ length: 25 }, (_, i) => ({ id: `r${i}`, name: `Förening ${i}`, type: 'organisation' as const, known: false })), responses };
}

describe('the audit sample', () => {
  it('shares the sample equally over the strata, a small stratum taken whole', () => {
    expect(allocate([60, 10, 30], 30)).toEqual([10, 10, 10]);
    expect(allocate([60, 4, 30], 30)).toEqual([13, 4, 13]);
    expect(allocate([3, 2], 30)).toEqual([3, 2]);
  });

  it('is seeded, stratified and blind: the same seed gives the same rows whatever the input order', () => {
    const c = corpus();
    const { rows, design } = drawSample(c, book, 30, 7);
    expect(design.strata).toEqual([
      { id: 'trafik', population: 60, sample: 10 },
      { id: 'skola', population: 10, sample: 10 },
      { id: '-', population: 30, sample: 10 },
    ]);
    expect(rows).toHaveLength(30);
    expect(Object.keys(rows[0]).sort()).toEqual(['answer', 'question', 'respondentName', 'text']);
    const reversed = { ...c, responses: [...c.responses].reverse() };
    expect(drawSample(reversed, book, 30, 7).rows.map((r) => r.answer)).toEqual(rows.map((r) => r.answer));
    expect(drawSample(c, book, 30, 8).rows.map((r) => r.answer)).not.toEqual(rows.map((r) => r.answer));
    // The rows do not come stratum by stratum.
    const firstTen = rows.slice(0, 10).map((r) => r.text.slice(0, 5));
    expect(new Set(firstTen).size).toBeGreaterThan(1);
  });
});

describe('the audit score', () => {
  const c = corpus();
  const machine = machineThemes(c, book);
  const { rows } = drawSample(c, book, 30, 7);
  const coded = (say: (text: string) => string[]) => ({ file: 'k.csv', themes: new Map(rows.map((r) => [r.answer, say(r.text)])) });

  it('with equal weights, precision is the plain share and its interval the Wilson interval', () => {
    // The coder agrees everywhere but on three bus answers, which are about the school bus.
    let wrong = 0;
    const coder = coded((t) => (t.startsWith('Bussen') ? (wrong++ < 3 ? ['skola'] : ['trafik']) : t.startsWith('Skolan') ? ['skola'] : []));
    const score = scoreAudit(machine, ['trafik', 'skola'], [coder]);
    const trafik = score.themes[0];
    expect(trafik.checked).toEqual({ tagged: 10, untagged: 20 });
    expect(trafik.precision.estimate).toBeCloseTo(0.7, 10);
    const w = wilsonInterval(7, 10);
    expect(trafik.precision.lower).toBeCloseTo(w.lower, 10);
    expect(trafik.precision.upper).toBeCloseTo(w.upper, 10);
    expect(trafik.missRate.estimate).toBe(0);
    expect(trafik.recall.estimate).toBe(1);
    // Skola: the three school-bus answers are misses among the bus stratum, weighted 60/10 each.
    const skola = score.themes[1];
    expect(skola.precision.estimate).toBe(1);
    const missed = (3 * 6) / (10 * 6 + 10 * 3);
    expect(skola.missRate.estimate).toBeCloseTo(missed, 10);
    const p = 0.1;
    expect(skola.recall.estimate).toBeCloseTo(p / (p + 0.9 * missed), 10);
    expect(skola.recall.lower).toBeLessThan(skola.recall.estimate);
    expect(skola.f1.upper).toBeGreaterThan(skola.f1.estimate);
    expect(score.checked).toBe(30);
  });

  it('with two coders, their agreement: κ per theme, α over all, and where they differ', () => {
    const first = coded((t) => (t.startsWith('Bussen') ? ['trafik'] : t.startsWith('Skolan') ? ['skola'] : []));
    let flips = 0;
    const second = coded((t) => (t.startsWith('Bussen') ? ['trafik'] : t.startsWith('Skolan') ? (flips++ < 2 ? [] : ['skola']) : []));
    const score = scoreAudit(machine, ['trafik', 'skola'], [first, second]);
    expect(score.agreement!.both).toBe(30);
    expect(score.agreement!.kappa[0].result.kappa).toBe(1);
    expect(score.agreement!.kappa[1].result.kappa).toBeLessThan(1);
    expect(score.agreement!.disagreements).toHaveLength(2);
    expect(score.agreement!.disagreements[0]).toMatchObject({ theme: 'skola', first: true, second: false });
    expect(score.agreement!.alpha.alpha).toBeGreaterThan(0.8);
  });

  it('reads a coded sheet: every problem at its row and column, all at once', () => {
    const answers = new Set(machine.keys());
    const id = rows[0].answer;
    const sheet: Sheet = {
      header: ['answer', 'respondent', 'themes'],
      headerPlace: { file: 'k.csv', line: 1, col: 1 },
      rows: [
        [id, 'x', 'trafk'],
        [rows[1].answer, 'x', 'trafik -'],
        ['a-000000000000', 'x', '-'],
        [rows[2].answer, 'x', 'skola'],
        [rows[2].answer, 'x', 'trafik'],
        [rows[3].answer, 'x', ''],
      ].map((cells, i) => ({ row: i + 2, cells, place: (col: number) => ({ file: 'k.csv', line: i + 2, col: col + 1 }) })),
    };
    const { coding, diagnostics } = readCoding(sheet, 'k.csv', answers, ['trafik', 'skola']);
    expect(diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([
      '2:3 no theme "trafk" in the codebook (did you mean "trafik"?) (themes: trafik, skola; - for none)',
      '3:3 "trafik -" both names themes and says - (no theme); keep one',
      expect.stringMatching(/^4:1 no answer a-000000000000 in the corpus/u),
      `6:3 answer ${rows[2].answer} is coded differently on row 5; code each answer once`,
    ]);
    expect([...coding.themes]).toEqual([[rows[2].answer, ['skola']]]);
  });
});

describe('shares with the measured error', () => {
  it('the share of respondents with at least one answer on the theme, given precision and miss rate', () => {
    const respondents = [
      { sure: true, tagged: 0, untagged: 3 },
      { sure: false, tagged: 1, untagged: 1 },
      { sure: false, tagged: 0, untagged: 2 },
      { sure: false, tagged: 2, untagged: 0 },
    ];
    const ppv = { p: 0.8, n: 40 };
    const missed = { p: 0.1, n: 60 };
    const e = respondentShare(respondents, ppv, missed);
    const expected = (1 + (1 - 0.2 * 0.9) + (1 - 0.9 * 0.9) + (1 - 0.2 * 0.2)) / 4;
    expect(e.estimate).toBeCloseTo(expected, 12);
    expect(e.lower).toBeLessThan(e.estimate);
    expect(e.upper).toBeGreaterThan(e.estimate);
    expect(e.upper).toBeLessThanOrEqual(1);
    // Perfect precision and no misses: the machine's own share.
    expect(respondentShare(respondents, { p: 1, n: 1e9 }, { p: 0, n: 1e9 }).estimate).toBeCloseTo(3 / 4, 6);
    expect(respondentShare(respondents, { p: NaN, n: 0 }, missed).reason).toBe('the audit checked no answer with the tag');
  });

  it('the Wilson share on an effective sample size equals the Wilson interval for whole counts', () => {
    const a = wilsonShare({ p: 12 / 40, n: 40 });
    const b = wilsonInterval(12, 40);
    expect([a.lower, a.upper]).toEqual([b.lower, b.upper].map((x) => expect.closeTo(x, 12)));
  });
});

describe('group differences in the report', () => {
  it('a sentence only where the difference is significant; small groups are not tested', () => {
    const differ = groupDifference([{ label: 'Kommuner', raise: 18, size: 20 }, { label: 'Organisationer', raise: 2, size: 20 }], 'sv');
    expect(differ).toMatch(/^Andelen skiljer sig mellan grupperna mer än slumpen förklarar \(Fishers exakta test, p < 0,001\): högst: Kommuner \(90 %\), lägst: Organisationer \(10 %\)\.$/u);
    expect(groupDifference([{ label: 'Kommuner', raise: 10, size: 20 }, { label: 'Organisationer', raise: 9, size: 20 }], 'sv')).toBe('');
    expect(groupDifference([{ label: 'K1', raise: 1, size: 1 }, { label: 'K2', raise: 3, size: 4 }, { label: 'K3', raise: 0, size: 4 }], 'sv')).toBe('');
    expect(groupsTestable([{ size: 1 }, { size: 4 }, { size: 9 }])).toBe(false);
    expect(groupsTestable([{ size: 5 }, { size: 9 }])).toBe(true);
  });
});
