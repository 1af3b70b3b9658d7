import { describe, expect, it } from 'vitest';
import { CompiledCodebook } from '../dist/core/classify/codebook.js';
import { outcomeOf } from '../dist/core/classify/outcome.js';
import { classify } from '../dist/core/classify/classify.js';
import { assignIds } from '../dist/core/ingest/ids.js';
import type { Corpus, Response } from '../dist/core/model.js';
import { reviewOutcome } from '../dist/core/review/apply.js';
import { ReviewAnchors } from '../dist/core/review/anchors.js';
import { parseReview } from '../dist/core/review/decisions.js';
import { reviewRows, uncertaintyOf } from '../dist/core/review/export.js';
import { mergeDecisions } from '../dist/core/review/merge.js';
import { importSheet } from '../dist/core/review/sheet.js';
import type { Sheet } from '../dist/core/sheet.js';
import { Aggregator } from '../dist/core/report/aggregate.js';

/** A codebook of the tests' own: traffic, money and the countryside. */
const book = new CompiledCodebook({
  version: 1,
  themes: [
    { id: 'kollektivtrafik', label: { sv: 'Kollektivtrafik' }, threshold: 2, patterns: [{ glob: 'busstrafik*', weight: 2 }, { glob: 'turtäthet*', weight: 2 }, { glob: '*linje*', weight: 1 }] },
    { id: 'finansiering', label: { sv: 'Finansiering' }, threshold: 2, patterns: [{ glob: 'finansier*', weight: 2 }, { glob: 'kostnad*', weight: 1 }] },
    { id: 'landsbygd', label: { sv: 'Landsbygd' }, threshold: 2, patterns: [{ glob: 'landsbygd*', weight: 2 }, { glob: 'glesbygd*', weight: 2 }] },
  ],
} as never);
const THEMES = ['kollektivtrafik', 'finansiering', 'landsbygd'];

function corpus(): Corpus {
  const responses: Response[] = [
    { id: '', source: 's.yaml', line: 1, respondent: '2281', respondentAsWritten: 'Sundsvalls kommun', stance: 'support', reservations: [], answers: [{ id: '', text: 'Busstrafiken behöver fler turer. Finansieringen av nya linjer är oklar.' }, { id: '', text: 'Kommunen har läst förslaget. Kostnaderna för skolskjuts bör redovisas.' }] },
    { id: '', source: 's.yaml', line: 9, respondent: '2282', respondentAsWritten: 'Kramfors kommun', reservations: [], answers: [{ id: '', text: 'Kommunen avstyrker. Turtätheten på landsbygden sänks.' }] },
  ];
  assignIds(responses);
  return {
    format: 'dialog-corpus',
    version: 1,
    sources: [],
    respondents: [
      { id: '2281', name: 'Sundsvalls kommun', type: 'kommun', known: true },
      { id: '2282', name: 'Kramfors kommun', type: 'kommun', known: true },
    ],
    responses,
  };
}

