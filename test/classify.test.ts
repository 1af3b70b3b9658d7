import { describe, expect, it } from 'vitest';
import { classify } from '../src/core/classify/classify.js';
import { CompiledCodebook, checkCodebook, type PatternSpec, type ExclusionSpec } from '../src/core/classify/codebook.js';
import { evaluate, scores } from '../src/core/classify/evaluate.js';
import { inferStance } from '../src/core/classify/stance-infer.js';
import { stanceOf } from '../src/core/classify/analyse.js';
import { sentences, tokenize } from '../src/core/text/text.js';

function book(patterns: PatternSpec[], opts: { threshold?: number; exclude?: ExclusionSpec[] } = {}) {
  return new CompiledCodebook({ themes: [{ id: 't', label: { sv: 'T' }, patterns, threshold: opts.threshold, exclude: opts.exclude }] });
}
const matches = (b: CompiledCodebook, text: string) => classify(b, text).themes[0].evidence.filter((e) => !e.vetoedBy).map((e) => e.match);
const assigned = (b: CompiledCodebook, text: string) => classify(b, text).themes[0].assigned;

describe('pattern kinds', () => {
  it('word matches its inflections through Swedish stems, not other words', () => {
    const b = book([{ word: 'självstyre' }]);
    expect(matches(b, 'Självstyre, självstyret och självstyrelsen.')).toEqual(['Självstyre', 'självstyret', 'självstyrelsen']);
    expect(matches(b, 'Styrelsen beslutade.')).toEqual([]);
    const k = book([{ word: 'kommun' }]);
    expect(matches(k, 'kommun kommunen kommunerna kommunernas kommunal')).toEqual(['kommun', 'kommunen', 'kommunerna', 'kommunernas']);
  });

  it('a word does not match a longer word that merely starts with it', () => {
    const b = book([{ word: 'region' }]);
    expect(matches(b, 'regionen regioner regionala regionalt regionbildning')).toEqual(['regionen', 'regioner']);
  });

  it('prefix and infix globs match inside compounds', () => {
    expect(matches(book([{ glob: 'självstyr*' }]), 'självstyrelseprincipen och kommunalsjälvstyrelse')).toEqual(['självstyrelseprincipen']);
    expect(matches(book([{ glob: '*indelning*' }]), 'Regionindelningen, indelningskommittén och indelning.')).toEqual(['Regionindelningen', 'indelningskommittén', 'indelning']);
  });

  it('phrases apply the word rules per word and allow a gap when asked', () => {
    const b = book([{ phrase: 'kommunal självstyrelse' }]);
    expect(matches(b, 'den kommunala självstyrelsen ska värnas')).toEqual(['kommunala självstyrelsen']);
    expect(matches(b, 'den kommunala och regionala självstyrelsen')).toEqual([]);
    const g = book([{ phrase: 'utkräva ansvar', gap: 1 }]);
    expect(matches(g, 'väljarna kan utkräva politiskt ansvar')).toEqual(['utkräva politiskt ansvar']);
  });

  it('tokens are case-sensitive: KSL, not ksl inside another word or lower case', () => {
    const b = book([{ token: 'KSL' }]);
    expect(matches(b, 'KSL:s roll och KSL. Inte ksl, inte KSLX eller fksl.')).toEqual(['KSL', 'KSL']);
    expect(matches(book([{ token: 'KSL', case: false }]), 'ksl och KSL')).toEqual(['ksl', 'KSL']);
  });

  it('is Unicode-correct: å ä ö é and letters next to non-ASCII letters', () => {
    expect(matches(book([{ word: 'är' }]), 'Det är så. Ärendet är klart.')).toEqual(['är', 'är']);
    expect(matches(book([{ glob: 'öst*' }]), 'Österåker ligger öster om staden, Västerås inte.')).toEqual(['Österåker', 'öster']);
    expect(matches(book([{ word: 'idé' }]), 'En idé och idéer, inte idéal.')).toEqual(['idé', 'idéer']);
    expect(tokenize('Stockholm–Gotland').map((t) => t.text)).toEqual(['Stockholm', 'Gotland']);
  });
});

