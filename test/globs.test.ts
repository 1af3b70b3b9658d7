import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { classify } from '../src/core/classify/classify.js';
import { CompiledCodebook, type Codebook, type ExclusionSpec, type PatternSpec } from '../src/core/classify/codebook.js';
import { ROOT, dialogBin, tmp, answersFile } from './helpers.js';

const DEFAULT = parse(readFileSync(join(ROOT, 'data', 'codebook.yaml'), 'utf8')) as Codebook;

/** Every glob the default codebook writes: glob patterns, and the * terms of phrases, near pairs, vetoes and companions. */
function globsOf(book: Codebook): string[] {
  const out = new Set<string>();
  const terms = (spec: PatternSpec | ExclusionSpec) => {
    if (spec.glob) out.add(spec.glob);
    for (const t of [...(spec.phrase?.split(/\s+/u) ?? []), ...(spec.near ?? [])]) if (t.includes('*')) out.add(t);
  };
  for (const t of book.themes) {
    for (const p of t.patterns) {
      terms(p);
      p.exclude?.forEach(terms);
      if (Array.isArray(p.requires)) p.requires.forEach(terms);
    }
    t.exclude?.forEach(terms);
  }
  return [...out].sort();
}

/** Whether one glob of the default codebook (with its `except` words) matches a word. */
function matches(glob: string, word: string): boolean {
  const one = new CompiledCodebook({ except: DEFAULT.except, themes: [{ id: 'g', label: { sv: 'g' }, patterns: [{ glob }] }] });
  return classify(one, word).themes[0].assigned;
}

// Per family of short globs: words it must reach, and words that begin the same but mean something else.
const FAMILIES: { starts: RegExp; must: string[]; mustNot: string[] }[] = [
  {
    starts: /^kommun\*$/u,
    must: ['kommun', 'kommunen', 'kommuner', 'kommunerna', 'kommunernas', 'kommunens', 'kommunal', 'kommunala', 'kommunalt'],
    mustNot: ['kommunikation', 'kommunikationen', 'kommunikationer', 'kommunicera', 'kommunicerar', 'kommunikativa', 'kommunisterna', 'kommunismen', 'kommunikén'],
  },
  {
    starts: /^kommunal\*$/u,
    must: ['kommunal', 'kommunala', 'kommunalt', 'kommunalförbund'],
    mustNot: [],
  },
  { starts: /^legitim\*$/u, must: ['legitimitet', 'legitimiteten', 'legitima'], mustNot: ['legitimation', 'legitimationen'] },
];

describe('globs reach their words and no others', () => {
  it('every kommun*-style glob of the default codebook is tested against the words it must not match', () => {
    const globs = globsOf(DEFAULT);
    const kommunStyle = globs.filter((g) => /^\*?kommun/u.test(g));
    // Phrases, near pairs and companions all use these; none may be left untested.
    expect(kommunStyle.length).toBeGreaterThan(0);
    for (const g of kommunStyle) {
      for (const w of FAMILIES[0].mustNot) expect(matches(g, w), `${g} must not match ${w}`).toBe(false);
      if (g === 'kommun*') for (const w of FAMILIES[0].must) expect(matches(g, w), `${g} must match ${w}`).toBe(true);
    }
  });

  it('each family: the words it must reach, and not those that only begin like them', () => {
    for (const f of FAMILIES) {
      const globs = globsOf(DEFAULT).filter((g) => f.starts.test(g));
      expect(globs.length, `${f.starts} is in the default codebook`).toBeGreaterThan(0);
      for (const g of globs) {
        for (const w of f.must) expect(matches(g, w), `${g} must match ${w}`).toBe(true);
        for (const w of f.mustNot) expect(matches(g, w), `${g} must not match ${w}`).toBe(false);
      }
    }
  });

  it('except: a glob that spells the word out still matches it', () => {
    const book = new CompiledCodebook({
      except: ['kommunikation*'],
      themes: [{ id: 't', label: { sv: 'T' }, patterns: [{ glob: 'kommun*' }, { glob: '*kommunikation*' }] }],
    });
    const hit = (text: string) => classify(book, text).themes[0].evidence.map((e) => e.pattern);
    expect(hit('Kommunikationen brister.')).toEqual(['glob:*kommunikation*']);
    expect(hit('Kommunen planerar.')).toEqual(['glob:kommun*']);
  });

  it('a list of policy areas with "kommunikation, fysisk planering" is not self-government', () => {
    const book = new CompiledCodebook(DEFAULT);
    const sg = classify(book, 'Regionen ansvarar för kommunikation, fysisk planering och kultur.').themes.find((t) => t.id === 'self-government')!;
    expect(sg.evidence).toEqual([]);
    const real = classify(book, 'Den kommunala planeringen ska inte styras av regionen.').themes.find((t) => t.id === 'self-government')!;
    expect(real.evidence.map((e) => e.pattern)).toContain('phrase:kommun* planering*');
  });

  it('the same through the real bin: --explain shows no match in "kommunikation, fysisk planering"', () => {
    const dir = answersFile(['Regionen bör ansvara för kommunikation, fysisk planering och kultur i hela länet.'], { prefix: 'dialog-globs-' });
    const r = dialogBin(['themes', 'svar.yaml', '--explain', 'Exempelby', '--no-write', '-q'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('kommun* planering*');
    expect(r.stdout).toMatch(/self-government {2}no pattern matched/u);
  });
});