describe('the review file', () => {
  it('reads decisions per answer and per response', () => {
    const { review, diagnostics } = parseReview('review.yaml', 'decisions:\n  - answer: a-0123456789ab\n    confirm: [kollektivtrafik]\n    remove: [landsbygd]\n    reviewer: Anna\n    date: 2027-03-02\n  - response: r-0123456789\n    stance: oppose\n    reviewer: Anna\n    date: 2027-03-02\n    note: läs hela brevet\n', THEMES);
    expect(diagnostics).toEqual([]);
    expect(review.answers.get('a-0123456789ab')).toMatchObject({ confirm: ['kollektivtrafik'], add: [], remove: ['landsbygd'], reviewer: 'Anna', at: { line: 2, col: 5 } });
    expect(review.responses.get('r-0123456789')).toMatchObject({ stance: 'oppose', note: 'läs hela brevet' });
  });

  it('reports every problem at its line, all at once', () => {
    const text = [
      'decisions:',
      '  - answer: a-0123456789ab', // 2
      '    add: [kolektivtrafik]',
      '    reviewer: Anna',
      '    date: 2027-03-02',
      '  - answer: a-0123456789ab', // 6: twice
      '    confirm: [landsbygd]',
      '    remove: [landsbygd]',
      '    reviewer: Anna',
      '    date: 2027-03-02',
      '  - answer: a-00000000000a', // 11: both kinds
      '    response: r-0000000000',
      '    reviewer: Anna',
      '    date: 2027-03-02',
      '  - answer: a-00000000000b', // 15: a stance on an answer
      '    stance: oppose',
      '    reviewer: Anna',
      '    date: 2027-03-02',
      '  - answer: a-00000000000c', // 19: bad date
      '    confirm: []',
      '    reviewer: Anna',
      '    date: 2027-02-30',
    ].join('\n');
    const { diagnostics } = parseReview('review.yaml', text, THEMES);
    const shown = diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`);
    expect(shown).toContainEqual(expect.stringMatching(/^22:11 "date" is the text "2027-02-30", which is not a real date/u));
    // Schema problems stop the file's reading: the other checks follow once it is well formed.
    expect(shown).toHaveLength(1);
    const { diagnostics: more } = parseReview('review.yaml', text.replace('2027-02-30', '2027-02-28'), THEMES);
    const all = more.map((d) => `${d.line}:${d.col} ${d.message}`);
    expect(all).toContainEqual('3:11 no theme "kolektivtrafik" in the codebook (did you mean "kollektivtrafik"?) (themes: kollektivtrafik, finansiering, landsbygd)');
    expect(all).toContainEqual('8:14 "landsbygd" is both under confirm and under remove; keep it in one');
    expect(all).toContainEqual('6:5 answer a-0123456789ab is decided twice (first on line 2); keep one decision per answer');
    expect(all).toContainEqual(expect.stringMatching(/^11:5 a decision is about an answer .* not both/u));
    expect(all).toContainEqual(expect.stringMatching(/^16:13 a position is decided per response/u));
  });

  it('an empty file is a review without decisions', () => {
    expect(parseReview('review.yaml', '# nothing yet\n', THEMES)).toMatchObject({ diagnostics: [] });
  });
});

describe('the review stage', () => {
  it('a decision wins over the codebook: confirmed, added, removed, and the position set', () => {
    const c = corpus();
    const sundsvall = c.responses[0];
    const [first, second] = sundsvall.answers;
    const { review } = parseReview(
      'review.yaml',
      `decisions:\n  - answer: ${first.id}\n    confirm: [kollektivtrafik]\n    remove: [finansiering]\n    reviewer: Anna\n    date: 2027-03-02\n  - answer: ${second.id}\n    add: [finansiering]\n    reviewer: Anna\n    date: 2027-03-02\n    note: skolskjuts är en kostnadsfråga\n  - response: ${sundsvall.id}\n    stance: conditional\n    reviewer: Anna\n    date: 2027-03-02\n`,
      THEMES,
    );
    const machine = outcomeOf(book, sundsvall);
    expect(machine.answers[0].themes.map((t) => t.id)).toEqual(['kollektivtrafik', 'finansiering']);
    expect(machine.answers[1].themes).toEqual([]);
    const o = reviewOutcome(outcomeOf(book, sundsvall), sundsvall, review, book, new Set());
    expect(o.answers[0].themes.map((t) => [t.id, t.review?.change])).toEqual([['kollektivtrafik', 'confirmed']]);
    expect(o.answers[0].removed).toEqual([{ id: 'finansiering', review: { change: 'removed', reviewer: 'Anna', date: '2027-03-02' } }]);
    const added = o.answers[1].themes[0];
    expect(added).toMatchObject({ id: 'finansiering', review: { change: 'added', note: 'skolskjuts är en kostnadsfråga' } });
    // The respondent's quote under a theme a person added is the answer's sentence where the codebook found most for it.
    expect(added.evidence[0].sentence).toBe('Kostnaderna för skolskjuts bör redovisas.');
    expect(o.stance).toMatchObject({ stance: 'conditional', origin: 'review', review: { was: 'support' } });

    const agg = new Aggregator(book, new Map(c.respondents.map((p) => [p.id, p])));
    agg.add(o);
    expect(agg.tagging).toEqual({ tags: 2, reviewed: 2, added: 1, removed: 1, answersReviewed: 2, stancesReviewed: 1, stancesChanged: 1 });
    expect(agg.respondents.get('2281')!.quotes!.finansiering.text).toBe('Kostnaderna för skolskjuts bör redovisas.');
  });

  it('answers without a decision are the machine’s, untouched', () => {
    const c = corpus();
    const kramfors = c.responses[1];
    const o = reviewOutcome(outcomeOf(book, kramfors), kramfors, parseReview('r.yaml', 'decisions: []\n', THEMES).review, book, new Set());
    expect(o).toEqual(outcomeOf(book, kramfors));
  });

  it('a decision whose answer changed is an orphan at its line, with the nearest answer named', () => {
    const c = corpus();
    const before = { ...c.responses[0].answers[0] };
    const { review } = parseReview('review.yaml', `decisions:\n  - answer: ${before.id}\n    respondent: "2281"\n    name: Sundsvalls kommun\n    text: "${before.text}"\n    confirm: [kollektivtrafik]\n    reviewer: Anna\n    date: 2027-03-02\n  - answer: a-00000000000f\n    confirm: []\n    reviewer: Anna\n    date: 2027-03-02\n`, THEMES);
    c.responses[0].answers[0].text = 'Busstrafiken behöver betydligt fler turer. Finansieringen av nya linjer är oklar.';
    assignIds(c.responses);
    const anchors = new ReviewAnchors(review);
    for (const r of c.responses) anchors.see(reviewOutcome(outcomeOf(book, r), r, review, book, anchors.respondents));
    const orphans = anchors.orphans(new Map([['2281', 'Sundsvalls kommun']]));
    expect(orphans.map((d) => [d.line, d.col, d.severity])).toEqual([[2, 5, 'warning'], [9, 5, 'warning']]);
    expect(orphans[0].message).toContain(`answer ${before.id} (Sundsvalls kommun: «Busstrafiken`);
    expect(orphans[0].message).toContain(`its text changed; Sundsvalls kommun's nearest answer now is ${c.responses[0].answers[0].id}`);
    expect(orphans[1].message).toContain('the decision names no respondent to look under');
  });
});

describe('the review sheet', () => {
  it('puts the machine’s least certain answers first, with the reasons', () => {
    const scores = classify(book, 'Nya linjer behövs.').themes;
    expect(uncertaintyOf(scores)).toEqual({ margin: 0.5, reasons: ['kollektivtrafik: score 1 just misses the threshold 2'] });
    const rows = reviewRows(corpus(), book, undefined, { order: 'uncertain', includeReviewed: false });
    // Tags that only just reach their threshold (margin 0) before a score half its threshold away; ties in corpus order.
    expect(rows.map((r) => [r.text.slice(0, 20), r.margin])).toEqual([['Busstrafiken behöver', 0], ['Kommunen avstyrker. ', 0], ['Kommunen har läst fö', 0.5]]);
    expect(rows[0]).toMatchObject({ machineThemes: ['kollektivtrafik', 'finansiering'], respondentName: 'Sundsvalls kommun', machineStance: 'support' });
    expect(rows[0].evidence).toBe('kollektivtrafik: "Busstrafiken", "linjer" (3/2); finansiering: "Finansieringen" (2/2)');
  });

  const sheetOf = (rows: string[][]): Sheet => ({
    header: rows[0],
    headerPlace: { file: 'g.csv', line: 1, col: 1 },
    rows: rows.slice(1).map((cells, i) => ({ row: i + 2, cells, place: (column: number) => ({ file: 'g.csv', line: i + 2, col: column + 1 }) })),
  });

  it('turns filled rows into decisions against what the codebook gives now', () => {
    const c = corpus();
    const [a1, a2] = c.responses[0].answers;
    const [k1] = c.responses[1].answers;
    const sheet = sheetOf([
      ['answer', 'themes', 'stance', 'note', 'reviewer'],
      [a1.id, 'kollektivtrafik', '', '', 'Anna'],
      [a2.id, 'finansiering', 'tillstyrker med förbehåll', 'se villkoren', ''],
      [k1.id, 'ok', '', '', ''],
      ['', '', '', '', ''],
    ]);
    const got = importSheet(sheet, c, book, { date: '2027-03-02', reviewer: 'Bo' });
    expect(got.diagnostics).toEqual([]);
    expect(got.answers.map((d) => [d.answer, d.confirm, d.add, d.remove, d.reviewer])).toEqual([
      [a1.id, ['kollektivtrafik'], [], ['finansiering'], 'Anna'],
      [a2.id, [], ['finansiering'], [], 'Bo'],
      [k1.id, ['kollektivtrafik', 'landsbygd'], [], [], 'Bo'],
    ]);
    expect(got.responses).toMatchObject([{ response: c.responses[0].id, stance: 'conditional', note: 'se villkoren', respondent: '2281', name: 'Sundsvalls kommun' }]);
    expect(got.answers[0].text).toBe(a1.text);
  });

  it('reports unknown ids and themes, conflicting rows and a missing reviewer at row and column, all at once', () => {
    const c = corpus();
    const [a1, a2] = c.responses[0].answers;
    const typo = a1.id.slice(0, -1) + (a1.id.endsWith('0') ? '1' : '0');
    const sheet = sheetOf([
      ['answer', 'themes', 'stance', 'reviewer'],
      [typo, 'ok', '', 'Anna'],
      [a1.id, 'kolektivtrafik', '', 'Anna'],
      [a2.id, 'finansiering', 'support', 'Anna'],
      [a2.id, 'landsbygd', 'oppose', 'Anna'],
      [c.responses[1].answers[0].id, 'ok', 'kanske', 'Anna'],
      [c.responses[1].answers[0].id, '-', '', ''],
    ]);
    const got = importSheet(sheet, c, book, { date: '2027-03-02' });
    const shown = got.diagnostics.map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`);
    expect(shown).toEqual([
      `g.csv:2:1: no answer ${typo} in the corpus (did you mean "${a1.id}"?); its text may have changed since the sheet was exported: export again (\`dialog review export\`) and copy the decision over`,
      'g.csv:3:2: no theme "kolektivtrafik" in the codebook (did you mean "kollektivtrafik"?) (themes: kollektivtrafik, finansiering, landsbygd; ok for the machine\'s themes, - for none)',
      `g.csv:5:2: answer ${a2.id} is decided differently on row 4 ("finansiering"); keep one row per answer, or make them agree`,
      `g.csv:5:3: response ${c.responses[0].id} (Sundsvalls kommun) is given the position oppose here and support on row 4; a response has one position: make the rows agree`,
      'g.csv:6:3: "kanske" is not a position: write support, conditional, oppose or no-opinion (or tillstyrker, tillstyrker med förbehåll, avstyrker, avstår)',
      'g.csv:7:4: who made this decision? fill in the reviewer column, or give --reviewer "Name" for the whole sheet',
    ]);
  });

  it('a sheet without the columns says which it needs', () => {
    const got = importSheet(sheetOf([['id', 'tema'], ['x', 'y']]), corpus(), book, { date: '2027-03-02' });
    expect(got.diagnostics[0].message).toContain('the first row must name the columns, among them "answer" and "themes" or "stance"');
  });
});

