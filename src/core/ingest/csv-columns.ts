import { didYouMean } from '../diagnostics.js';

export type Column = 'respondent' | 'text' | 'question' | 'date' | 'stance' | 'reference' | 'type' | 'themes';

/** Header names accepted for each column, lower case; Swedish and English. */
export const COLUMN_NAMES: Record<Column, string[]> = {
  respondent: ['respondent', 'remissinstans', 'kommun', 'instans', 'avsändare'],
  text: ['text', 'svar', 'answer', 'yttrande'],
  question: ['question', 'fråga', 'fraga', 'question id'],
  date: ['date', 'datum'],
  stance: ['stance', 'ställningstagande', 'position'],
  reference: ['reference', 'diarienummer', 'dnr', 'diarienr'],
  type: ['type', 'typ'],
  themes: ['themes', 'teman', 'tema', 'theme'],
};

/**
 * Other names sheets use for a column — a form's export, a register kept by hand ("Organisation",
 * "Synpunkter", "Inkom"). Each is taken only when the sheet has no column of the names above for
 * that role, so a sheet that names both keeps the plain one and ignores the other, as before.
 */
export const OTHER_COLUMN_NAMES: Partial<Record<Column, string[]>> = {
  respondent: ['organisation', 'organization', 'myndighet', 'svarande', 'organisationens namn', 'remissinstansens namn', 'respondent name'],
  text: ['remissvar', 'synpunkter', 'synpunkt', 'kommentar', 'kommentarer', 'svarstext', 'response', 'comment', 'comments'],
  date: ['svarsdatum', 'inkom', 'inkommen', 'inkommet', 'ankomstdatum'],
  stance: ['inställning'],
  reference: ['ärendenummer'],
};

const LOOKUP = new Map<string, Column>(
  Object.entries(COLUMN_NAMES).flatMap(([col, names]) => names.map((n) => [n, col as Column] as const)),
);
const OTHER_LOOKUP = new Map<string, Column>(
  Object.entries(OTHER_COLUMN_NAMES).flatMap(([col, names]) => names!.map((n) => [n, col as Column] as const)),
);
const ALL_NAMES = [...LOOKUP.keys()];

/** A header cell as it is compared: lower case, inner space collapsed, without a form's trailing "*" or ":". */
export function headerName(cell: string): string {
  return cell.trim().toLowerCase().replace(/\s+/gu, ' ').replace(/\s*[*:]+$/u, '');
}

/** The role a header cell names, by a plain or another name (see OTHER_COLUMN_NAMES), or undefined. */
export function columnNamed(cell: string): Column | undefined {
  const name = headerName(cell);
  return LOOKUP.get(name) ?? OTHER_LOOKUP.get(name);
}

export interface HeaderProblem {
  col: number;
  message: string;
  severity: 'error' | 'warning' | 'notice';
}

/** A column of a sheet with one column per question: its index (0-based) and the question's id. */
export interface QuestionColumn {
  column: number;
  id: string;
}

export interface HeaderMap {
  index: Partial<Record<Column, number>>;
  problems: HeaderProblem[];
  /** Set when the sheet has one column per question and no text column (see wide-sheet.ts), in column order. */
  questions?: QuestionColumn[];
}

/**
 * Finds the question columns of a header that has no text column, among the cells that name no
 * column (`unnamed`, 0-based); `refused` are those that look like a question's but name none (an
 * error says so); `looksWide` says that some cell looks like a question, so that a missing text
 * column's message says how such a sheet is read.
 */
export type FindQuestionColumns = (
  header: string[],
  unnamed: number[],
  index: Partial<Record<Column, number>>,
) => { questions: QuestionColumn[]; problems: HeaderProblem[]; looksWide: boolean; refused: number[] };

/**
 * The role of each header cell. Without `questionColumns`, or when the sheet has a text column,
 * the sheet is read one answer per row; else its question columns (if any) are read as one
 * answer each.
 */
