import { classifyResponse } from '../classify/context.js';
import type { CompiledCodebook } from '../classify/codebook.js';
import { diag, didYouMean, type Diagnostic } from '../diagnostics.js';
import type { Corpus, Stance } from '../model.js';
import { normaliseStance } from '../ingest/stance.js';
import { excerptOf } from './apply.js';
import type { Sheet } from '../sheet.js';
import type { StanceDecision, ThemeDecision } from './decisions.js';

export interface ImportOptions {
  /** Who reviewed, for rows whose reviewer column is empty. */
  reviewer?: string;
  /** The date decisions are recorded with (YYYY-MM-DD). */
  date: string;
}

export interface Imported {
  answers: ThemeDecision[];
  responses: StanceDecision[];
  /** Rows with nothing decided in them (left for later). */
  skipped: number;
  diagnostics: Diagnostic[];
}

/** "The machine's themes are right": a cell that confirms them without writing them out. */
const CONFIRM = new Set(['ok', 'ja', 'yes', 'rätt', 'korrekt']);
const NO_THEME = '-';

/**
 * The decisions of a filled review sheet: per answer, the themes the person wrote (`ok` for the
 * machine's own, `-` for none) compared with what the codebook gives now; per response, the
 * position written in any row of it. Unknown answers and themes, an unreadable position, rows of
 * one answer or response that disagree, and a missing reviewer are errors at their row and
 * column, all at once; nothing is merged while any remains.
 */
