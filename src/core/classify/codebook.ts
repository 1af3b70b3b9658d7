import { stem } from '../text/stem.js';
import { WordScanner, type Literals } from './scanner.js';
import { GlobFilter, wordKind } from './glob-filter.js';

/** The codebook as written in YAML (schemas/codebook.schema.json). */
export interface MatcherSpec {
  word?: string;
  glob?: string;
  phrase?: string;
  token?: string;
  near?: [string, string];
  case?: boolean;
  gap?: number;
}
export interface ExclusionSpec extends MatcherSpec {
  /**
   * Where the cue must stand: the sentence (default), within `window` words, or — for companions
   * of `requires` only — anywhere in the response (`response`) or in the respondent's name (`respondent`).
   */
  scope?: 'sentence' | 'window' | 'response' | 'respondent';
  window?: number;
  note?: string;
}
export interface PatternSpec extends MatcherSpec {
  weight?: number;
  exclude?: ExclusionSpec[];
  /** For near: words allowed between the two (default 5). */
  within?: number;
  /** For near: both in one sentence (default) or anywhere within `within` words. */
  scope?: 'sentence' | 'window';
  /** For word: irregular forms that the stem does not reach. */
  forms?: string[];
  /**
   * Counts only beside a companion cue: another pattern of the theme (`theme`), the theme
   * assigned to another answer of the same response (`response`), or one of these cues.
   */
  requires?: 'theme' | 'response' | ExclusionSpec[];
  /** How many occurrences count (default 1). */
  repeat?: number;
  note?: string;
}
export interface ThemeSpec {
  id: string;
  label: { sv: string; en?: string };
  description?: { sv: string; en?: string };
  threshold?: number;
  /** When set, the score counts only patterns within this many consecutive sentences. */
  window?: number;
  patterns: PatternSpec[];
  exclude?: ExclusionSpec[];
}
export interface Codebook {
  version?: number;
  language?: string;
  description?: string;
  /** The id of the consultation the codebook was written for. */
  consultation?: string;
  /** Words (globs) that no glob matches unless it spells them out: kommun* is not kommunikation. */
  except?: string[];
  themes: ThemeSpec[];
}

export const KINDS = ['word', 'glob', 'phrase', 'token', 'near'] as const;
export type Kind = (typeof KINDS)[number];

/** Problems the schema cannot express: exactly one kind per pattern, unique theme ids. */
export function checkCodebook(book: Codebook): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const seen = new Set<string>();
  const vetoScope = (x: ExclusionSpec, path: (string | number)[]) => {
    if (x.scope === 'response' || x.scope === 'respondent')
      out.push({ path: [...path, 'scope'], message: `scope: ${x.scope} applies to the companions of requires only; an exclusion vetoes in its sentence or window` });
  };
  book.themes.forEach((t, i) => {
    if (seen.has(t.id)) out.push({ path: ['themes', i, 'id'], message: `duplicate theme id "${t.id}"; each theme needs its own id` });
    seen.add(t.id);
    const check = (spec: MatcherSpec, path: (string | number)[]) => {
      const kinds = KINDS.filter((k) => spec[k] !== undefined);
      if (kinds.length !== 1)
        out.push({ path, message: kinds.length ? `a pattern has one of word, glob, phrase, token, near; this one has ${kinds.join(' and ')}: split it in two` : 'a pattern needs one of word, glob, phrase, token or near' });
      if (spec.gap !== undefined && spec.phrase === undefined) out.push({ path: [...path, 'gap'], message: '"gap" applies to phrase patterns only; remove it' });
    };
    t.patterns.forEach((p, j) => {
      const at = ['themes', i, 'patterns', j];
      check(p, at);
      p.exclude?.forEach((x, k) => check(x, [...at, 'exclude', k]));
      if (Array.isArray(p.requires)) p.requires.forEach((x, k) => check(x, [...at, 'requires', k]));
      p.exclude?.forEach((x, k) => vetoScope(x, [...at, 'exclude', k]));
      if (p.near === undefined)
        for (const key of ['within', 'scope'] as const) if (p[key] !== undefined) out.push({ path: [...at, key], message: `"${key}" applies to near patterns only; remove it` });
      if (p.forms !== undefined && p.word === undefined) out.push({ path: [...at, 'forms'], message: '"forms" applies to word patterns only; write the forms as their own patterns' });
      if ((p.requires === 'theme' || p.requires === 'response') && t.patterns.every((q) => q === p || q.requires !== undefined))
        out.push({ path: [...at, 'requires'], message: `requires: ${p.requires} needs another pattern of the theme that counts on its own` });
    });
    t.exclude?.forEach((x, k) => check(x, ['themes', i, 'exclude', k]));
    t.exclude?.forEach((x, k) => vetoScope(x, ['themes', i, 'exclude', k]));
  });
  return out;
}

