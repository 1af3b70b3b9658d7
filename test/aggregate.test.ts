import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { BottomK, Aggregator } from '../src/core/report/aggregate.js';
import { outcomeOf, type ResponseOutcome } from '../src/core/classify/outcome.js';
import { loadCodebook } from '../src/cli/workspace/codebook-file.js';
import type { Response } from '../src/core/model.js';
import { ROOT } from './helpers.js';

/** Sentences of our own with and without the default codebook's cues, combined by a seeded generator. */
const SENTENCES = [
  'Det kommunala självstyret får inte urholkas av en ny regional nivå.',
  'Medborgarna måste kunna utkräva ansvar av de folkvalda.',
  'En sammanslagning med Gotland är inte lämplig enligt kommunen.',
  'KSL bör få en tydligare roll i samverkan mellan kommunerna.',
  'Kommunen har inga synpunkter på tidplanen.',
  'Vi ser positivt på att demokratin stärks i regionen.',
  'Frågan om regionindelning behöver utredas vidare.',
  'Kollektivtrafiken fungerar väl i dag.',
  'Invånarnas inflytande över vården ska öka.',
  'Kommunförbundet har ett viktigt uppdrag framöver.',
];

function corpus(seed: number, responses: number): Response[] {
  let x = seed;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: responses }, (_, r) => ({
    id: `svar-${r}`,
    source: 'svar.csv',
    line: r + 2,
    respondent: `instans-${r % 97}`,
    respondentAsWritten: `Instans ${r % 97}`,
    reservations: [],
    answers: Array.from({ length: 1 + (r % 3) }, (_, a) => ({
      id: `svar-${r}.${a + 1}`,
      text: Array.from({ length: 1 + Math.floor(next() * 4) }, () => SENTENCES[Math.floor(next() * SENTENCES.length)]).join(' '),
    })),
  }));
}

describe('BottomK', () => {
  it('keeps the k smallest ranks, ties to the first that came, whatever it turns away early', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 300 }), fc.integer({ min: 1, max: 20 }), (ranks, k) => {
        const sample = new BottomK<number>(k);
        ranks.forEach((rank, i) => sample.add(rank, i));
        const expected = ranks
          .map((rank, i) => ({ rank, i }))
          .sort((a, b) => a.rank - b.rank || a.i - b.i)
          .slice(0, k)
          .map((x) => x.i);
        expect(sample.values()).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives no limit until k items came, then the k-th smallest rank', () => {
    const sample = new BottomK<string>(2);
    expect(sample.limit).toBe(Infinity);
    for (const [rank, item] of [[0.5, 'a'], [0.9, 'b'], [0.1, 'c'], [0.7, 'd']] as const) sample.add(rank, item);
    expect(sample.values()).toEqual(['c', 'a']);
    expect(sample.limit).toBe(0.5);
  });
});

describe('evidence left out where the summary cannot use it', () => {
  const book = loadCodebook(join(ROOT, 'data', 'codebook.yaml'));
  /** With limits, each outcome is classified as the summary goes; without, `everything` (every piece of evidence) is given. */
  const summarise = (responses: Response[], withLimits: boolean, options: { quotes: boolean; statements?: boolean }, everything?: ResponseOutcome[]) => {
    const agg = new Aggregator(book, new Map(), undefined, { ...options, sampleSize: 25 });
    responses.forEach((r, i) => agg.add(withLimits ? outcomeOf(book, r, 1, agg.sentenceLimits()) : everything![i]));
    return { overview: agg.overview(), candidates: agg.candidates.map((c) => c.values()), quotes: [...agg.respondents.values()].map((p) => p.quotes) };
  };

  it('gives the same counts, statement samples and quotes as with every piece of evidence', () => {
    for (const seed of [1, 2, 3]) {
      const responses = corpus(seed, 1500);
      // Without limits the outcomes do not depend on the summary's options: classified once (the aggregator only reads them).
      const everything = responses.map((r) => outcomeOf(book, r, 1, undefined));
      for (const options of [{ quotes: false }, { quotes: true }, { quotes: false, statements: false }]) {
        const all = summarise(responses, false, options, everything);
        expect(summarise(responses, true, options)).toEqual(all);
        if (options.statements !== false) expect(all.candidates.every((c) => c.length === 25)).toBe(true);
      }
    }
  });

  it('sends only the evidence below each theme limit, and none with counts only', () => {
    const [response] = corpus(7, 1).map((r) => ({ ...r, answers: [{ id: 'a', text: SENTENCES.join(' ') }] }));
    const full = outcomeOf(book, response);
    const evidence = full.answers[0].themes.flatMap((t) => t.evidence);
    expect(evidence.length).toBeGreaterThan(3);
    const limit = [...evidence.map((e) => e.rank)].sort((a, b) => a - b)[Math.floor(evidence.length / 2)];
    const some = outcomeOf(book, response, 1, book.themes.map(() => limit));
    expect(some.answers[0].themes.flatMap((t) => t.evidence)).toEqual(evidence.filter((e) => e.rank < limit));
    const none = outcomeOf(book, response, 1, book.themes.map(() => -Infinity));
    expect(none.answers[0].themes.map((t) => [t.id, t.score, t.evidence.length])).toEqual(full.answers[0].themes.map((t) => [t.id, t.score, 0]));
  });
});