export function importSheet(sheet: Sheet, corpus: Corpus, book: CompiledCodebook, opts: ImportOptions): Imported {
  const out: Imported = { answers: [], responses: [], skipped: 0, diagnostics: [] };
  const problem = (at: { file: string; line: number; col: number }, message: string) => out.diagnostics.push(diag(at.file, at.line, at.col, message));
  const header = sheet.header.map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const answerCol = col('answer');
  const themesCol = col('themes');
  const stanceCol = col('stance');
  if (answerCol < 0 || (themesCol < 0 && stanceCol < 0)) {
 problem(sheet.headerPlace, 'the first row must name the columns, among them "answer" and "themes" or "stance" (`dialog review export` writes such a sheet)');
    return out;
  }
  const answers = new Map<string, { response: string; respondent: string; name: string; text: string; of: Corpus['responses'][number]; index: number }>();
  const names = new Map(corpus.respondents.map((p) => [p.id, p.name]));
  for (const r of corpus.responses)
    r.answers.forEach((a, index) => answers.set(a.id, { response: r.id, respondent: r.respondent, name: names.get(r.respondent) ?? r.respondentAsWritten, text: a.text, of: r, index }));
  // The machine's themes as the run gives them: each answer classified in its response (context rules).
  const classified = new Map<Corpus['responses'][number], ReturnType<typeof classifyResponse>>();
  const machineOf = (x: { of: Corpus['responses'][number]; index: number }) => {
    if (!classified.has(x.of)) classified.set(x.of, classifyResponse(book, x.of));
    return classified.get(x.of)![x.index].themes.filter((t) => t.assigned).map((t) => t.id);
  };
  const themeIds = book.themes.map((t) => t.id);
  const known = new Set(themeIds);
  const byAnswer = new Map<string, { decision: ThemeDecision; said: string; row: number }>();
  const byResponse = new Map<string, { decision: StanceDecision; row: number }>();
  const cell = (cells: string[], i: number) => (i < 0 ? '' : (cells[i] ?? '').trim().replace(/^'/u, ''));
  const reviewerCol = col('reviewer');
  const noteCol = col('note');

  for (const { row, cells, place } of sheet.rows) {
    const id = cell(cells, answerCol);
    const themesCell = cell(cells, themesCol);
    const stanceCell = cell(cells, stanceCol);
    if (!themesCell && !stanceCell) {
      if (id || cells.some((c) => c.trim())) out.skipped++;
      continue;
    }
    const answer = answers.get(id);
    if (!answer) {
      problem(place(answerCol), id ? `no answer ${id} in the corpus${answers.size <= 50_000 ? didYouMean(id, [...answers.keys()]) : ''}; its text may have changed since the sheet was exported: export again (\`dialog review export\`) and copy the decision over` : 'this row has a decision but no answer id; keep the answer column as exported');
      continue;
    }
    const reviewer = cell(cells, reviewerCol) || opts.reviewer;
    if (!reviewer) {
      problem(place(reviewerCol >= 0 ? reviewerCol : answerCol), 'who made this decision? fill in the reviewer column, or give --reviewer "Name" for the whole sheet');
      continue;
    }
    const note = cell(cells, noteCol);
    const common = { reviewer, date: opts.date, respondent: answer.respondent, name: answer.name, at: { line: row, col: 1 }, ...(note ? { note } : {}) };
    if (themesCell) {
      const said = themesOf(themesCell, place(themesCol), known, themeIds, problem);
      if (said) {
        const first = byAnswer.get(id);
        const key = [...said.themes].sort().join(' ') + (said.confirm ? ' ok' : '');
        if (first && first.said !== key) problem(place(themesCol), `answer ${id} is decided differently on row ${first.row} ("${first.decision.confirm.concat(first.decision.add).join(' ') || NO_THEME}"); keep one row per answer, or make them agree`);
        else if (!first) {
          const machine = machineOf(answer);
          const wanted = said.confirm ? new Set(machine) : said.themes;
          const decision: ThemeDecision = {
            ...common,
            answer: id,
            text: excerptOf(answer.text),
            confirm: machine.filter((t) => wanted.has(t)),
            add: themeIds.filter((t) => wanted.has(t) && !machine.includes(t)),
            remove: machine.filter((t) => !wanted.has(t)),
          };
          byAnswer.set(id, { decision, said: key, row });
        }
      }
    }
    if (stanceCell) {
      const stance: Stance | undefined = normaliseStance(stanceCell);
      if (!stance) {
        problem(place(stanceCol), `"${stanceCell}" is not a position: write support, conditional, oppose or no-opinion (or tillstyrker, tillstyrker med förbehåll, avstyrker, avstår)`);
        continue;
      }
      const first = byResponse.get(answer.response);
      if (first && first.decision.stance !== stance) problem(place(stanceCol), `response ${answer.response} (${answer.name}) is given the position ${stance} here and ${first.decision.stance} on row ${first.row}; a response has one position: make the rows agree`);
      else if (!first) byResponse.set(answer.response, { decision: { ...common, response: answer.response, stance }, row });
    }
  }
  out.answers = [...byAnswer.values()].map((x) => x.decision);
  out.responses = [...byResponse.values()].map((x) => x.decision);
  return out;
}

function themesOf(
  raw: string,
  at: { file: string; line: number; col: number },
  known: ReadonlySet<string>,
  themeIds: readonly string[],
  problem: (at: { file: string; line: number; col: number }, message: string) => void,
): { themes: Set<string>; confirm: boolean } | undefined {
  const tokens = raw.split(/[\s,;|]+/u).filter(Boolean);
  if (tokens.length === 1 && CONFIRM.has(tokens[0].toLowerCase())) return { themes: new Set(), confirm: true };
  if (tokens.includes(NO_THEME)) {
    if (tokens.length > 1) {
      problem(at, `"${raw}" both names themes and says - (no theme); keep one`);
      return undefined;
    }
    return { themes: new Set(), confirm: false };
  }
  const unknown = tokens.filter((t) => !known.has(t));
  for (const t of unknown) problem(at, `no theme "${t}" in the codebook${didYouMean(t, themeIds)} (themes: ${themeIds.join(', ')}; ok for the machine's themes, - for none)`);
  return unknown.length ? undefined : { themes: new Set(tokens), confirm: false };
}