/** Endings that turn a Swedish stem into its inflected forms (nouns, verbs, adjectives). */
const ENDINGS = [
  'a', 'ad', 'ade', 'ades', 'ande', 'andet', 'ar', 'arna', 'arnas', 'ars', 'as', 'at', 'ats', 'de', 'des', 'e', 'en', 'ens',
  'er', 'erna', 'ernas', 'ers', 'es', 'et', 'ets', 'n', 'na', 'nas', 'ns', 'or', 'orna', 'ornas', 's', 't', 'te', 'tes', 'ts',
];
const MAX_ENDING = 5;

/** One word-level test; patterns are sequences of atoms. */
interface Atom {
  id: number;
  key: string;
}

export interface CompiledPattern {
  index: number;
  theme: number;
  label: string;
  kind: Kind;
  atoms: number[];
  gap: number;
  weight: number;
  /** For near: words allowed between, and whether both must stand in one sentence. */
  within: number;
  sameSentence: boolean;
  repeat: number;
  requiresTheme: boolean;
  /** requires: response — counts when its theme is assigned to another answer of the same response. */
  requiresResponse: boolean;
  requirements: CompiledExclusion[];
  /** True when the pattern can only be settled with the response around the answer (see classifyResponse). */
  contextual: boolean;
  excludes: CompiledExclusion[];
  /** The pattern's own exclusions followed by its theme's. */
  vetoes: CompiledExclusion[];
}
/** What a word satisfies: its atoms, and the patterns and exclusions whose first atom is among them. */
export interface AtomEntry {
  atoms: readonly number[];
  patterns: readonly CompiledPattern[];
  exclusions: readonly CompiledExclusion[];
}
export interface CompiledExclusion {
  label: string;
  atoms: number[];
  gap: number;
  scope: 'sentence' | 'window' | 'response' | 'respondent';
  window: number;
}
export interface CompiledTheme {
  id: string;
  label: { sv: string; en?: string };
  description?: { sv: string; en?: string };
  threshold: number;
  window?: number;
  patterns: CompiledPattern[];
  excludes: CompiledExclusion[];
}

/**
 * A codebook compiled once: every distinct word pattern becomes an atom; a token is tested
 * against the atoms once, and the answer is cached, so classification costs a map lookup per token.
 */
export class CompiledCodebook {
  readonly themes: CompiledTheme[] = [];
  /** Patterns (and exclusions) indexed by their first atom. */
  readonly byFirstAtom = new Map<number, CompiledPattern[]>();
  readonly exclusionsByFirstAtom = new Map<number, CompiledExclusion[]>();
  /** Companions to be looked for in the respondent's name (requires with scope: respondent). */
  readonly respondentCues: CompiledExclusion[] = [];
  /** Whether any pattern needs the response around its answer (requires: response, scope response or respondent). */
  contextual = false;
  private readonly atomKeys = new Map<string, Atom>();
  /** Word atoms by the base form they accept (stem or word), for ending-stripping lookups. */
  private readonly wordBases = new Map<string, number[]>();
  private readonly wordStems = new Map<string, number[]>();
  private readonly exactLower = new Map<string, number[]>();
  private readonly exactCase = new Map<string, number[]>();
  private readonly globs: { id: number; re: RegExp; filter: GlobFilter; caseSensitive: boolean; letters: string }[] = [];
  /** The codebook's `except` words, with their letters (see excepted). */
  private readonly except: { re: RegExp; filter: GlobFilter; letters: string }[] = [];
  private readonly tokenCache = new Map<string, readonly number[]>();
  /** The literal parts of every atom, for the scanner (see scanner.ts). */
  private readonly literals: Literals = { prefixes: new Set(), infixes: new Set(), written: new Set() };
  private compiledScanner: WordScanner | undefined | null = null;
  /** Glob atoms of stars alone (`*` in a phrase): every word of letters satisfies them. */
  readonly everyWord: number[] = [];
  private alwaysEntry: AtomEntry | undefined;
  private readonly entryCache = new Map<string, AtomEntry>();
  /** Entries by the prefix trie's state of a whole word (see entryAt); the trie is small and fixed. */
  private stateEntries: (AtomEntry | null)[] = [];