describe('merging decisions into the file', () => {
  it('replaces an answer’s entry in place, appends new ones, and keeps the comments', () => {
    const before = '# Granskning av trafikplanen\ndecisions:\n  # första omgången\n  - answer: a-0123456789ab\n    confirm: [kollektivtrafik]\n    reviewer: Anna\n    date: 2027-03-01\n';
    const merged = mergeDecisions(before, [
      { answer: 'a-0123456789ab', confirm: [], add: ['landsbygd'], remove: ['kollektivtrafik'], reviewer: 'Bo', date: '2027-03-02', at: { line: 0, col: 0 } },
      { response: 'r-0123456789', stance: 'oppose', reviewer: 'Bo', date: '2027-03-02', respondent: '2281', name: 'Sundsvalls kommun', at: { line: 0, col: 0 } },
    ]);
    expect(merged).toMatchObject({ added: 1, replaced: 1 });
    expect(merged.text).toBe(
      '# Granskning av trafikplanen\ndecisions:\n  # första omgången\n  - answer: a-0123456789ab\n    add: [landsbygd]\n    remove: [kollektivtrafik]\n    reviewer: Bo\n    date: 2027-03-02\n  - response: r-0123456789\n    respondent: "2281"\n    name: Sundsvalls kommun\n    stance: oppose\n    reviewer: Bo\n    date: 2027-03-02\n',
    );
    expect(parseReview('review.yaml', merged.text, THEMES).diagnostics).toEqual([]);
  });

  it('writes any text a person types so that it reads back the same (property)', async () => {
    const fc = (await import('fast-check')).default;
    const text = fc.string({ unit: fc.constantFrom('a', 'ö', ' ', ':', '#', '-', '"', "'", '\n', '\t', '[', '{', '&', '*', '!', '%', '@', '`', '|', '>', '\\', '1', '\u00e9', '\u2028') , maxLength: 30 });
    fc.assert(
      fc.property(fc.array(fc.record({ reviewer: text.filter((t) => t.length > 0), note: text, name: text, excerpt: text }), { minLength: 1, maxLength: 4 }), (entries) => {
        const decisions = entries.map((e, i) => ({ answer: `a-${String(i).padStart(12, '0')}`, confirm: ['landsbygd'], add: [], remove: [], reviewer: e.reviewer, date: '2027-03-02', note: e.note, name: e.name, text: e.excerpt, at: { line: 0, col: 0 } }));
        const { review, diagnostics } = parseReview('review.yaml', mergeDecisions(undefined, decisions).text, THEMES);
        expect(diagnostics).toEqual([]);
        for (const d of decisions) {
          const back = review.answers.get(d.answer)!;
          expect([back.reviewer, back.note ?? '', back.name ?? '', back.text ?? '']).toEqual([d.reviewer, d.note, d.name, d.text]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('starts a new file with a header that says what it is', () => {
    const merged = mergeDecisions(undefined, [{ answer: 'a-0123456789ab', confirm: [], add: [], remove: [], reviewer: 'Bo', date: '2027-03-02', at: { line: 0, col: 0 } }]);
    expect(merged.text).toMatch(/^# A person's decisions on dialog's tags \(schemas\/review\.schema\.json\)/u);
    expect(merged.text).toContain('  - answer: a-0123456789ab\n    confirm: []\n');
    expect(parseReview('review.yaml', merged.text, THEMES).diagnostics).toEqual([]);
  });
});
