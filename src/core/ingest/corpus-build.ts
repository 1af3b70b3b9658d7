import { diag, didYouMean, type Diagnostic } from '../diagnostics.js';
import type { Answer, Consultation, Corpus, CorpusSettings, FactsFile, Respondent, Response, Source, SourceFormat } from '../model.js';
import { sameLetters } from './same-letter.js';
import { assignIds } from './ids.js';
import { copyText, type ParsedFile } from './raw.js';
import type { RespondentIndex } from './respondents.js';

export interface IngestSummary {
  files: number;
  responses: number;
  answers: number;
  respondents: number;
  unknownRespondents: number;
  warnings: number;
  corpus: { sources: number; responses: number; answers: number; respondents: number };
}

/** Past this many, unknown respondents (and unknown question ids) are summed up in one warning instead of one each. */
const MAX_UNKNOWN_WARNINGS = 20;

export interface MergeOptions {
  /**
   * The files are the whole input (the config's inputs): sources not among them left the
   * inputs and leave the corpus.
   */
  mirror?: boolean;
  /** The settings files the corpus is built with (register, manifests), recorded in it. */
  settings?: CorpusSettings;
  /** The workspace's consultation file, read: it is the consultation, and no input may hold another. */
  consultation?: ConfigConsultation;
}

/** The consultation file named by the config, with its path and hash as the corpus records them. */
export interface ConfigConsultation extends FactsFile {
  consultation: Consultation;
}

const DOCUMENT_FORMATS: ReadonlySet<SourceFormat> = new Set(['pdf', 'docx', 'txt', 'md']);

/**
 * Merges freshly parsed files into a corpus. A file replaces every response it contributed
 * before, so ingesting the same file twice changes nothing; a file whose content is already in
 * the corpus under another path (a copy, or the same file reached another way) is counted once.
 * Ids derive from what a response and each answer say (see ids.ts), so they survive re-export.
 */
