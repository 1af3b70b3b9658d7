import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STANCE_PRETESTS } from '../src/core/classify/stance-infer.js';
import { CONDITION_PRETESTS } from '../src/core/classify/conditions.js';
import { PROCEDURE_PARTS, procedureKind, wordsAtMost } from '../src/core/text/procedure.js';
import { oneLine, sentences } from '../src/core/text/text.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

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
        expect(PROCEDURE_PARTS.mayHold.test(t), t).toBe(expected);
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

describe('the procedure rules\' own pre-test', () => {
  const { rules, address, addressWords, titleLine, mayBeProcedure } = PROCEDURE_PARTS;
  /** Every rule, without any pre-test: what mayBeProcedure must never turn away. */
  const anyRule = (s: string) => rules.some((r) => r.re.test(s)) || (wordsAtMost(s, addressWords) && address.test(s)) || (wordsAtMost(s, 8) && titleLine.test(s));
  /** The kind as procedureKind gave it before the rules had a pre-test of their own. */
  const reference = (sentence: string) => {
    const s = oneLine(sentence).trim();
    if (!s || !PROCEDURE_PARTS.mayHold.test(s)) return undefined;
    for (const r of rules) if (r.re.test(s)) return r.kind;
    if (wordsAtMost(s, addressWords) && address.test(s)) return 'contact';
    if (wordsAtMost(s, 8) && titleLine.test(s)) return 'signature';
    return undefined;
  };

  // Pieces of procedure as letters write them, which the generator puts at a sentence's start or after other words.
  const PIECES = [
    'föreslås besluta att', 'föreslår kommunfullmäktige besluta', 'Förslag till beslut', 'Beslutsförslag:', 'Beslut', 'beslutar att överlämna yttrandet', 'beslutade att lämna remissvar',
    'överlämnar härmed yttrandet', 'översänds tjänsteskrivelsen', 'anses besvarad', 'besvaras med hänvisning till', 'förklaras omedelbart justerad', 'omedelbar justering',
    'Ärendet har beretts av', 'Yttrandet behandlas av', 'Remissvaret har tagits fram', 'Tjänsteutlåtandet skickas', 'förslaget till yttrande har remitterats', 'Beslutet skickas till', 'Protokollsutdrag till',
    'Expedieras till', 'Beslutsunderlag', 'Handlingar i ärendet', 'Bilagor', 'Med vänlig hälsning', 'Vänliga hälsningar', 'Bästa hälsningar', 'Hälsningar', 'Enligt uppdrag', 'För kommunstyrelsen', 'För socialnämnden',
    'Beslut i detta ärende har fattats av', 'detta beslut har fattats av', 'i den slutliga handläggningen', 'Föredragande har varit', 'Kontaktperson', 'Handläggare:', 'Upplysningar', 'Postadress', 'Org. nr',
    'Organisationsnummer', 'frågor om ärendet besvaras av', 'upplysningar lämnas av', 'e-post eva.berg@kommun.se', 'www.kommun.se', 'https://kommun.se', 'tel. 08-123 45', 'Tfn: +46 8 1', 'mobil 070', 'växel 08',
    'kommunstyrelsens ordförande', 'kommundirektör', 'förvaltningschef', 'kommunalråd', 'nämndsekreterare', 'utredare',
  ];
  const FILL = ['Eva Berg', 'kommunen', 'anser', 'att', 'regionen', 'och', 'det', 'är', 'viktigt', '2027'];

  it('lets through every generated sentence that some rule holds to be procedure, in any case', () => {
    const sentence = fc
      .tuple(fc.array(fc.constantFrom(...FILL), { maxLength: 3 }), fc.constantFrom(...PIECES), fc.constantFrom('lower', 'upper', 'title', 'odd', 'same'), fc.array(fc.constantFrom(...FILL), { maxLength: 12 }), fc.constantFrom('', '.', ':'))
      .map(([before, piece, casing, after, end]) => oneLine([...before, casing === 'same' ? piece : cased(piece.toLowerCase(), casing), ...after].join(' ') + end).trim());
    let procedure = 0;
    fc.assert(
      fc.property(sentence, (s) => {
        if (!anyRule(s)) return;
        procedure++;
        expect(mayBeProcedure(s), s).toBe(true);
      }),
      { numRuns: 4000 },
    );
    expect(procedure).toBeGreaterThan(1500);
  });

  it('gives every sentence of real letters and labelled passages the kind it gave before', () => {
    const texts: string[] = [];
    const shared = join(ROOT, '..', 'shared');
    for (const name of ['dev.yaml', 'dev2.yaml']) {
      const file = join(shared, 'real-dev', name);
      if (existsSync(file)) for (const r of (parse(readFileSync(file, 'utf8')) as { responses: { answers: { text: string }[] }[] }).responses) for (const a of r.answers) texts.push(a.text);
    }
    if (existsSync(join(shared, 'seeds'))) for (const f of readdirSync(join(shared, 'seeds')).filter((f) => /\.(?:txt|md)$/u.test(f))) texts.push(readFileSync(join(shared, 'seeds', f), 'utf8'));
    for (const f of readdirSync(join(ROOT, 'test', 'fixtures', 'documents', 'svar')).filter((f) => /\.(?:txt|md)$/u.test(f))) texts.push(readFileSync(join(ROOT, 'test', 'fixtures', 'documents', 'svar', f), 'utf8'));
    // The test's own letter, with procedure of every kind (and the view between).
    texts.push('Kommunstyrelsen föreslås besluta att överlämna yttrandet till regionen. Kommunen anser att samverkan bör stärkas. Ärendet har beretts av kansliet. Frågor lämnas av Eva Berg. Med vänlig hälsning\n\nEva Berg\nKommunstyrelsens ordförande\n\nTel. 08-123 45 67, eva.berg@kommun.se');
    let count = 0;
    let kinds = 0;
    for (const text of texts)
      for (const span of sentences(text)) {
        const s = text.slice(span.start, span.end);
        const expected = reference(s);
        if (expected) kinds++;
        count++;
        expect(procedureKind(s), s).toBe(expected);
      }
    expect(count).toBeGreaterThan(30);
    if (existsSync(join(shared, 'real-dev', 'dev2.yaml'))) expect(texts.length).toBeGreaterThan(300);
    expect(kinds).toBeGreaterThan(0);
  });
});
