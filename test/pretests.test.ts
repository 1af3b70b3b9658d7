import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STANCE_PRETESTS } from '../src/core/classify/stance-infer.js';
import { CONDITION_PRETESTS } from '../src/core/classify/conditions.js';
import { PROCEDURE_PRETEST, wordsAtMost } from '../src/core/text/procedure.js';
import { oneLine } from '../src/core/text/text.js';

// The cheap plain-word tests run first and skip a text when they fail: they must never fail where
// the exact expressions would match, whatever the case, the whitespace or letters that fold onto
// Swedish ones under the same flags (the long s, the Kelvin sign).

const FILLER = ['kommunen', 'att', 'förslaget', 'och', 'region', '2016', 'med', 'till', 'om', 'är'];
const SEPARATORS = [' ', '  ', '\n', ' inte ', ' ej ', ', '];

const cased = (w: string, casing: string) => {
  if (casing === 'upper') return w.toUpperCase();
  if (casing === 'title') return w[0].toUpperCase() + w.slice(1);
  if (casing === 'odd') return w.replace(/s/gu, 'ſ').replace(/k/gu, '\u212a');
  return w;
};

/** Texts of filler words and whole phrases (a star word gets an ending), each in some case. */
function texts(phrases: string[][]) {
  const phrase = fc.tuple(fc.constantFrom(...phrases), fc.constantFrom('lower', 'lower', 'upper', 'title', 'odd'), fc.constantFrom(...SEPARATORS)).map(([words, casing, sep]) =>
    words.map((w) => cased(w.endsWith('*') ? `${w.slice(0, -1)}er` : w, casing)).join(sep),
  );
  const filler = fc.constantFrom(...FILLER);
  return fc.array(fc.oneof(phrase, filler, filler), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' '));
}

function expectCheapNeverMisses(pretests: { cheap: RegExp; exact: RegExp }, phrases: string[][]) {
  let matched = 0;
  fc.assert(
    fc.property(texts(phrases), (t) => {
      if (!pretests.exact.test(t)) return;
      matched++;
      expect(pretests.cheap.test(t), t).toBe(true);
    }),
    { numRuns: 2000 },
  );
  expect(matched).toBeGreaterThan(500);
}

describe('plain-word pre-tests', () => {
  it('the stance pre-test passes every text in which a stance phrase stands', () => {
    expectCheapNeverMisses(STANCE_PRETESTS, STANCE_PRETESTS.words);
  });

  it('the condition pre-test passes every text in which a condition phrase stands', () => {
    expectCheapNeverMisses(CONDITION_PRETESTS, CONDITION_PRETESTS.phrases.filter((p) => p.trim().length > 2).map((p) => p.trim().split(' ')));
  });
});

describe('the procedure pre-test', () => {
  // The words as one flat alternation, as the pre-test was first written.
  const WORDS = ['föreslå', 'förslag', 'beslut', 'överlämna', 'översända', 'besvara', 'juster', 'ärendet', 'yttrandet', 'remissen', 'remissvaret', 'tjänsteutlåtande', 'tjänsteskrivelse', 'protokoll', 'expedier', 'bilag', 'hälsning', 'uppdrag', 'för\\s', 'handlägg', 'föredrag', '@', 'www\\.', 'https?:', 'tel', 'tfn', 'mobil', 'växel', 'kontakt', 'upplysning', 'adress', 'org', 'ordförande', 'direktör', 'chef', 'sekreterare', 'utredare', 'råd'];
  const flat = new RegExp(WORDS.join('|'), 'iu');
  const plain = WORDS.map((w) => w.replace('\\s', ' ').replace('\\.', '.').replace('s?', ''));

  it('passes exactly the texts the flat list of its words passes, in any case', () => {
    // Words cut short or run together as well as whole: "försla", "remissva", "förändring".
    const piece = fc.tuple(fc.constantFrom(...plain, 'för', 'försla', 'remissva', 'förändring', 'te', 'https', 'www', 'över'), fc.integer({ min: 0, max: 3 })).map(([w, cut]) => (cut === 3 && w.length > 1 ? w.slice(0, -1) : w));
    const text = fc.array(fc.tuple(piece, fc.constantFrom('lower', 'upper', 'title', 'odd'), fc.constantFrom('', ' ', '\n', '-')), { minLength: 1, maxLength: 5 }).map((parts) => parts.map(([w, casing, sep]) => cased(w, casing) + sep).join(''));
    let held = 0;
    fc.assert(
      fc.property(text, (t) => {
        const expected = flat.test(t);
        if (expected) held++;
        expect(PROCEDURE_PRETEST.test(t), t).toBe(expected);
      }),
      { numRuns: 3000 },
    );
    expect(held).toBeGreaterThan(1000);
  });

  it('counts the words of a folded sentence as splitting it at white space does', () => {
    const text = fc.array(fc.constantFrom('ord', 'Å', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', '.'), { maxLength: 30 }).map((parts) => oneLine(parts.join('')).trim());
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 14 }), (s, n) => {
        if (!s) return;
        expect(wordsAtMost(s, n), JSON.stringify(s)).toBe(s.split(/\s+/u).length <= n);
      }),
      { numRuns: 3000 },
    );
  });
});