  constructor(readonly source: Codebook) {
    for (const e of source.except ?? []) {
      this.except.push({ re: globRegExp(e, false), filter: new GlobFilter(e, false), letters: e.replaceAll('*', '').toLowerCase() });
      // A word an except glob matches is looked up, so that the glob can take atoms away.
      this.literals.written.add(e);
      globLiteral(e.toLowerCase(), this.literals);
    }
    for (const [ti, t] of source.themes.entries()) {
      const excludes = (t.exclude ?? []).map((x) => this.exclusion(x));
      const theme: CompiledTheme = { id: t.id, label: t.label, threshold: t.threshold ?? 1, patterns: [], excludes };
      if (t.description) theme.description = t.description;
      if (t.window !== undefined) theme.window = t.window;
      for (const p of t.patterns) {
        const kind = KINDS.find((k) => p[k] !== undefined)!;
        const requirements = Array.isArray(p.requires) ? p.requires.map((x) => this.exclusion(x)) : [];
        const contextual = p.requires === 'response' || requirements.some((r) => r.scope === 'response' || r.scope === 'respondent');
        if (contextual) this.contextual = true;
        const compiled: CompiledPattern = {
          index: theme.patterns.length,
          theme: ti,
          label: patternLabel(p),
          kind,
          atoms: this.atomsOf(p),
          gap: p.gap ?? 0,
          weight: p.weight ?? 1,
          within: p.within ?? 5,
          sameSentence: (p.scope ?? 'sentence') === 'sentence',
          repeat: p.repeat ?? 1,
          requiresTheme: p.requires === 'theme',
          requiresResponse: p.requires === 'response',
          requirements,
          contextual,
          excludes: (p.exclude ?? []).map((x) => this.exclusion(x)),
          vetoes: [],
        };
        compiled.vetoes = [...compiled.excludes, ...excludes];
        theme.patterns.push(compiled);
        push(this.byFirstAtom, compiled.atoms[0], compiled);
      }
      this.themes.push(theme);
    }
  }

  private exclusion(x: ExclusionSpec): CompiledExclusion {
    const c: CompiledExclusion = { label: label(x), atoms: this.atomsOf(x), gap: x.gap ?? 0, scope: x.scope ?? 'sentence', window: x.window ?? 5 };
    push(this.exclusionsByFirstAtom, c.atoms[0], c);
    if (c.scope === 'respondent') this.respondentCues.push(c);
    return c;
  }

  private atomsOf(spec: MatcherSpec & { forms?: string[] }): number[] {
    const caseSensitive = spec.case ?? spec.token !== undefined;
    const term = (w: string) => this.atom(w.includes('*') ? 'glob' : 'word', w, caseSensitive);
    if (spec.token !== undefined) return [this.atom('token', spec.token, caseSensitive)];
    if (spec.word !== undefined) return [this.atom('word', spec.word, caseSensitive, spec.forms)];
    if (spec.near !== undefined) return spec.near.map(term);
    if (spec.glob !== undefined) return [this.atom('glob', spec.glob, caseSensitive)];
    return spec.phrase!.split(/\s+/u).filter(Boolean).map(term);
  }

