import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GlobFilter, wordKind } from '../src/core/classify/glob-filter.js';
import { globRegExp } from '../src/core/classify/codebook.js';

// A glob decided without its expression must be decided exactly as the expression decides it,
// whatever the case and whatever letters fold onto the glob's (ſ, the Kelvin and ångström signs,
// dotted and dotless i), and with digits and other characters in the word.

const LETTERS = ['a', 'k', 's', 'i', 'å', 'ö', 'é', 'ü', 'æ', 'A', 'K', 'S', 'I', 'Å', 'Ö', 'É', 'ſ', '\u212a', '\u212b', 'ı', 'İ', 'ß', '1', '-', ':'];

describe('glob filter', () => {
  it('decides a glob as its regular expression does, or leaves it to the expression', () => {
    const glob = fc.array(fc.constantFrom(...LETTERS.filter((c) => c !== '-' && c !== ':'), '*', '*'), { minLength: 1, maxLength: 6 }).map((cs) => cs.join('').replace(/\*+/gu, '*'));
    const word = fc.array(fc.constantFrom(...LETTERS, 'a', 's', 'k', 'å'), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
    let decided = 0;
    let matched = 0;
    fc.assert(
      fc.property(glob, fc.boolean(), fc.array(word, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (g, caseSensitive, words, dice) => {
        const filter = new GlobFilter(g, caseSensitive);
        const re = globRegExp(g, caseSensitive);
        // Words written from the glob itself: its stars filled, its letters in another case or folded.
        let d = 0;
        const roll = () => dice[d++ % dice.length];
        const spelled = (twist: boolean) =>
          [...g]
            .map((c) => {
              if (c === '*') return ['', 'a', 'ab', '1', 'ſ', 'é'][roll() % 6];
              if (!twist) return c;
              const r = roll() % 5;
              return r === 0 ? c.toUpperCase() : r === 1 ? c.toLowerCase() : r === 2 && c.toLowerCase() === 's' ? 'ſ' : r === 3 && c.toLowerCase() === 'k' ? '\u212a' : c;
            })
            .join('');
        words.push(spelled(false), spelled(true), spelled(true));
        for (const w of words) {
          const expected = re.test(w);
          const got = filter.decide(w, w.toLowerCase(), wordKind(w));
          if (got !== undefined) decided++;
          if (expected) matched++;
          if (got !== undefined) expect(got, `${g} ${caseSensitive ? '(case)' : ''} on ${JSON.stringify(w)}`).toBe(expected);
        }
      }),
      // A failure is reported as found: shrinking twenty words and forty dice takes minutes.
      { numRuns: 3000, endOnFailure: true },
    );
    expect(decided).toBeGreaterThan(10_000);
    expect(matched).toBeGreaterThan(500);
  });

  it('decides every word of plain letters for a glob of plain letters, and matches them as written in any case', () => {
    const filter = new GlobFilter('själv*styr*', false);
    expect(filter.decide('Självstyrelse', 'självstyrelse', wordKind('Självstyrelse'))).toBe(true);
    expect(filter.decide('SJÄLVSTYRE', 'självstyre', wordKind('SJÄLVSTYRE'))).toBe(true);
    expect(filter.decide('självständig', 'självständig', wordKind('självständig'))).toBe(false);
    // ſ folds onto s under the expression's flags: left to it, which matches.
    expect(filter.decide('ſjälvſtyre', 'ſjälvſtyre', wordKind('ſjälvſtyre'))).toBeUndefined();
    expect(globRegExp('själv*styr*', false).test('ſjälvſtyre')).toBe(true);
  });
});