export function mergeIntoCorpus(
  existing: Corpus,
  files: ParsedFile[],
  respondents: RespondentIndex,
  options: MergeOptions = {},
): { corpus: Corpus; diagnostics: Diagnostic[]; summary: IngestSummary & { removedSources: string[] } } {
  const diagnostics: Diagnostic[] = [];
  const incoming = new Set(files.map((f) => f.path));
  const kept = (path: string) => !incoming.has(path) && !options.mirror;
  const removedSources = options.mirror ? existing.sources.filter((s) => !incoming.has(s.path)).map((s) => s.path) : [];
  const responses: Response[] = existing.responses.filter((r) => kept(r.source));
  const keptBefore = responses.length;
  const sources = new Map<string, Source>(existing.sources.filter((s) => kept(s.path)).map((s) => [s.path, s]));
  const byContent = new Map<string, string>();
  for (const s of sources.values()) if (!s.duplicateOf) byContent.set(s.sha256, s.path);
  const people = new Map<string, Respondent>();
  // The consultation is a fact like any other: it stays only while the input it came from stays.
  const prior = existing.settings?.consultation;
  let consultation: Consultation | undefined;
  let consultationOrigin: CorpusSettings['consultation'];
  if (existing.consultation && prior?.input && kept(prior.path)) {
    consultation = existing.consultation;
    consultationOrigin = prior;
  } else if (existing.consultation && !existing.settings && !options.mirror) consultation = existing.consultation;
  let consultationFrom = consultationOrigin?.path;
  if (options.consultation) {
    if (consultation && consultationFrom)
      diagnostics.push(diag(consultationFrom, 0, 0, `holds a consultation ("${consultation.id}"), and dialog.config.yaml names another, ${options.consultation.path}; a corpus holds one consultation: remove the \`consultation\` block here or the \`consultation\` line of the config`));
    consultation = options.consultation.consultation;
    consultationFrom = options.consultation.path;
    consultationOrigin = { path: options.consultation.path, sha256: options.consultation.sha256 };
  }
  let unknown = 0;
  let unknownQuestions = 0;
  // The summing-up line names a file where the problem is, not merely the last file read.
  let lastUnknownPath = '';
  let lastUnknownQuestionPath = '';
  let fresh = 0;
  let freshAnswers = 0;
  const freshRespondents = new Set<string>();

  const sorted = [...files].sort((a, b) => cmp(a.path, b.path));
  for (const file of sorted) {
    if (!file.consultation) continue;
    if (options.consultation) {
      diagnostics.push(
        diag(file.path, file.consultationLine ?? 1, 1, `a second consultation "${file.consultation.id}" (dialog.config.yaml names ${options.consultation.path}); a corpus holds one consultation: remove this \`consultation\` block, or the \`consultation\` line of the config`),
      );
      continue;
    }
    if (consultationFrom && consultation && consultation.id !== file.consultation.id) {
      diagnostics.push(
        diag(file.path, file.consultationLine ?? 1, 1, `a second consultation "${file.consultation.id}" (the first, "${consultation.id}", is in ${consultationFrom}); a corpus holds one consultation: ingest the other into its own --out`),
      );
    }
    consultation = file.consultation;
    consultationFrom = file.path;
    consultationOrigin = { path: file.path, sha256: file.sha256, input: true };
  }
  if (existing.consultation && !consultation)
    diagnostics.push(diag(prior?.path ?? '.', 0, 0, `the consultation "${existing.consultation.id}" ("${existing.consultation.title}") left the corpus with the file it came from; reports have no consultation title or questions until an input or \`consultation\` in dialog.config.yaml gives one`, 'notice'));
  const questionIds = consultation?.questions?.length ? new Set(consultation.questions.map((q) => q.id)) : undefined;

  for (const file of sorted) {
    const first = byContent.get(file.sha256);
    if (first !== undefined && first !== file.path) {
      diagnostics.push(diag(file.path, 0, 0, `the same content as ${first}: counted once (remove the copy to silence this notice)`, 'notice'));
      sources.set(file.path, { path: file.path, sha256: file.sha256, ...(file.size !== undefined ? { size: file.size } : {}), duplicateOf: first, format: file.format, encoding: file.encoding, responses: 0, answers: 0 });
      continue;
    }
    byContent.set(file.sha256, file.path);
    const counts = { responses: file.responses.length, answers: file.responses.reduce((n, r) => n + r.answers.length, 0) };
    for (let i = 0; i < file.responses.length; i++) {
      const raw = file.responses[i];
      const resolution = respondents.resolveName(raw.respondent, raw.type);
      const who = resolution.respondent;
      if (resolution.ambiguous)
        diagnostics.push(diag(file.path, raw.line, raw.col, `"${raw.respondent}" could be ${resolution.ambiguous[0]} or ${resolution.ambiguous[1]}; kept as its own respondent: write one name per row, or add the form you mean as a variant in the register`, 'warning'));
      else if (!who.known && !people.has(who.id)) {
        unknown++;
        lastUnknownPath = file.path;
        if (unknown <= MAX_UNKNOWN_WARNINGS)
          diagnostics.push(diag(file.path, raw.line, raw.col, `"${raw.respondent}" is not in the register${didYouMean(raw.respondent, respondents.names())}; kept as ${who.type} "${who.name}" (fix the name, or pass --register or add a variant if it is a body the register should know)`, 'warning'));
      }
      if (!people.has(who.id)) people.set(who.id, who);
      if (questionIds)
        for (const a of raw.answers)
          if (a.question && !questionIds.has(a.question)) {
            lastUnknownQuestionPath = file.path;
            if (++unknownQuestions <= MAX_UNKNOWN_WARNINGS)
              diagnostics.push(diag(file.path, a.line, a.col, `question "${a.question}" is not one of the consultation's questions (${[...questionIds].slice(0, 20).join(', ')}); fix the id or add the question`, 'warning'));
          }
      // Ids are given once the corpus is whole (assignIds): they follow content, not the file.
      const response: Response = {
        id: '',
        source: file.path,
        line: raw.line,
        respondent: who.id,
        respondentAsWritten: raw.respondent,
        answers: [],
        reservations: raw.reservations,
      };
      if (resolution.organ) response.organ = resolution.organ;
      if (raw.date) response.date = raw.date;
      if (raw.reference) response.reference = raw.reference;
      if (raw.stance) response.stance = raw.stance;
      if (raw.stanceText) response.stanceText = raw.stanceText;
      response.answers = raw.answers.map((a, i) => {
        const answer: Answer = copyText({ id: '' }, a);
        if (a.question) answer.question = a.question;
        if (a.heading) answer.heading = a.heading;
        if (a.themes) answer.themes = a.themes;
        return answer;
      });
      responses.push(response);
      // The raw form is no longer needed: let it go now, not after the last file (large inputs).
      (file.responses as unknown[])[i] = undefined;
      fresh++;
      freshAnswers += response.answers.length;
      freshRespondents.add(who.id);
    }
    sources.set(file.path, {
      path: file.path,
      sha256: file.sha256,
      ...(file.size !== undefined ? { size: file.size } : {}),
      format: file.format,
      encoding: file.encoding,
      responses: counts.responses,
      answers: counts.answers,
      ...(file.facts?.length ? { facts: file.facts } : {}),
      ...(file.unreadable ? { unreadable: file.unreadable } : {}),
    });
  }

  if (unknown > MAX_UNKNOWN_WARNINGS)
    diagnostics.push(diag(lastUnknownPath, 0, 0, `and ${unknown - MAX_UNKNOWN_WARNINGS} more respondents not in the register (${unknown} in all); see \`dialog themes --format csv\` for the list`, 'warning'));

  if (unknownQuestions > MAX_UNKNOWN_WARNINGS)
    diagnostics.push(diag(lastUnknownQuestionPath, 0, 0, `and ${unknownQuestions - MAX_UNKNOWN_WARNINGS} more answers to questions that are not the consultation's (${unknownQuestions} in all)`, 'warning'));
  const letters = sameLetter(responses, sources, people, diagnostics);
  const counted = letters.dropped.size ? responses.filter((r) => !letters.dropped.has(r)) : responses;
  for (const r of letters.dropped)
    if (incoming.has(r.source)) {
      fresh--;
      freshAnswers -= r.answers.length;
    }
  // A letter kept from before as a copy (or earlier version) of a file read now: if that file
  // changed, the two may no longer be one letter, and the copy's text is not in the corpus.
  const before = new Map(existing.sources.map((s) => [s.path, s.sha256]));
  for (const s of sources.values()) {
    const target = s.duplicateOf ?? s.replacedBy;
    if (!target || incoming.has(s.path) || !incoming.has(target)) continue;
    const now = sources.get(target);
    if (now && before.has(target) && before.get(target) !== now.sha256)
      diagnostics.push(diag(s.path, 0, 0, `was counted as ${s.duplicateOf ? 'a copy' : 'an earlier version'} of ${target}, which changed: ingest ${s.path} again too (or run \`dialog ingest\` on all inputs) so that both are compared anew`, 'warning'));
  }
  counted.sort((a, b) => cmp(a.source, b.source) || a.line - b.line);
  assignIds(counted);
  assertUniqueIds(counted);
  // Every response read now has its respondent among people already: only those kept from the
  // corpus before can lack one.
  if (keptBefore) {
    const known = new Map(existing.respondents.map((p) => [p.id, p]));
    for (const r of counted) if (!people.has(r.respondent)) people.set(r.respondent, known.get(r.respondent) ?? respondents.resolve(r.respondentAsWritten));
  }
  const settings = builtWith(existing.settings, options, consultationOrigin);
  const corpus: Corpus = {
    format: 'dialog-corpus',
    version: 1,
    ...(consultation ? { consultation } : {}),
    ...(settings ? { settings } : {}),
    sources: [...sources.values()].sort((a, b) => cmp(a.path, b.path)),
    respondents: [...people.values()].sort((a, b) => cmp(a.id, b.id)),
    responses: counted,
  };
  const summary: IngestSummary & { removedSources: string[] } = {
    removedSources,
    files: files.length,
    responses: fresh,
    answers: freshAnswers,
    respondents: freshRespondents.size,
    unknownRespondents: [...freshRespondents].filter((id) => !people.get(id)?.known).length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length + files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === 'warning').length, 0),
    corpus: {
      sources: corpus.sources.length,
      responses: counted.length,
      answers: counted.reduce((n, r) => n + r.answers.length, 0),
      respondents: corpus.respondents.length,
    },
  };
  return { corpus, diagnostics, summary };
}