describe('weights, thresholds and exclusions', () => {
  it('sums the weight of each matching pattern once and compares with the threshold', () => {
    const b = book([{ word: 'medborgare' }, { word: 'demokrati', weight: 0.5 }], { threshold: 1.5 });
    const r = classify(b, 'Medborgarna och medborgarnas demokrati.').themes[0];
    expect(r.score).toBe(1.5);
    expect(r.assigned).toBe(true);
    expect(assigned(b, 'Medborgarna, medborgarna, medborgarna.')).toBe(false);
  });

  it('with a window, weak cues add up only within that many consecutive sentences', () => {
    const spec = (window?: number) =>
      new CompiledCodebook({ themes: [{ id: 't', label: { sv: 'T' }, threshold: 2, window, patterns: [{ word: 'medborgare' }, { word: 'demokrati' }, { word: 'självstyre', weight: 2 }] }] });
    const far = 'Medborgarna är många. Trafiken är tät. Bussarna är fulla. Demokratin är gammal.';
    expect(classify(spec(), far).themes[0]).toMatchObject({ score: 2, assigned: true });
    expect(classify(spec(2), far).themes[0]).toMatchObject({ score: 1, assigned: false });
    expect(classify(spec(2), 'Medborgarna är många. Demokratin är gammal.').themes[0].assigned).toBe(true);
    expect(classify(spec(2), 'Självstyret. A. B. C. D.').themes[0].assigned).toBe(true);
  });

  it('an exclusion in the same sentence vetoes a match, not one in the next sentence', () => {
    const b = book([{ token: 'KSL', weight: 2 }], { threshold: 2, exclude: [{ glob: 'lokal*' }] });
    expect(assigned(b, 'Mötet hölls i KSL:s lokaler.')).toBe(false);
    expect(assigned(b, 'Mötet hölls i lokalerna. KSL bör få en ny roll.')).toBe(true);
  });

  it('a window exclusion vetoes only nearby matches', () => {
    const b = book([{ glob: '*självstyr*', exclude: [{ word: 'grupp', scope: 'window', window: 1 }] }]);
    expect(assigned(b, 'självstyrande grupper i förvaltningen')).toBe(false);
    expect(assigned(b, 'självstyrelsen gäller, och det finns också en grupp som utreder')).toBe(true);
  });

  it('reports vetoed evidence with the exclusion that vetoed it', () => {
    const b = book([{ token: 'KSL' }], { exclude: [{ glob: 'lokal*' }] });
    const ev = classify(b, 'I KSL:s lokaler.').themes[0].evidence;
    expect(ev).toMatchObject([{ match: 'KSL', vetoedBy: 'glob:lokal*', start: 2, end: 5 }]);
  });

  it('evidence carries the offsets and the sentence', () => {
    const text = 'Första meningen. Den kommunala självstyrelsen ska värnas. Sista.';
    const [e] = classify(book([{ glob: 'självstyr*' }]), text).themes[0].evidence;
    expect(text.slice(e.start, e.end)).toBe('självstyrelsen');
    expect(text.slice(...e.sentence)).toBe('Den kommunala självstyrelsen ska värnas.');
  });

  it('flags patterns with no kind or two kinds', () => {
    expect(checkCodebook({ themes: [{ id: 'a', label: { sv: 'A' }, patterns: [{ word: 'x', glob: 'y*' }, {}] }] }).map((p) => p.path)).toEqual([
      ['themes', 0, 'patterns', 0],
      ['themes', 0, 'patterns', 1],
    ]);
  });
});

describe('sentences', () => {
  it('does not split at Swedish abbreviations', () => {
    const t = 'Kommunen vill t.ex. se bl.a. bättre trafik. Nästa mening.';
    expect(sentences(t).map((s) => t.slice(s.start, s.end))).toEqual(['Kommunen vill t.ex. se bl.a. bättre trafik.', 'Nästa mening.']);
  });
});

