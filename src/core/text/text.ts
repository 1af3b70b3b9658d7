import { forEachWord } from './words.js';
/** Unicode-aware tokens and sentences. JavaScript's \b and \w are ASCII-only, so letters are \p{L}. */

export interface Token {
  text: string;
  start: number;
  end: number;
  /** Index of the sentence the token stands in. */
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
}


/** Abbreviations whose full stop does not end a sentence (lower case, without the final dot). */
const ABBREVIATIONS = new Set([
  't.ex', 'bl.a', 's.k', 'm.m', 'o.s.v', 'dvs', 'd.v.s', 'etc', 'kap', 'resp', 'ca', 'jfr', 'osv', 'nr', 'st', 'prop', 'sou', 'ds',
  'f.d', 'p.g.a', 'pga', 'enl', 'inkl', 'exkl', 'fr.o.m', 't.o.m', 'ang', 'bet', 'tel', 'dnr', 'mkr', 'mnkr', 'kr', 'milj', 'mdr', 'ff', 's', 'jan', 'feb',
  'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec', 'fig', 'tab', 'ordf', 'v', 'vs',
]);

/** Splits text into sentence spans: at . ! ? followed by space and a capital or digit, and at blank lines. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const re = /([.!?…]+["”»)]?)(\s+)(?=["“”«(]?[\p{Lu}\p{N}–-])|\n\s*\n|\n(?=\s*(?:[-•*–]|\d+[.)])\s)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[1]) {
      const before = text.slice(Math.max(start, m.index - 12), m.index);
      const word = /([\p{L}.]+)$/u.exec(before)?.[1]?.toLowerCase();
      if (word && m[1] === '.' && (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word))) continue;
    }
    const end = m[1] ? m.index + m[1].length : m.index;
    if (text.slice(start, end).trim()) out.push(trimSpan(text, start, end));
    start = m.index + m[0].length;
  }
  if (text.slice(start).trim()) out.push(trimSpan(text, start, text.length));
  return out;
}

function trimSpan(text: string, start: number, end: number): Sentence {
  while (start < end && /\s/u.test(text[start])) start++;
  while (end > start && /\s/u.test(text[end - 1])) end--;
  return { start, end };
}

/** Tokens with their character offsets and sentence index. */
export function tokenize(text: string, spans: Sentence[] = sentences(text)): Token[] {
  const tokens: Token[] = [];
  let s = 0;
  forEachWord(text, (start, end) => {
    while (s < spans.length - 1 && start >= spans[s].end) s++;
    tokens.push({ text: text.slice(start, end), start, end, sentence: s });
  });
  return tokens;
}

const NOT_ONE_LINE = /^\s|\s$|[^\S ]| \s/u;

/** Whitespace folded to single spaces, for quoting a sentence on one line. */
export function oneLine(text: string): string {
  // Most sentences are one line already; testing is far cheaper than rebuilding them.
  if (!NOT_ONE_LINE.test(text)) return text;
  return text.replace(/\s+/gu, ' ').trim();
}