  private atom(kind: 'word' | 'glob' | 'token', value: string, caseSensitive: boolean, forms: string[] = []): number {
    const key = `${kind}\u0000${caseSensitive ? value : value.toLowerCase()}\u0000${caseSensitive}\u0000${forms.join(' ')}`;
    const existing = this.atomKeys.get(key);
    if (existing) return existing.id;
    const id = this.atomKeys.size;
    this.atomKeys.set(key, { id, key });
    this.addLiterals(kind, value, caseSensitive, forms);
    for (const f of forms) push(caseSensitive ? this.exactCase : this.exactLower, caseSensitive ? f : f.toLowerCase(), id);
    if (kind === 'token') push(caseSensitive ? this.exactCase : this.exactLower, caseSensitive ? value : value.toLowerCase(), id);
    else if (kind === 'glob') {
      this.globs.push({ id, re: globRegExp(value, caseSensitive), filter: new GlobFilter(value, caseSensitive), caseSensitive, letters: value.replaceAll('*', '').toLowerCase() });
    } else if (caseSensitive) push(this.exactCase, value, id);
    else {
      const lower = value.toLowerCase();
      push(this.wordBases, lower, id);
      const s = stem(lower);
      if (s !== lower) push(this.wordBases, s, id);
      push(this.wordStems, s, id);
    }
    return id;
  }

  /** What a word that satisfies this atom starts with or contains (see scanner.ts). */
  private addLiterals(kind: 'word' | 'glob' | 'token', value: string, caseSensitive: boolean, forms: string[]) {
    const { prefixes, infixes, written } = this.literals;
    written.add(value);
    for (const f of forms) {
      written.add(f);
      prefixes.add(f.toLowerCase());
    }
    const lower = value.toLowerCase();
    if (kind === 'glob') {
      // A glob of stars alone matches every word of letters (unless an except word says otherwise).
      if (lower.replaceAll('*', '') === '') this.everyWord.push(this.atomKeys.size - 1);
      else globLiteral(lower, this.literals);
    } else {
      prefixes.add(lower);
      if (kind === 'word' && !caseSensitive) prefixes.add(stem(lower));
    }
  }

  /**
   * The compiled scanner over every atom's literals, built on first use; undefined for a
   * codebook it cannot filter exactly (then every word is looked up).
   */
  get scanner(): WordScanner | undefined {
    if (this.compiledScanner === null) {
      this.compiledScanner = WordScanner.build(this.literals);
      // Filled up front: an array written at scattered indices would fall back to a dictionary.
      if (this.compiledScanner) this.stateEntries = new Array<AtomEntry | null>(this.compiledScanner.prefixStates).fill(null);
    }
    return this.compiledScanner;
  }

  /**
   * A word's atoms with the patterns and exclusions that start at them (in the order of their
   * first atoms, then of the codebook), cached per distinct word: classification reads these
   * instead of looking each atom up.
   */
  entryFor(token: string): AtomEntry {
    let entry = this.entryCache.get(token);
    if (entry) return entry;
    entry = this.entryOf(this.atomsFor(token));
    if (this.entryCache.size >= TOKEN_CACHE_SIZE) this.entryCache.clear();
    this.entryCache.set(token, entry);
    return entry;
  }

  /**
   * The entry of the word `text.slice(start, end)`, which the scanner's prefix trie read whole to
   * `state` (see WordScanner.scan): the state names the word, so its entry is kept by state, and
   * the most frequent words (och, att, i, för, the codebook's own) are found without being cut
   * out of the text or hashed.
   */
  entryAt(state: number, text: string, start: number, end: number): AtomEntry {
    return (this.stateEntries[state] ??= this.entryFor(text.slice(start, end)));
  }

  /** The entry of the words that are no candidate of the scanner (see everyWord). */
  get everyWordEntry(): AtomEntry {
    return (this.alwaysEntry ??= this.entryOf(this.everyWord));
  }

