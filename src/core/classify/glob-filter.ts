/**
 * A glob decided without its regular expression where that is exact: a codebook's 200 globs are
 * then not each compiled and run for every new word (a third of a small report's time).
 *
 * The word must begin with the glob's first literal part, hold the parts between in order and end
 * with its last; a star stands for letters. Under the `i` and `u` flags a letter also matches
 * letters outside ASCII that fold onto it (ſ onto s, the Kelvin sign onto k, the ångström sign onto
 * å), so lower-casing decides only where both the glob and the word are written in PLAIN letters,
 * whose case forms are each other's alone. For a word of plain letters only, every star's stretch
 * is letters, so the parts decide the match exactly; for any other word, a "no" from the parts is
 * still exact, and a "yes" is left to the expression.
 */
const PLAIN = /^[0-9A-Za-zÅÄÖåäöÆØæøÉéÜü]*$/u;
const PLAIN_LETTERS = /^[A-Za-zÅÄÖåäöÆØæøÉéÜü]*$/u;

/** How a word is written, for GlobFilter.decide: 0 plain letters only, 1 plain letters and digits, 2 anything else. */
export type WordKind = 0 | 1 | 2;

export function wordKind(word: string): WordKind {
  return PLAIN_LETTERS.test(word) ? 0 : PLAIN.test(word) ? 1 : 2;
}

export class GlobFilter {
  private readonly first: string;
  private readonly middle: string[];
  private readonly last: string;
  private readonly least: number;
  private readonly stars: boolean;
  private readonly folded: boolean;
  /** A case-insensitive glob with a letter outside PLAIN: only its expression decides. */
  private readonly open: boolean;

  constructor(glob: string, caseSensitive: boolean) {
    const parts = glob.split('*');
    const written = caseSensitive ? parts : parts.map((p) => p.toLowerCase());
    this.stars = parts.length > 1;
    this.first = written[0];
    this.middle = written.slice(1, -1).filter(Boolean);
    this.last = this.stars ? written[written.length - 1] : '';
    this.least = written.reduce((n, p) => n + p.length, 0);
    this.folded = !caseSensitive;
    this.open = !caseSensitive && !PLAIN.test(glob.replaceAll('*', ''));
  }

  /**
   * Whether the glob's expression matches `word` (`lower` is it lower-cased, `kind` its wordKind),
   * or undefined where only the expression can tell.
   */
  decide(word: string, lower: string, kind: WordKind): boolean | undefined {
    if (this.open || (this.folded && kind === 2)) return undefined;
    const w = this.folded ? lower : word;
    if (!this.parts(w)) return false;
    return kind === 0 ? true : undefined;
  }

  private parts(w: string): boolean {
    if (!this.stars) return w === this.first;
    if (w.length < this.least || !w.startsWith(this.first)) return false;
    let at = this.first.length;
    for (const part of this.middle) {
      const found = w.indexOf(part, at);
      if (found < 0) return false;
      at = found + part.length;
    }
    return w.length - this.last.length >= at && w.endsWith(this.last);
  }
}
