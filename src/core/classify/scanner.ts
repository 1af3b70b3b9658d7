import { wordCharAt, wordTable } from '../text/words.js';

/**
 * The compiled half of the matcher: one pass over an answer that finds its words (as
 * `forEachWord` does) and, while reading each word's letters, runs two automata over the
 * codebook's literal parts, so that only words that could satisfy some atom are cut out of the
 * text and looked up (`CompiledCodebook.atomsFor`, which stays the one definition of what a word
 * matches). Most words of an answer are no candidate and cost a few table lookups.
 *
 * Why a filter is exact: every atom a word can satisfy puts a literal at its start or inside it.
 * - word atoms: the lower-case word is the atom's word or its stem, plus an ending, or has the
 *   atom's stem as its own stem. Natural's Swedish stemmer only removes endings from words of the
 *   letters a–z, å, ä, ö, so such a word starts with the atom's word or stem;
 * - tokens, forms and case-sensitive words: the word is the literal, or it and a genitive s;
 * - globs: the word starts with the part before the first `*`, or, for a glob that begins with
 *   `*`, contains its longest part (Aho–Corasick over those parts).
 * A word with any character outside a–z, å, ä, ö (either case) and the ASCII digits — é, another
 * script, letters whose case folding meets these (the Kelvin sign, long s) — is always a candidate: the
 * stemmer's regions and regular expressions' case folding are left to `atomsFor`. A codebook with
 * a literal that case-folds onto these letters from outside them, or with an empty literal,
 * gets no scanner and is matched word by word as before.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyzåäö';
/**
 * The automata read the Swedish letters and the ASCII digits. Digits have no case and the
 * stemmer only cuts endings, so a word with digits satisfies an atom only through a literal it
 * starts with or contains, as a word of letters does; without them every number, year and
 * running number ("Remissinstans 123456") was a candidate, and filled the word caches.
 */
const ALPHABET = `${LETTERS}0123456789`;
const S = ALPHABET.length;
/** Symbols from here on are digits: a word holding one is no word of letters (see everyWord). */
const FIRST_DIGIT = LETTERS.length;
/** A word character outside the alphabet: the word is a candidate. */
const OTHER = S;
/** A high surrogate: a word character when its pair is a letter or digit (then OTHER). */
const SURROGATE = S + 1;
const NOT_WORD = S + 2;
/** Added to an upper-case letter's symbol: the automata read the letter, the caller learns the case. */
const UPPER = 64;
const SYMBOL = UPPER - 1;

let symbols: Uint8Array | undefined;

/** The symbol of every UTF-16 unit: its letter's index in ALPHABET (plus UPPER in upper case), OTHER, SURROGATE or NOT_WORD. */
function symbolTable(): Uint8Array {
  if (symbols) return symbols;
  const words = wordTable();
  const t = new Uint8Array(0x10000).fill(NOT_WORD);
  for (let c = 0; c < 0x10000; c++) if (words[c]) t[c] = OTHER;
  for (let c = 0xd800; c <= 0xdbff; c++) t[c] = SURROGATE;
  for (let k = 0; k < S; k++) {
    t[ALPHABET.toUpperCase().charCodeAt(k)] = k | UPPER;
    t[ALPHABET.charCodeAt(k)] = k;
  }
  return (symbols = t);
}

/** The 68 characters the automata read, for the case-folding check. */
const SURE = [...ALPHABET, ...LETTERS.toUpperCase()];

/** Whether a character outside the alphabet matches one inside it under case-insensitive Unicode matching. */
function foldsOntoAlphabet(ch: string): boolean {
  // Only syntax characters are escaped: under the u flag an escaped `-` or `/` is an error.
  const re = new RegExp(`^${ch.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}$`, 'iu');
  return SURE.some((c) => re.test(c));
}

export interface Literals {
  /** A candidate word starts with one of these (lower case). */
  prefixes: Set<string>;
  /** A candidate word contains one of these (lower case). */
  infixes: Set<string>;
  /** As written in the codebook, for the case-folding check. */
  written: Set<string>;
}

export class WordScanner {
  private readonly sym = symbolTable();
  /** Prefix trie: state 0 is dead, 1 the root; `S` transitions per state. */
  private readonly prefix: Int32Array;
  private readonly prefixEnd: Uint8Array;
  /** How many states the prefix trie has: a `whole` state is below this. */
  readonly prefixStates: number;
  /** Aho–Corasick automaton over the infixes, as a full transition table; state 0 is the root. */
  private readonly ac: Int32Array;
  private readonly acOut: Uint8Array;

