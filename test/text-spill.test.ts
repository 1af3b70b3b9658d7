import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TextSpill } from '../src/cli/corpus/text-spill.js';

describe('the spill of answer texts', () => {
  it('gives back every text, read in order, out of order, before and after its block is written', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 300 }), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 400 }),
        (texts, order) => {
          const spill = new TextSpill();
          try {
            const kept = texts.map((t) => spill.keep(t));
            const readers = kept.map((k) => () => spill.read(k));
            for (const [i, read] of readers.entries()) expect(read()).toBe(texts[i]);
            for (const k of order) if (texts.length) expect(readers[k % texts.length]()).toBe(texts[k % texts.length]);
          } finally {
            spill.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads texts larger than the read-ahead and texts that straddle its end', () => {
    const spill = new TextSpill();
    try {
      const big = 'å'.repeat(700_000); // 1.4 MB in UTF-8
      const texts = ['början', big, 'mitten', big + 'x', ...Array.from({ length: 5000 }, (_, i) => `svar ${i} `.repeat(i % 50))];
      const kept = texts.map((t) => spill.keep(t));
      const readers = kept.map((k) => () => spill.read(k));
      for (const [i, read] of readers.entries()) expect(read()).toBe(texts[i]);
      for (let i = readers.length - 1; i >= 0; i -= 7) expect(readers[i]()).toBe(texts[i]);
    } finally {
      spill.close();
    }
  });
});
