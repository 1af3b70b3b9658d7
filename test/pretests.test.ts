import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STANCE_PRETESTS } from '../src/core/classify/stance-infer.js';
import { CONDITION_PRETESTS } from '../src/core/classify/conditions.js';

// The cheap plain-word tests run first and skip a text when they fail: they must never fail where
// the exact expressions would match, whatever the case, the whitespace or letters that fold onto
// Swedish ones under the same flags (the long s, the Kelvin sign).

const FILLER = ['kommunen', 'att', 'inte', 'ej', 'förslaget', 'och', 'region', '2016', 'med', 'till', 'om', 'är'];

function texts(vocabulary: string[]) {
  const word = fc.tuple(fc.constantFrom(...vocabulary, ...FILLER), fc.constantFrom('lower', 'lower', 'upper', 'title', 'odd')).map(([w, casing]) => {
    const stem = w.replace(/\*$/u, '') + (w.endsWith('*') ? 'er' : '');
    if (casing === 'upper') return stem.toUpperCase();
    if (casing === 'title') return stem[0].toUpperCase() + stem.slice(1);
    if (casing === 'odd') return stem.replace(/s/gu, 'ſ').replace(/k/gu, '\u212a');
    return stem;
  });
  return fc.array(fc.tuple(word, fc.constantFrom(' ', '  ', '\n', ', ', '. ', ' – ')), { minLength: 1, maxLength: 12 }).map((ws) => ws.map(([w, sep]) => w + sep).join(''));
}

describe('plain-word pre-tests', () => {
  it('the stance pre-test passes every text in which a stance phrase stands', () => {
    const words = [...new Set(STANCE_PRETESTS.words.flat())];
    let matched = 0;
    fc.assert(
      fc.property(texts(words), (t) => {
        if (STANCE_PRETESTS.exact.test(t)) {
          matched++;
          expect(STANCE_PRETESTS.cheap.test(t)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(matched).toBeGreaterThan(100);
  });

  it('the condition pre-test passes every text in which a condition phrase stands', () => {
    const words = [...new Set(CONDITION_PRETESTS.phrases.flatMap((p) => p.split(' ')).filter((w) => w.length > 2))];
    let matched = 0;
    fc.assert(
      fc.property(texts(words), (t) => {
        if (CONDITION_PRETESTS.exact.test(t)) {
          matched++;
          expect(CONDITION_PRETESTS.cheap.test(t)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(matched).toBeGreaterThan(100);
  });
});