  private entryOf(atoms: readonly number[]): AtomEntry {
    if (!atoms.length) return NO_ENTRY;
    const patterns: CompiledPattern[] = [];
    const exclusions: CompiledExclusion[] = [];
    for (const a of atoms) {
      const x = this.exclusionsByFirstAtom.get(a);
      if (x) exclusions.push(...x);
      const p = this.byFirstAtom.get(a);
      if (p) patterns.push(...p);
    }
    return { atoms, patterns, exclusions };
  }

  /** Atom ids that a token satisfies; cached per distinct token. */
  atomsFor(token: string): readonly number[] {
    let hit = this.tokenCache.get(token);
    if (hit) return hit;
    const found = new Set<number>();
    const add = (ids?: number[]) => ids?.forEach((id) => found.add(id));
    add(this.exactCase.get(token));
    const lower = token.toLowerCase();
    add(this.exactLower.get(lower));
    // The genitive s of names, acronyms and irregular forms: Storsthlms, Gotlands, KSL:s (":" splits it off).
    if (token.length > 2 && lower.endsWith('s')) {
      add(this.exactCase.get(token.slice(0, -1)));
      add(this.exactLower.get(lower.slice(0, -1)));
    }
    add(this.wordBases.get(lower));
    add(this.wordStems.get(stem(lower)));
    for (let n = 1; n <= MAX_ENDING && n < lower.length - 1; n++) {
      const ending = lower.slice(-n);
      if (ENDINGS.includes(ending)) add(this.wordBases.get(lower.slice(0, -n)));
    }
    const kind = wordKind(token);
    const matches = (g: { re: RegExp; filter: GlobFilter }) => g.filter.decide(token, lower, kind) ?? g.re.test(token);
    const excepted = this.except.length ? this.except.filter(matches) : NO_EXCEPT;
    for (const g of this.globs) if (matches(g) && !excepted.some((e) => !g.letters.includes(e.letters))) found.add(g.id);
    hit = found.size ? [...found].sort((a, b) => a - b) : NO_ATOMS;
    if (this.tokenCache.size >= TOKEN_CACHE_SIZE) this.tokenCache.clear();
    this.tokenCache.set(token, hit);
    return hit;
  }
}

/** A glob's literal for the scanner: its part before the first star, or its longest part; '' for stars alone. */
function globLiteral(lower: string, literals: Literals) {
  const parts = lower.split('*');
  if (parts[0] !== '') literals.prefixes.add(parts[0]);
  else literals.infixes.add(parts.reduce((a, b) => (b.length > a.length ? b : a), ''));
}

const NO_ATOMS: readonly number[] = Object.freeze([]);
const NO_ENTRY: AtomEntry = Object.freeze({ atoms: NO_ATOMS, patterns: Object.freeze([]), exclusions: Object.freeze([]) });
const NO_EXCEPT: readonly { re: RegExp; letters: string }[] = Object.freeze([]);

/** A glob as a regular expression: * for any letters, the rest literal. */
export function globRegExp(glob: string, caseSensitive: boolean): RegExp {
  const body = glob
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\p{L}*');
  return new RegExp(`^${body}$`, caseSensitive ? 'u' : 'iu');
}
/** Distinct words remembered per codebook: a real corpus of a million answers has fewer; a worker's heap stays small. */
const TOKEN_CACHE_SIZE = 250_000;

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * A pattern's name in evidence and statistics. Patterns that look beyond their answer say so
 * (`@response`, `@respondent`): the same word may be a cue of its own and, with more weight, a
 * cue in context, and the two must be told apart in `--eval`.
 */
export function patternLabel(p: PatternSpec): string {
  const base = label(p);
  if (p.requires === 'response') return `${base} @response`;
  if (!Array.isArray(p.requires)) return base;
  if (p.requires.some((r) => r.scope === 'respondent')) return `${base} @respondent`;
  if (p.requires.some((r) => r.scope === 'response')) return `${base} @response`;
  return base;
}

export function label(spec: MatcherSpec): string {
  const kind = KINDS.find((k) => spec[k] !== undefined)!;
  return kind === 'near' ? `near:${spec.near!.join('~')}` : `${kind}:${spec[kind]}`;
}
