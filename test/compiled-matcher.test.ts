import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { classify, respondentCues, type AnswerContext } from '../src/core/classify/classify.js';
import { CompiledCodebook, type Codebook, type ExclusionSpec, type PatternSpec } from '../src/core/classify/codebook.js';
import { classifyResponse } from '../src/core/classify/context.js';
import { WordScanner } from '../src/core/classify/scanner.js';
import { loadCodebook } from '../src/cli/workspace/codebook-file.js';
import * as reference from './reference/classify-reference.js';
import { classifyResponse as referenceResponse } from './reference/context-reference.js';
import { ROOT } from './helpers.js';

// The compiled matcher (a scanner over the codebook's literals, words cached with what starts at
// them) against the matcher as it was (test/reference): the same themes, scores, evidence,
// waiting themes and cues for every codebook and text.

const STEMS = ['kommun', 'region', 'styr', 'själv', 'beslut', 'stat', 'i', 'och', 'län', 'avgift', 'ansvar', 'lokal', 'makt', 'skol', 'vård', 'idé', 'ksl', 'lss', 'år', 'över', 'ordna', 'plan', 'ny', 'gå', 'sida', 'rätt', 'medlem', 'förbund', '2030', '1', 'q', '3d'];
const ENDINGS = ['', '', '', 'en', 'er', 'erna', 'ernas', 'ens', 'ar', 'arna', 's', 'et', 'ande', 'lig', 'liga', 'heten', 'a', 'na', 't', 'ade', 'else', 'elsen', 'ning', 'ningen', '2', 'é'];
// Characters that case-fold onto the alphabet from outside it, digits, other scripts, a surrogate pair.
const ODD = ['ſ', '\u212a', '\u212b', 'İ', 'é', 'ü', '𝐀', 'Ω', '3', 'ß'];

const stem = fc.constantFrom(...STEMS);
const word = fc
  .record({ a: stem, b: fc.option(stem, { freq: 3 }), end: fc.constantFrom(...ENDINGS), casing: fc.constantFrom('lower', 'lower', 'lower', 'title', 'upper'), odd: fc.option(fc.tuple(fc.constantFrom(...ODD), fc.nat(12)), { freq: 8 }) })
  .map(({ a, b, end, casing, odd }) => {
    let w = a + (b ?? '') + end;
    if (odd) w = w.slice(0, odd[1] % (w.length + 1)) + odd[0] + w.slice(odd[1] % (w.length + 1));
    return casing === 'upper' ? w.toUpperCase() : casing === 'title' ? w[0].toUpperCase() + w.slice(1) : w;
  });
const sentence = fc.array(word, { minLength: 1, maxLength: 14 }).map((ws) => ws.join(' '));
const text = fc
  .array(fc.tuple(sentence, fc.constantFrom('. ', '. ', '! ', '\n\n', ', ', ' – ', '. T.ex. ', '\n- ')), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([s, sep]) => s[0].toUpperCase() + s.slice(1) + sep).join('').trim());

/** A term of a pattern: a word, a glob (prefix, infix, suffix, inner star, star alone) or a token. */
const term = fc.oneof(
  stem.map((s) => s),
  fc.tuple(stem, fc.constantFrom('*', '*x', 'x*', '*x*', 'x*y', '**')).map(([s, shape]) => (shape === '**' ? '*' : shape.replace('x', s).replace('y', 'a'))),
  fc.tuple(stem, stem).map(([a, b]) => a + b),
);
const glob = fc.tuple(stem, fc.constantFrom('x*', '*x*', '*x', 'x*a*', '*')).map(([s, shape]) => shape.replace('x', s));
const matcher = fc.oneof(
  fc.record({ word: term.filter((t) => !t.includes('*')), forms: fc.option(fc.array(word, { maxLength: 2 }), { nil: undefined }), case: fc.option(fc.boolean(), { nil: undefined, freq: 4 }) }),
  fc.record({ glob, case: fc.option(fc.boolean(), { nil: undefined, freq: 4 }) }),
  fc.record({ phrase: fc.array(term, { minLength: 2, maxLength: 3 }).map((ts) => ts.join(' ')), gap: fc.option(fc.nat(2), { nil: undefined }) }),
  fc.record({ token: fc.constantFrom('KSL', 'LSS', 'ksl', 'SKR', 'Region', 'İl', 'ſkola') }),
  fc.record({ near: fc.tuple(term, term), within: fc.option(fc.nat(6), { nil: undefined }), scope: fc.option(fc.constantFrom('sentence' as const, 'window' as const), { nil: undefined }) }),
);
const clean = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
const exclusion = fc
  .tuple(matcher, fc.constantFrom('sentence' as const, 'window' as const, undefined), fc.nat(6))
  .map(([m, scope, window]): ExclusionSpec => clean({ ...stripPatternKeys(m), scope, window: scope === 'window' ? window : undefined }));