/**
 * The settings the corpus now rests on. The register is this run's (every response was resolved
 * against it). Manifests: this run's; when merging, also those of the responses kept from before.
 */
function builtWith(before: CorpusSettings | undefined, options: MergeOptions, consultation: CorpusSettings['consultation']): CorpusSettings | undefined {
  if (!options.settings && !before && !consultation) return undefined;
  const manifests = new Map((options.mirror ? [] : (before?.manifests ?? [])).map((m) => [m.path, m]));
  for (const m of options.settings?.manifests ?? []) manifests.set(m.path, m);
  return orderedSettings({ register: options.settings?.register ?? before?.register ?? [], ...(consultation ? { consultation } : {}), manifests: [...manifests.values()].sort((a, b) => cmp(a.path, b.path)) });
}

/** Settings in one order, whatever order they were set in: the corpus is byte-identical. */
function orderedSettings(s: CorpusSettings): CorpusSettings {
  return { register: s.register, ...(s.consultation ? { consultation: s.consultation } : {}), ...(s.manifests?.length ? { manifests: s.manifests } : {}), ids: 'content' };
}

/**
 * Documents of one respondent that are the same letter (a PDF and its Word original) or an
 * earlier version of a later letter are counted once (see same-letter.ts). The one not counted
 * stays among the sources, marked, so that staleness still follows its file.
 */
