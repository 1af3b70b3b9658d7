import { questionFor } from '../documents/sections.js';
import type { Question } from '../model.js';
import { headerName, mapHeader, type FindQuestionColumns, type HeaderMap, type HeaderProblem, type QuestionColumn } from './csv-columns.js';

/**
 * A sheet in the wide shape — one row per respondent, one column per question, as a web form
 * exports it — is read as if each answered question cell were a row of the long shape (one
 * answer per row, a text column and a question column). It is taken so only when the header has
 * no text column; then a header cell is a question's column when it
 *  - is a question's id ("q3"), in any case;
 *  - names a question as a document's heading does (questionFor: "Fråga 2 …", or most of the
 *    question's words); "Question 2" and "q2 …" are read as "Fråga 2";
 *  - without a consultation's questions: "Fråga N …", "Question N …" or "qN" gives the id qN.
 */

/** A header that numbers a question: "Fråga 2", "Question 2: …", "q2", "Q 2." (not "Fråga 2a"). */
const NUMBERED = /^(?:fråga|fraga|question|q)\s*(\d{1,3})(?![\p{L}\p{N}])/iu;

/** The most of a header cell a notice shows. */
const SHOWN = 40;

/** The header of a sheet of answers: its columns, and its question columns when it is wide. */
export function mapSheetHeader(header: string[], questions: readonly Question[] = []): HeaderMap {
  return mapHeader(header, questionColumns(questions));
}

/** The question columns of a header without a text column (see mapHeader). */
export function questionColumns(questions: readonly Question[]): FindQuestionColumns {
  return (header, unnamed, index) => {
    const problems: HeaderProblem[] = [];
    const found: QuestionColumn[] = [];
    const refused: number[] = [];
    let looksWide = false;
    const ids = questions.map((q) => q.id).join(', ');
    for (const i of unnamed) {
      const cell = header[i].trim();
      const id = questionOf(cell, questions);
      if (id !== undefined) {
        found.push({ column: i, id });
        continue;
      }
      const numbered = NUMBERED.exec(cell);
      if (numbered) {
        // Only a consultation's questions leave a numbered column unnamed: its answers must not be dropped.
        looksWide = true;
        refused.push(i);
        problems.push({
          col: i + 1,
          severity: 'error',
          message: `column "${cell}" names question ${Number(numbered[1])}, which the consultation does not have (its questions: ${ids}); name the column by one of those ids, or add the question to the consultation file`,
        });
      } else if (/\?\s*$/u.test(cell)) looksWide = true;
    }
    if (!found.length) return { questions: [], problems, looksWide, refused };
    const first = new Map<string, number>();
    for (const q of found) {
      const before = first.get(q.id);
      if (before === undefined) first.set(q.id, q.column);
      else
        problems.push({
          col: q.column + 1,
          severity: 'error',
          message: `columns "${header[before].trim()}" (field ${before + 1}) and "${header[q.column].trim()}" (field ${q.column + 1}) both name question ${q.id}; a sheet with one column per question has one column for each: rename or remove one of them`,
        });
    }
    if (index.question !== undefined)
      problems.push({
        col: index.question + 1,
        severity: 'error',
        message: `column "${header[index.question].trim()}" gives a question id, but this sheet has one column per question (${found.map((q) => `"${shown(header[q.column])}"`).join(', ')}) and no text column; remove it, or give the sheet one answer per row with a text column`,
      });
    if (index.themes !== undefined)
      problems.push({
        col: index.themes + 1,
        severity: 'error',
        message: `column "${header[index.themes].trim()}" cannot say which of a row's answers its themes belong to in a sheet with one column per question; remove it, or give the sheet one answer per row with a text column`,
      });
    problems.push({
      col: 1,
      severity: 'notice',
      message: `read as one column per question: ${found.map((q) => `"${shown(header[q.column])}" → ${q.id}`).join(', ')}`,
    });
    return { questions: found, problems, looksWide: true, refused };
  };
}

/** The id of the question a header cell names, or undefined. */
function questionOf(cell: string, questions: readonly Question[]): string | undefined {
  const numbered = NUMBERED.exec(cell);
  if (!questions.length) return numbered ? `q${Number(numbered[1])}` : undefined;
  const name = headerName(cell);
  const byId = questions.find((q) => q.id.toLowerCase() === name);
  if (byId) return byId.id;
  // questionFor knows a document's "Fråga 2" heading; a form says "Question 2" or "q2" too.
  return questionFor(numbered ? `Fråga ${numbered[1]}${cell.slice(numbered[0].length)}` : cell, questions);
}

function shown(cell: string): string {
  const s = cell.trim().replace(/\s+/gu, ' ');
  return s.length > SHOWN ? `${s.slice(0, SHOWN - 1).trimEnd()}…` : s;
}