const companion = fc
  .tuple(matcher, fc.constantFrom('sentence' as const, 'window' as const, 'response' as const, 'respondent' as const))
  .map(([m, scope]): ExclusionSpec => clean({ ...stripPatternKeys(m), scope }));
const pattern = fc
  .record({
    m: matcher,
    weight: fc.option(fc.constantFrom(0.5, 1, 2, 3), { nil: undefined }),
    repeat: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    exclude: fc.option(fc.array(exclusion, { maxLength: 2 }), { nil: undefined, freq: 3 }),
    requires: fc.option(fc.oneof(fc.constantFrom('theme' as const, 'response' as const), fc.array(companion, { minLength: 1, maxLength: 2 })), { nil: undefined, freq: 3 }),
  })
  .map(({ m, weight, repeat, exclude, requires }): PatternSpec => clean({ ...clean(m), weight, repeat, exclude, requires }));
const codebook = fc
  .record({
    themes: fc.array(
      fc.record({
        patterns: fc.array(pattern, { minLength: 1, maxLength: 6 }),
        threshold: fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }),
        window: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        exclude: fc.option(fc.array(exclusion, { maxLength: 2 }), { nil: undefined, freq: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    except: fc.option(fc.array(glob, { maxLength: 2 }), { nil: undefined, freq: 3 }),
  })
  .map(({ themes, except }): Codebook => clean({ except, themes: themes.map((t, i) => clean({ id: `t${i}`, label: { sv: `T${i}` }, ...t })) }));

function stripPatternKeys(m: Record<string, unknown>): Record<string, unknown> {
  const { within: _w, scope: _s, forms: _f, ...rest } = m;
  return clean(rest);
}

/** A context for an answer, drawn from the codebook's own companions. */
function contextFor(book: CompiledCodebook, seed: number): AnswerContext {
  const companions = book.themes.flatMap((t) => t.patterns.flatMap((p) => p.requirements));
  const pick = (scope: string) => new Set(companions.filter((c, i) => c.scope === scope && (seed >> i) % 2 === 1));
  if (seed % 3 === 0) return {};
  return { themesElsewhere: new Set(book.themes.map((_, i) => i).filter((i) => (seed >> (i + 3)) % 2 === 1)), responseCues: pick('response'), respondentCues: pick('respondent'), respondent: 'Exempel kommun' };
}

function expectSame(book: CompiledCodebook, t: string, context: AnswerContext = {}) {
  expect(classify(book, t, context)).toEqual(reference.classify(book, t, context));
}

/** Texts of the example workspace, and of the real development sets when they stand beside the repository (read, never copied). */
function realTexts(): string[] {
  const texts: string[] = [];
  for (const line of readFileSync(join(ROOT, 'data', 'example', 'svar.csv'), 'utf8').split('\n').slice(1)) if (line.trim()) texts.push(line.split(';').slice(5, -1).join(';'));
  const dir = join(ROOT, 'data', 'example', 'svar');
  for (const f of readdirSync(dir)) for (const a of JSON.stringify(parse(readFileSync(join(dir, f), 'utf8'))).match(/"text":"(?:[^"\\]|\\.)*"/gu) ?? []) texts.push(JSON.parse(a.slice(7)));
  for (const dev of ['dev.yaml', 'dev2.yaml']) {
    const path = join(ROOT, '..', 'shared', 'real-dev', dev);
    if (!existsSync(path)) continue;
    for (const a of JSON.stringify(parse(readFileSync(path, 'utf8'))).match(/"text":"(?:[^"\\]|\\.)*"/gu) ?? []) texts.push(JSON.parse(a.slice(7)));
  }
  return texts;
}

describe('compiled matcher against the reference', () => {
  it('the same themes, scores and evidence for random codebooks and generated texts, with and without context', () => {
    fc.assert(
      fc.property(codebook, fc.array(text, { minLength: 1, maxLength: 4 }), fc.nat(), (source, texts, seed) => {
        const book = new CompiledCodebook(source);
        for (const t of texts) {
          expectSame(book, t);
          expectSame(book, t, contextFor(book, seed));
        }
        const respondent = texts[0].slice(0, 40);
        expect(respondentCues(book, respondent)).toEqual(reference.respondentCues(book, respondent));
        const r = { respondentAsWritten: respondent, answers: texts.map((t) => ({ text: t })) };
        expect(classifyResponse(book, r)).toEqual(referenceResponse(book, r));
      }),
      { numRuns: 200 },
    );
  });

  it('the same on real texts, with the default codebook and with random codebooks', () => {
    const texts = realTexts();
    expect(texts.length).toBeGreaterThan(20);
    const book = loadCodebook(join(ROOT, 'data', 'codebook.yaml'));
    expect(book.scanner).toBeDefined();
    for (const t of texts) expectSame(book, t);
    fc.assert(
      fc.property(codebook, fc.nat(texts.length - 1), fc.nat(), (source, at, seed) => {
        const random = new CompiledCodebook(source);
        for (const t of texts.slice(at, at + 20)) expectSame(random, t, contextFor(random, seed));
      }),
      { numRuns: 40 },
    );
  });

  it('words the scanner leaves out satisfy no atom but the globs of stars alone', () => {
    fc.assert(
      fc.property(codebook, text, (source, t) => {
        const book = new CompiledCodebook(source);
        const scanner = book.scanner;
        if (!scanner) return;
        scanner.scan(t, (start, end, _n, candidate) => {
          if (!candidate) expect(book.atomsFor(t.slice(start, end))).toEqual(book.everyWord);
        }, true);
      }),
      { numRuns: 200 },
    );
  });

  it('a codebook whose literal case-folds onto Swedish letters, or an except of stars alone, is matched word by word', () => {
    expect(WordScanner.build({ prefixes: new Set(['ſkola']), infixes: new Set(), written: new Set(['ſkola']) })).toBeUndefined();
    expect(new CompiledCodebook({ themes: [{ id: 't', label: { sv: 'T' }, patterns: [{ glob: 'ſkol*' }] }] }).scanner).toBeUndefined();
    expect(new CompiledCodebook({ except: ['*'], themes: [{ id: 't', label: { sv: 'T' }, patterns: [{ glob: 'skol*' }] }] }).scanner).toBeUndefined();
    const book = new CompiledCodebook({ themes: [{ id: 't', label: { sv: 'T' }, patterns: [{ glob: 'skol*' }] }] });
    expect(book.scanner).toBeDefined();
    // The long s and the Kelvin sign fold onto s and k: such words are looked up, and match.
    for (const t of ['ſkolan är bra', 'SKOLAN', 'förskolan', 'skola2', 'sko\u212aa']) expectSame(book, t);
    expect(classify(book, 'ſkolan är bra').themes[0].assigned).toBe(true);
  });

  it('a word met in lower case first and in capitals later is matched by its own case (entries kept by trie state)', () => {
    const source: Codebook = { themes: [{ id: 't', label: { sv: 'T' }, patterns: [{ token: 'KSL', weight: 2 }, { word: 'Region', case: true }, { word: 'län' }] }] };
    for (const order of [['ksl region län', 'KSL Region Län', 'Ksl REGION'], ['KSL Region Län', 'ksl region län', 'Ksl REGION']]) {
      const book = new CompiledCodebook(source);
      for (const t of order) expectSame(book, t);
      expect(classify(book, 'ksl region').themes[0].score).toBe(0);
      expect(classify(book, 'KSL Region').themes[0].score).toBe(3);
    }
  });

  it('literals with hyphens, slashes and other punctuation compile and match as the reference does', () => {
    const book = new CompiledCodebook({ themes: [{ id: 't', label: { sv: 'T' }, patterns: [{ phrase: 'gång- och cykelväg', weight: 2 }, { glob: 'e-tjänst*' }, { word: 'och/eller' }, { glob: 'x.y*' }] }] });
    for (const t of ['En gång- och cykelväg längs vägen.', 'Nya e-tjänster för invånarna.', 'Den ena och/eller den andra.', 'x.yz']) expectSame(book, t);
  });
});