function sameLetter(responses: Response[], sources: Map<string, Source>, people: Map<string, Respondent>, diagnostics: Diagnostic[]) {
  const formatOf = (r: Response) => sources.get(r.source)!.format;
  const documents = responses.filter((r) => DOCUMENT_FORMATS.has(sources.get(r.source)?.format as SourceFormat) && sources.get(r.source)!.responses === 1);
  const { same, undecided } = sameLetters(documents, formatOf);
  const dropped = new Set<Response>();
  const name = (r: Response) => people.get(r.respondent)?.name ?? r.respondentAsWritten;
  for (const s of same) {
    dropped.add(s.dropped);
    const source = sources.get(s.dropped.source)!;
    const alike = `${Math.floor(s.similarity * 100)} % of the text alike`;
    if (s.kind === 'copy') {
      sources.set(source.path, { ...source, duplicateOf: s.kept.source, responses: 0, answers: 0 });
      const same = [s.kept.date, s.kept.reference].filter(Boolean).join(', ');
      diagnostics.push(diag(s.dropped.source, 0, 0, `the same letter from ${name(s.kept)}${same ? ` (${same})` : ''} as ${s.kept.source} (${alike}): counted once, read from ${s.kept.source}; remove one of the two files to silence this notice`, 'notice'));
    } else {
      sources.set(source.path, { ...source, replacedBy: s.kept.source, responses: 0, answers: 0 });
      diagnostics.push(diag(s.dropped.source, 0, 0, `replaced by ${s.kept.source}, a later letter from ${name(s.kept)} (${s.kept.date}; this one ${s.dropped.date}${s.kept.reference ? `, both ${s.kept.reference}` : ''}; ${alike}): only the later one is counted. If both letters count, give them different references in a manifest; else remove the earlier file`, 'notice'));
    }
  }
  for (const u of undecided)
    diagnostics.push(diag(u.b.source, 0, 0, `a later letter from ${name(u.b)} with the same reference (${u.b.reference}) as ${u.a.source}, but with other text (${Math.floor(u.similarity * 100)} % alike): both are counted. If it replaces the earlier letter, remove ${u.a.source}`, 'warning'));
  return { dropped };
}

/** Ids are unique by construction; a clash is a bug, and a corpus with one must not be written. */
function assertUniqueIds(responses: Response[]) {
  const seen = new Set<string>();
  for (const r of responses) {
    if (seen.has(r.id)) throw new Error(`response id ${r.id} is not unique (${r.source}:${r.line})`);
    seen.add(r.id);
  }
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
