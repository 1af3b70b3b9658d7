import { describe, expect, it } from 'vitest';
import { classify } from '../src/core/classify/classify.js';
import { CompiledCodebook, checkCodebook, type Codebook, type PatternSpec } from '../src/core/classify/codebook.js';
import { inferStance } from '../src/core/classify/stance-infer.js';

function book(patterns: PatternSpec[], opts: { threshold?: number; window?: number } = {}) {
  return new CompiledCodebook({ themes: [{ id: 't', label: { sv: 'T' }, patterns, ...opts }] });
}
const counted = (b: CompiledCodebook, text: string) => classify(b, text).themes[0].evidence.filter((e) => !e.vetoedBy && !e.unmet).map((e) => e.match);
const score = (b: CompiledCodebook, text: string) => classify(b, text).themes[0].score;

describe('the codebook language for Swedish', () => {
  it('near: two words within n words of each other, in any order, inside one sentence by default', () => {
    const b = book([{ near: ['medborgare', 'enskild*'], within: 4 }]);
    expect(counted(b, 'Vad betyder det för medborgarna och för den enskilde?')).toEqual(['medborgarna och för den enskilde']);
    expect(counted(b, 'Den enskilde individen, alltså medborgaren, påverkas.')).toEqual(['enskilde individen, alltså medborgaren']);
    expect(counted(b, 'Medborgarna har frågor om skolan, vården, vägarna och sedan till sist den enskilde.')).toEqual([]);
    expect(counted(b, 'Det gäller medborgarna. Den enskilde påverkas.')).toEqual([]);
    const loose = book([{ near: ['medborgare', 'enskild*'], within: 4, scope: 'window' }]);
    expect(counted(loose, 'Det gäller medborgarna. Den enskilde påverkas.')).toEqual(['medborgarna. Den enskilde']);
  });

  it('tokens and names take the genitive s: Storsthlms, KSL:s, Gotlands', () => {
    const b = book([{ token: 'KSL' }, { token: 'Storsthlm' }, { word: 'gotland', case: false }]);
    expect(counted(b, 'KSL:s styrelse och Storsthlms förbundsmöte samt Gotlands framtid.')).toEqual(['KSL', 'Storsthlms', 'Gotlands']);
    expect(counted(b, 'ksl skrivet med gemener räknas inte.')).toEqual([]);
  });

  it('forms: irregular forms of a strong verb that no stem reaches', () => {
    const b = book([{ word: 'slå', forms: ['slog', 'slogs', 'slagit', 'slagits', 'sammanslagna'] }]);
    expect(counted(b, 'Länen slogs ihop; de har slagits samman och är nu sammanslagna.')).toEqual(['slogs', 'slagits', 'sammanslagna']);
    expect(counted(b, 'Slagverket spelade.')).toEqual([]);
  });

  it('requires: a word that names the subject only in context counts beside a companion cue', () => {
    const b = book([{ word: 'kommittén', requires: [{ glob: '*indelning*' }, { word: 'län' }] }, { glob: '*indelning*' }]);
    expect(counted(b, 'Kommittén föreslår en ny regionindelning.')).toEqual(['Kommittén', 'regionindelning']);
    expect(counted(b, 'Kommittén sammanträdde i mars.')).toEqual([]);
    const ev = classify(b, 'Kommittén sammanträdde i mars.').themes[0].evidence[0];
    expect(ev.unmet).toBe('needs glob:*indelning* or word:län nearby');
  });

  it('requires: theme — another counted cue of the theme within its window', () => {
    const b = book([{ word: 'reformen', requires: 'theme' }, { word: 'regionindelning' }], { window: 2 });
    expect(score(b, 'Reformen är omfattande. En ny regionindelning behövs.')).toBe(2);
    expect(score(b, 'Reformen är omfattande. Vi väntar. Vi ser fram emot det. En ny regionindelning behövs.')).toBe(1);
    expect(score(b, 'Reformen är omfattande.')).toBe(0);
  });

  it('repeat: a cue counts once by default, or each time up to a cap', () => {
    const text = 'Insyn behövs. Mer insyn. Ännu mer insyn. Insyn igen.';
    expect(score(book([{ word: 'insyn' }]), text)).toBe(1);
    expect(score(book([{ word: 'insyn', repeat: 3 }]), text)).toBe(3);
    expect(score(book([{ word: 'insyn', repeat: 3 }], { window: 2 }), text)).toBe(2);
  });

  it('rejects options on the wrong kind of pattern, with their place', () => {
    const bad: Codebook = {
      themes: [
        { id: 't', label: { sv: 'T' }, patterns: [{ word: 'a', within: 3 }, { glob: 'b*', forms: ['c'] }] },
        { id: 'u', label: { sv: 'U' }, patterns: [{ word: 'd', requires: 'theme' }] },
      ],
    };
    expect(checkCodebook(bad).map((p) => p.message)).toEqual([
      '"within" applies to near patterns only; remove it',
      '"forms" applies to word patterns only; write the forms as their own patterns',
      'requires: theme needs another pattern of the theme that counts on its own',
    ]);
  });

  it('classifies in time linear in the length of an answer, even with no sentence breaks', () => {
    const b = book([{ word: 'insyn' }, { glob: '*självstyr*' }, { near: ['medborgare', 'ansvar'], within: 3 }], { window: 2, threshold: 2 });
    const chunk = 'insyn och självstyrelse för medborgarna med ansvar utan punkt ';
    const small = chunk.repeat(2_000);
    const large = chunk.repeat(16_000); // about 1 MB, one sentence
    // The best of three runs: on a loaded machine a single run may be interrupted for longer than it takes.
    const time = (text: string) => {
      let best = Infinity;
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        classify(b, text);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    const tSmall = Math.max(time(small), 1);
    const tLarge = time(large);
    expect(tLarge).toBeLessThan(2_000);
    expect(tLarge / tSmall).toBeLessThan(8 * 4); // 8× the text: far from the 64× of quadratic time
  });
});

describe('per-pattern evaluation', () => {
  it('counts where each pattern fired, its precision, and the positives it alone brought about', async () => {
    const { patternStats } = await import('../src/core/classify/pattern-stats.js');
    const b = new CompiledCodebook({
      themes: [{ id: 't', label: { sv: 'T' }, threshold: 2, patterns: [{ word: 'insyn', weight: 2 }, { word: 'väljare', weight: 1 }, { word: 'ansvar', weight: 1 }] }],
    });
    const stats = patternStats(b, [
      { text: 'Insyn är viktigt.', gold: ['t'] }, // insyn alone: a true positive only it finds
      { text: 'Väljarna kräver ansvar.', gold: ['t'] }, // both weak cues needed: each alone-critical
      { text: 'Väljarna och insyn.', gold: [] }, // insyn makes a false positive on its own
      { text: 'Väljarna röstade.', gold: [] },
    ]);
    expect(stats).toEqual([
      { theme: 't', pattern: 'word:insyn', fired: 2, precision: 0.5, uniqueTp: 1, uniqueFp: 1 },
      { theme: 't', pattern: 'word:väljare', fired: 3, precision: 0.3333, uniqueTp: 1, uniqueFp: 0 },
      { theme: 't', pattern: 'word:ansvar', fired: 1, precision: 1, uniqueTp: 1, uniqueFp: 0 },
    ]);
  });
});

describe('positions read from real documents: procedure is not a position', () => {
  it.each([
    'Kommunstyrelsen föreslås besluta att tillstyrka förslaget till regionbildning.',
    'Stadsledningskontoret föreslår att kommunstyrelsen beslutar att tillstyrka remissen.',
    'Förslag till beslut: Kommunstyrelsen tillstyrker förslaget.',
    'Borgarrådsberedningen tillstyrker föredragande borgarrådets förslag.',
    'Kommunstyrelsen tillstyrker förvaltningens förslag till yttrande.',
    'Nämnden tillstyrker stadsbyggnadskontorets förslag.',
    'Remissen anses besvarad med hänvisning till kontorets tjänsteutlåtande, som tillstyrker förslaget.',
  ])('%s → no position', (text) => {
    expect(inferStance([text])).toBeUndefined();
  });

  it('still reads a position the body states itself, beside the procedure', () => {
    const r = inferStance(['Kommunstyrelsen föreslås besluta att anta yttrandet. Kommunen tillstyrker förslaget om en regionbildning.']);
    expect(r?.stance).toBe('support');
    expect(r?.sentence).toBe('Kommunen tillstyrker förslaget om en regionbildning.');
    expect(inferStance(['Kommunen avstyrker förslaget om en sammanslagning med Gotland.'])?.stance).toBe('oppose');
  });
});