export function mapHeader(header: string[], questionColumns?: FindQuestionColumns): HeaderMap {
  const index: Partial<Record<Column, number>> = {};
  const problems: HeaderProblem[] = [];
  const names = header.map(headerName);
  const others = new Map<Column, number[]>();
  // The warning of each cell that names no column: a question column's is taken back.
  const unnamed = new Map<number, HeaderProblem>();
  names.forEach((name, i) => {
    const col = LOOKUP.get(name);
    if (!col) {
      const other = OTHER_LOOKUP.get(name);
      if (other) others.set(other, [...(others.get(other) ?? []), i]);
      else if (name) {
        const warning: HeaderProblem = { col: i + 1, severity: 'warning', message: `unknown column "${header[i].trim()}"${didYouMean(name, ALL_NAMES)} is ignored` };
        problems.push(warning);
        unnamed.set(i, warning);
      }
      return;
    }
    if (index[col] !== undefined) {
      problems.push({ col: i + 1, severity: 'error', message: `column "${header[i].trim()}" repeats the ${col} column (field ${index[col]! + 1}); keep one of them` });
      return;
    }
    index[col] = i;
  });
  for (const [col, at] of others) {
    const shown = (i: number) => `"${header[i].trim()}"`;
    if (index[col] !== undefined) {
      for (const i of at) problems.push({ col: i + 1, severity: 'warning', message: `column ${shown(i)} is ignored: the ${col} column is ${shown(index[col]!)}` });
    } else if (at.length > 1) {
      // Two candidates for one role: which holds it is the user's to say, not dialog's to guess.
      problems.push({
        col: at[1] + 1,
        severity: 'error',
        message: `columns ${at.map(shown).join(' and ')} could each be the ${col} column; rename the one that is to "${COLUMN_NAMES[col][0]}"`,
      });
    } else index[col] = at[0];
  }
  let questions: QuestionColumn[] | undefined;
  let looksWide = false;
  // A form's export ends in a free "Kommentar" column as often as not: a text column found only by
  // another name does not make a sheet of question columns one answer per row (which would leave
  // every question's answers out).
  const textByOtherName = index.text !== undefined && !LOOKUP.has(names[index.text]);
  if (questionColumns && (index.text === undefined || textByOtherName) && (others.get('text')?.length ?? 0) <= 1) {
    const wide = questionColumns(header, [...unnamed.keys()], { ...index, text: undefined });
    if (!textByOtherName || wide.questions.length) {
      if (textByOtherName) {
        const t = index.text!;
        delete index.text;
        problems.push({
          col: t + 1,
          severity: 'warning',
          message: `column "${header[t].trim()}" is ignored: this sheet has one column per question (see the notice); name the column by a question's id to read it as answers`,
        });
      }
      looksWide = wide.looksWide;
      if (wide.questions.length) questions = wide.questions;
      // A question column is no unknown column, nor is one refused as a question.
      const taken = new Set([...wide.questions.map((q) => q.column), ...wide.refused].map((i) => unnamed.get(i)));
      for (let i = problems.length - 1; i >= 0; i--) if (taken.has(problems[i])) problems.splice(i, 1);
      problems.push(...wide.problems);
    }
  }
  for (const need of ['respondent', 'text'] as const) {
    const ambiguous = (others.get(need)?.length ?? 0) > 1;
    if (index[need] === undefined && !ambiguous && !(need === 'text' && questions)) {
      // A header that looks like a form's questions is told how a sheet of one column per question is read.
      // (Unquoted: a long stretch between two quotes would be cut as one quoted value.)
      const perQuestion = need === 'text' && looksWide ? ', or one column per question (headed Fråga 1, q1, or a question\'s text from the consultation file)' : '';
      problems.push({
        col: 1,
        severity: 'error',
        message: `missing required column "${need}" (accepted names: ${[...COLUMN_NAMES[need], ...(OTHER_COLUMN_NAMES[need] ?? [])].join(', ')})${perQuestion}; the first row must be a header naming the columns`,
      });
    }
  }
  return questions ? { index, problems, questions } : { index, problems };
}

/** Picks the delimiter that splits the header line into the most fields, outside quotes. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] >= counts[','] && counts[';'] >= counts['\t'] && counts[';'] > 0) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/** Splits a themes cell: "a; b | c, d" → [a, b, c, d]. An empty cell means no theme. */
export function splitThemes(cell: string): string[] {
  return cell
    .split(/[;,|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Accepts 2016-03-14, 2016/03/14, 14/3/2016, 14.3.2016 and 14-3-2016; returns YYYY-MM-DD or undefined. */
export function parseDate(cell: string): string | undefined {
  const s = cell.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2})?$/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return iso(m[1], m[2], m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return iso(m[3], m[2], m[1]);
  return undefined;
}

function iso(y: string, m: string, d: string): string | undefined {
  const date = new Date(Date.UTC(+y, +m - 1, +d));
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +m - 1 || date.getUTCDate() !== +d) return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