  private constructor(prefixes: string[], infixes: string[]) {
    // Literals with a character outside the alphabet can only meet words that are candidates anyway.
    const usable = (s: string) => [...s].every((ch) => ALPHABET.includes(ch));
    const p = buildTrie(prefixes.filter(usable), 1);
    this.prefix = p.next;
    this.prefixEnd = p.end;
    this.prefixStates = p.count;
    const a = buildTrie(infixes.filter(usable), 0);
    const { next, end } = a;
    // Breadth-first: each state's failure link, and missing transitions filled from it.
    const fail = new Int32Array(a.count);
    const queue: number[] = [];
    for (let s = 0; s < S; s++) {
      const to = next[s];
      if (to) {
        fail[to] = 0;
        queue.push(to);
      }
    }
    while (queue.length) {
      const u = queue.shift()!;
      if (end[fail[u]]) end[u] = 1;
      for (let s = 0; s < S; s++) {
        const to = next[u * S + s];
        if (to) {
          fail[to] = next[fail[u] * S + s];
          queue.push(to);
        } else next[u * S + s] = next[fail[u] * S + s];
      }
    }
    this.ac = next;
    this.acOut = end;
  }

  /** A scanner for these literals, or undefined when the filter could not be exact (see above). */
  static build(literals: Literals): WordScanner | undefined {
    const all = [...literals.prefixes, ...literals.infixes];
    if (all.some((s) => s === '')) return undefined;
    for (const s of [...all, ...literals.written]) for (const ch of s) if (!ALPHABET.includes(ch) && !ALPHABET.toUpperCase().includes(ch) && foldsOntoAlphabet(ch)) return undefined;
    return new WordScanner([...literals.prefixes], [...literals.infixes]);
  }

  /**
   * Calls `onCandidate(start, end, index, true, whole)` for each word of `text` that may satisfy
   * an atom, in order; `index` counts every word (candidate or not), as `forEachWord` would. With
   * `everyWord`, the other words of letters alone are reported too, with `false`: a glob of stars
   * alone matches letters only, so a word with a digit that is no candidate satisfies nothing.
   * `whole` is non-zero for a word in lower case that the prefix trie read to its end: the trie's
   * state, which names that word and no other (see CompiledCodebook.entryAt).
   */
  scan(text: string, onCandidate: (start: number, end: number, index: number, candidate: boolean, whole: number) => void, everyWord = false): void {
    const sym = this.sym;
    const prefix = this.prefix;
    const prefixEnd = this.prefixEnd;
    const ac = this.ac;
    const acOut = this.acOut;
    const words = wordTable();
    const n = text.length;
    let i = 0;
    let index = 0;
    while (i < n) {
      let s = sym[text.charCodeAt(i)] & SYMBOL;
      if (s === NOT_WORD || (s === SURROGATE && !wordCharAt(text, i, words))) {
        i++;
        continue;
      }
      const start = i;
      let hit = false;
      let digit = false;
      let upper = 0;
      let p = 1;
      let q = 0;
      while (i < n) {
        const symbol = sym[text.charCodeAt(i)];
        s = symbol & SYMBOL;
        if (s < S) {
          if (s >= FIRST_DIGIT) digit = true;
          upper |= symbol;
          // The trie is read to the word's end (state 0 is dead and stays so), the automaton until a hit.
          p = prefix[p * S + s];
          if (!hit) {
            q = ac[q * S + s];
            if (prefixEnd[p] || acOut[q]) hit = true;
          }
          i++;
        } else if (s === OTHER) {
          hit = true;
          p = 0;
          i++;
        } else if (s === SURROGATE) {
          const w = wordCharAt(text, i, words);
          if (!w) break;
          hit = true;
          p = 0;
          i += w;
        } else break;
      }
      if (hit || (everyWord && !digit)) onCandidate(start, i, index, hit, hit && !(upper & UPPER) ? p : 0);
      index++;
    }
  }
}

/** A trie over the alphabet's symbols as a transition table (0: no transition), with its end marks. */
function buildTrie(strings: string[], root: number): { next: Int32Array; end: Uint8Array; count: number } {
  const nodes = root + 1 + strings.reduce((n, s) => n + s.length, 0);
  const next = new Int32Array(nodes * S);
  const end = new Uint8Array(nodes);
  let count = root + 1;
  for (const str of strings) {
    let u = root;
    for (const ch of str) {
      const s = ALPHABET.indexOf(ch);
      if (!next[u * S + s]) next[u * S + s] = count++;
      u = next[u * S + s];
    }
    end[u] = 1;
  }
  return { next: next.subarray(0, count * S), end: end.subarray(0, count), count };
}
