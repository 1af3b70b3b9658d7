import { delimitedRows } from '../sheet.js';
import { diag, didYouMean, type Diagnostic } from '../diagnostics.js';
import type { Corpus } from '../model.js';
import { validator } from '../schemas.js';
import { parseYaml, validateYaml } from '../ingest/yaml-source.js';

/** The themes a person gave one answer, and where the file says so. */
export interface Label {
  answer: string;
  themes: string[];
  line: number;
  col: number;
  /** Where each theme id stands (for messages about unknown ids). */
  at: { line: number; col: number }[];
}

export interface LabelsFile {
  labels: Label[];
  diagnostics: Diagnostic[];
}

/** Labels kept apart from the answers (documents cannot hold them): YAML, schemas/labels.schema.json. */
export function parseLabelsYaml(path: string, text: string): LabelsFile {
  const src = parseYaml(path, text);
  const diagnostics = src.diagnostics.filter((d) => d.severity === 'error');
  if (!diagnostics.length) diagnostics.push(...validateYaml(path, src, validator('labels')));
  if (diagnostics.length) return { labels: [], diagnostics };
  const data = src.data as { labels: { answer: string; themes: string[] }[] };
  const labels = data.labels.map((l, i) => ({
    answer: l.answer,
    themes: l.themes,
    ...src.locate(['labels', i, 'answer']),
    at: l.themes.map((_, j) => src.locate(['labels', i, 'themes', j])),
  }));
  const first = new Map<string, number>();
  for (const l of labels) {
    const before = first.get(l.answer);
    if (before !== undefined) diagnostics.push(diag(path, l.line, l.col, `answer ${l.answer} is labelled twice (first on line ${before}); give each answer once, with all its themes`));
    else first.set(l.answer, l.line);
  }
  return { labels, diagnostics };
}

const NO_THEME = '-';

/**
 * Labels as CSV: an `answer` column and a `themes` (or `theme`) column, other columns ignored, so
 * that a filled-in `dialog labels template` or `dialog themes --format csv` is a labels file.
 * Rows of one answer add up. An empty cell leaves the row out (not labelled yet); `-` is "no theme".
 */
export function parseLabelsCsv(path: string, text: string): LabelsFile {
  const diagnostics: Diagnostic[] = [];
  const read = delimitedRows(text);
  if ('error' in read) return { labels: [], diagnostics: [diag(path, read.error.line, 1, `${read.error.message}; fix the row`)] };
  const { records: rows, delimiter } = read;
  const header = (rows[0]?.record ?? []).map((h) => h.trim().toLowerCase());
  const answerCol = header.indexOf('answer');
  const themesCol = header.includes('themes') ? header.indexOf('themes') : header.indexOf('theme');
  if (answerCol < 0 || themesCol < 0)
    return { labels: [], diagnostics: [diag(path, 1, 1, 'the first row must name the columns, among them "answer" and "themes" (dialog labels template writes such a file)')] };
  const byAnswer = new Map<string, Label>();
  const kindOf = new Map<string, { kind: 'themes' | 'none'; line: number }>();
  const validate = validator('labels');
  const colOf = (record: string[], col: number) => record.slice(0, col).reduce((n, cell) => n + cell.length + 1, 1);
  for (const { record, info } of rows.slice(1)) {
    const line = info.lines;
    // A cell a spreadsheet would run as a formula was written with a leading apostrophe.
    const cell = (i: number) => (record[i] ?? '').trim().replace(/^'/u, '');
    const answer = cell(answerCol);
    const raw = cell(themesCol);
    if (!answer && !raw) continue;
    // More cells than the header names: themes separated by the file's delimiter, unquoted, would
    // be read as cells of no column and lost without a word.
    if (record.length > header.length) {
      diagnostics.push(diag(path, line, colOf(record, header.length), `this row has ${record.length} cells, but the first row names ${header.length} columns; put a cell that holds ${delimiter === ',' ? 'commas' : 'the delimiter'} in double quotes, or separate theme ids with spaces`));
      continue;
    }
    if (!raw) continue; // not labelled yet
    const tokens = raw.split(/[\s,;|]+/u).filter(Boolean);
    const themes = tokens.filter((t) => t !== NO_THEME);
    const candidate = { labels: [{ answer, themes: [...new Set(themes)] }] };
    if (!validate(candidate)) {
      for (const e of validate.errors ?? []) {
        const field = e.instancePath.includes('/themes') ? themesCol : answerCol;
        const what = field === answerCol ? `"${answer}" is not an answer id: write one such as a-0123456789ab (dialog labels template lists them)` : `"${raw}" is not a list of theme ids: write ids such as self-government, separated by spaces or commas, or - for no theme`;
        diagnostics.push(diag(path, line, colOf(record, field), what));
      }
      continue;
    }
    const at = { line, col: colOf(record, themesCol) };
    // "No theme" and a theme for the same answer contradict each other: which was meant is the labeller's call.
    const kind = themes.length ? 'themes' : 'none';
    const first = kindOf.get(answer);
    if ((themes.length && tokens.includes(NO_THEME)) || (first && first.kind !== kind)) {
      diagnostics.push(diag(path, line, at.col, `answer ${answer} is labelled both with themes and as - (no theme)${first && first.line !== line ? ` (line ${first.line})` : ''}; keep one`));
      continue;
    }
    if (!first) kindOf.set(answer, { kind, line });
    const l = byAnswer.get(answer) ?? byAnswer.set(answer, { answer, themes: [], line, col: colOf(record, answerCol), at: [] }).get(answer)!;
    for (const t of themes)
      if (!l.themes.includes(t)) {
        l.themes.push(t);
        l.at.push(at);
      }
  }
  return { labels: [...byAnswer.values()], diagnostics };
}

/**
 * Errors for labels that name no answer of the corpus, or a theme the codebook does not have,
 * each at its place with the nearest id.
 */
export function checkLabels(path: string, labels: Label[], corpus: Corpus, themeIds: string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const answers = new Set<string>();
  for (const r of corpus.responses) for (const a of r.answers) answers.add(a.id);
  const known = new Set(themeIds);
  let unknown = 0;
  for (const l of labels) {
    if (!answers.has(l.answer)) {
      // The nearest id (a mistyped character), looked for among a bounded number of answers only.
      const hint = ++unknown <= 20 && answers.size <= NEAREST_AMONG ? didYouMean(l.answer, [...answers]) : '';
      out.push(diag(path, l.line, l.col, `no answer ${l.answer} in the corpus${hint}; an answer's id changes when its text changes: \`dialog labels template\` lists the current ones`));
    }
    l.themes.forEach((t, i) => {
      if (!known.has(t)) out.push(diag(path, l.at[i].line, l.at[i].col, `no theme "${t}" in the codebook${didYouMean(t, themeIds)} (themes: ${themeIds.join(', ')})`));
    });
  }
  return out;
}

/** Above this many answers, an unknown id gets no did-you-mean: comparing it with each costs too much. */
const NEAREST_AMONG = 50_000;

/** The corpus with each labelled answer's themes replaced by the file's. */
export function applyLabels(corpus: Corpus, labels: Label[]): Corpus {
  const byAnswer = new Map(labels.map((l) => [l.answer, l.themes]));
  return { ...corpus, responses: corpus.responses.map((r) => ({ ...r, answers: r.answers.map((a) => (byAnswer.has(a.id) ? { ...a, themes: byAnswer.get(a.id)! } : a)) })) };
}
