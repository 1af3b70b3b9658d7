import type { Diagnostic } from '../diagnostics.js';
import { detach } from '../text/detach.js';
import { append, diag } from '../diagnostics.js';
import type { Consultation, RespondentType } from '../model.js';
import type { ParsedFile, RawResponse } from './raw.js';
import { validator } from '../schemas.js';
import { normaliseStance, stanceHelp } from './stance.js';
import { parseYaml, validateYaml, type YamlSource } from './yaml-source.js';

interface YamlResponse {
  respondent: string;
  type?: RespondentType;
  date?: string;
  reference?: string;
  stance?: string;
  answers: { question?: string; text: string; themes?: string[] }[];
  reservations?: { parties: string[]; text: string }[];
}

/** Parses one YAML input file: a single response, or a consultation and/or a list of responses. */
export function readYaml(path: string, text: string, sha256: string): ParsedFile {
  const result: ParsedFile = { path, format: 'yaml', encoding: 'utf-8', sha256, responses: [], diagnostics: [] };
  if (text.trim() === '') {
    result.diagnostics.push(diag(path, 1, 1, 'the file is empty; write a response or a list of responses (see README, "Input formats")'));
    return result;
  }
  const src = parseYaml(path, text);
  append(result.diagnostics, src.diagnostics);
  if (src.diagnostics.some((d) => d.severity === 'error')) return result;
  const data = src.data;
  if (data === null || data === undefined) {
    result.diagnostics.push(diag(path, 1, 1, 'the file holds no data (only comments?); write a response or a list of responses'));
    return result;
  }
  const single = typeof data === 'object' && !Array.isArray(data) && 'respondent' in data;
  const problems = validateYaml(path, src, validator(single ? 'response' : 'responses-file'));
  if (problems.length) {
    // Report the checks the schema cannot make too, wherever the structure allows, so that one
    // run shows every problem.
    append(append(result.diagnostics, problems), semanticChecks(path, src, data, single));
    return result;
  }
  const list: YamlResponse[] = single ? [data as YamlResponse] : ((data as { responses?: YamlResponse[] }).responses ?? []);
  const base = (i: number) => (single ? [] : ['responses', i]);
  if (!single && (data as { consultation?: Consultation }).consultation) {
    result.consultation = (data as { consultation: Consultation }).consultation;
    result.consultationLine = src.locate(['consultation']).line;
    result.diagnostics.push(...duplicateIds(path, src, result.consultation.questions ?? [], ['consultation', 'questions'], 'id', 'question id'));
  }
  list.forEach((r, i) => result.responses.push(toRaw(path, src, r, base(i), result.diagnostics)));
  return result;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Stances and duplicate ids in a file that failed its schema, checked where the shapes allow. */
function semanticChecks(path: string, src: YamlSource, data: unknown, single: boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const responses = single ? [data] : isObject(data) && Array.isArray(data.responses) ? data.responses : [];
  responses.forEach((r, i) => {
    if (!isObject(r)) return;
    const at = single ? [] : ['responses', i];
    if (typeof r.stance === 'string' && r.stance.trim() && !normaliseStance(r.stance)) {
      const p = src.locate([...at, 'stance']);
      out.push(diag(path, p.line, p.col, `unknown stance "${r.stance}"; ${stanceHelp()}`));
    }
    if (Array.isArray(r.answers)) out.push(...duplicateIds(path, src, r.answers.map((a) => (isObject(a) ? a : {})), [...at, 'answers'], 'question', 'question id', ' in this response'));
  });
  const consultation = isObject(data) && !single ? data.consultation : undefined;
  if (isObject(consultation) && Array.isArray(consultation.questions))
    out.push(...duplicateIds(path, src, consultation.questions.map((q) => (isObject(q) ? q : {})), ['consultation', 'questions'], 'id', 'question id'));
  return out;
}

function duplicateIds(
  path: string,
  src: YamlSource,
  items: readonly object[],
  at: (string | number)[],
  key: string,
  what: string,
  where = '',
): Diagnostic[] {
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  items.forEach((item, j) => {
    const id = (item as Record<string, unknown>)[key];
    if (typeof id !== 'string') return;
    if (seen.has(id)) {
      const { line, col } = src.locate([...at, j, key]);
      const first = src.locate([...at, seen.get(id)!, key]).line;
      out.push(diag(path, line, col, `duplicate ${what} "${id}"${where} (first used on line ${first}); each may appear once`));
    } else seen.set(id, j);
  });
  return out;
}

function toRaw(path: string, src: YamlSource, r: YamlResponse, at: (string | number)[], out: Diagnostic[]): RawResponse {
  const { line, col } = src.locate(at);
  const raw: RawResponse = {
    line,
    col,
    // Kept values are detached from the file's text, which they would otherwise keep alive.
    respondent: detach(r.respondent.trim()),
    answers: r.answers.map((a, j) => {
      const p = src.locate([...at, 'answers', j]);
      return { line: p.line, col: p.col, question: a.question === undefined ? undefined : detach(a.question), text: a.text, themes: a.themes?.map(detach) };
    }),
    reservations: (r.reservations ?? []).map((x) => ({ parties: x.parties.map((p) => detach(p.trim())), text: detach(x.text) })),
  };
  if (r.type) raw.type = r.type;
  if (r.date) raw.date = detach(r.date);
  if (r.reference) raw.reference = detach(r.reference);
  if (r.stance !== undefined) {
    const stance = normaliseStance(r.stance);
    if (!stance) {
      const p = src.locate([...at, 'stance']);
      out.push(diag(path, p.line, p.col, `unknown stance "${r.stance}"; ${stanceHelp()}`));
    } else {
      raw.stance = stance;
      if (stance !== r.stance) raw.stanceText = detach(r.stance);
    }
  }
  out.push(...duplicateIds(path, src, r.answers, [...at, 'answers'], 'question', 'question id', ' in this response'));
  return raw;
}