describe('evaluation arithmetic', () => {
  it('matches a hand-computed case', () => {
    // theme a: tp 2 (x1, x2), fp 1 (x3), fn 1 (x4) → P 2/3, R 2/3, F1 2/3
    // theme b: tp 1 (x4), fp 0, fn 1 (x1) → P 1, R 1/2, F1 2/3
    const e = evaluate(['a', 'b'], [
      { answer: 'x1', gold: ['a', 'b'], predicted: ['a'] },
      { answer: 'x2', gold: ['a'], predicted: ['a'] },
      { answer: 'x3', gold: [], predicted: ['a'] },
      { answer: 'x4', gold: ['a', 'b'], predicted: ['b'] },
      { answer: 'x5', gold: [], predicted: [] },
    ]);
    expect(e.themes.a).toMatchObject({ precision: 0.6667, recall: 0.6667, f1: 0.6667, support: 3 });
    expect(e.themes.b).toMatchObject({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    // micro: tp 3, fp 1, fn 2 → P 0.75, R 0.6, F1 0.6667
    expect(e.micro).toEqual({ precision: 0.75, recall: 0.6, f1: 0.6667 });
    // macro: P (2/3 + 1)/2, R (2/3 + 1/2)/2, F1 (2/3 + 2/3)/2
    expect(e.macro).toEqual({ precision: 0.8333, recall: 0.5833, f1: 0.6667 });
    expect(e.answers).toBe(5);
  });

  it('scores a theme never labelled and never predicted as perfect, one never predicted as zero precision', () => {
    expect(scores(0, 0, 0)).toEqual({ precision: 1, recall: 1, f1: 1 });
    expect(scores(0, 0, 3)).toEqual({ precision: 0, recall: 0, f1: 0 });
  });
});

describe('stance inference', () => {
  it.each([
    ['Kommunstyrelsen tillstyrker förslaget.', 'support'],
    ['Kommunen ställer sig bakom förslaget om regionbildning.', 'support'],
    ['Kommunen tillstyrker med förbehåll att självstyret respekteras.', 'conditional'],
    ['Kommunen tillstyrker under förutsättning att planmonopolet består.', 'conditional'],
    // The condition after the object of the support.
    ['Förbundet tillstyrker förslaget med förbehåll.', 'conditional'],
    ['Nämnden tillstyrker i huvudsak förslaget till handlingsplan, under förutsättning att medel avsätts.', 'conditional'],
    ['Kommunen tillstyrker förslaget. Med förbehåll för detaljerna återkommer vi.', 'support'],
    ['Kommunen avstyrker förslaget.', 'oppose'],
    ['Kommunen kan inte tillstyrka förslaget.', 'oppose'],
    ['Kommunen tillstyrker inte förslaget.', 'oppose'],
    ['Kommunen ställer sig inte bakom förslaget.', 'oppose'],
    ['Kommunen avstår från att yttra sig.', 'no-opinion'],
    ['Vi har inget att invända.', 'no-opinion'],
  ])('%s → %s', (text, stance) => expect(inferStance([text])?.stance).toBe(stance));

  it('ignores stances reported of others and finds nothing in neutral text', () => {
    expect(inferStance(['De kommuner som tillstyrkte påpekar att trafiken är viktig.'])).toBeUndefined();
    expect(inferStance(['Kommunen vill ha bättre bussar.'])).toBeUndefined();
  });

  it('reads a response one text at a time and stops at the first decisive phrase', () => {
    let read = 0;
    const answers = Array.from({ length: 5 }, (_, i) => ({
      id: `r.${i + 1}`,
      get text() {
        read++;
        return i === 1 ? 'Kommunen tillstyrker förslaget.' : 'Kommunen vill ha bättre bussar.';
      },
    }));
    const s = stanceOf({ id: 'r', source: 's.csv', line: 2, respondent: '0182', respondentAsWritten: 'Nacka kommun', answers, reservations: [] });
    expect(s.stance).toBe('support');
    expect(read).toBe(2);
  });

  it('does not take a phrase split over two words for one that stands together', () => {
    expect(inferStance(['Kommunen tillstyrker inte, men i ett annat sammanhang gäller förbehåll.'])?.stance).toBe('oppose');
    expect(inferStance(['Vi har synpunkter på förslaget, inga andra.'])).toBeUndefined();
  });

  it('gives its evidence', () => {
    expect(inferStance(['Bakgrund. Kommunen kan inte tillstyrka förslaget i dess nuvarande form.'])).toEqual({
      stance: 'oppose',
      match: 'kan inte tillstyrka',
      sentence: 'Kommunen kan inte tillstyrka förslaget i dess nuvarande form.',
    });
  });
});
