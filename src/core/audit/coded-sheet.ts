import { diag, didYouMean, type Diagnostic } from '../diagnostics.js';
import type { Sheet } from '../sheet.js';

/** A coder's themes per answer, from a filled audit sheet: `-` for none; empty cells are not coded. */
export interface Coding {
  /** The sheet, as messages name it. */
  file: string;
  themes: Map<string, string[]>;
}

/**
 * The codes of a filled audit sheet (an `answer` and a `themes` column), every problem at its row
 * and column, all at once: an answer that is not in the corpus, a theme the codebook does not
 * have, one answer coded twice differently, themes and `-` together.
 */
export function readCoding(sheet: Sheet, file: string, answers: ReadonlySet<string>, themeIds: readonly string[]): { coding: Coding; diagnostics: Diagnostic[] } {
  const coding: Coding = { file, themes: new Map() };
  const diagnostics: Diagnostic[] = [];
  const problem = (at: { file: string; line: number; col: number }, message: string) => diagnostics.push(diag(at.file, at.line, at.col, message));
  const header = sheet.header.map((h) => h.trim().toLowerCase());
  const answerCol = header.indexOf('answer');
  const themesCol = header.indexOf('themes');
  if (answerCol < 0 || themesCol < 0) {
    problem(sheet.headerPlace, 'the first row must name the columns, among them "answer" and "themes" (`dialog audit sample` writes such a sheet)');
    return { coding, diagnostics };
  }
  const known = new Set(themeIds);
  const firstRow = new Map<string, { row: number; key: string }>();
  for (const { row, cells, place } of sheet.rows) {
    const id = (cells[answerCol] ?? '').trim();
    const raw = (cells[themesCol] ?? '').trim().replace(/^'/u, '');
    if (!raw) continue;
    if (!answers.has(id)) {
      problem(place(answerCol), id ? `no answer ${id} in the corpus${answers.size <= 50_000 ? didYouMean(id, [...answers]) : ''}; keep the answer column as \`dialog audit sample\` wrote it` : 'this row is coded but has no answer id');
      continue;
    }
    const tokens = raw.split(/[\s,;|]+/u).filter(Boolean);
    if (tokens.includes('-') && tokens.length > 1) {
      problem(place(themesCol), `"${raw}" both names themes and says - (no theme); keep one`);
      continue;
    }
    const themes = tokens.filter((t) => t !== '-');
    const unknown = themes.filter((t) => !known.has(t));
    for (const t of unknown) problem(place(themesCol), `no theme "${t}" in the codebook${didYouMean(t, themeIds)} (themes: ${themeIds.join(', ')}; - for none)`);
    if (unknown.length) continue;
    const key = [...new Set(themes)].sort().join(' ');
    const first = firstRow.get(id);
    if (first) {
      if (first.key !== key) problem(place(themesCol), `answer ${id} is coded differently on row ${first.row}; code each answer once`);
      continue;
    }
    firstRow.set(id, { row, key });
    coding.themes.set(id, [...new Set(themes)]);
  }
  return { coding, diagnostics };
}
