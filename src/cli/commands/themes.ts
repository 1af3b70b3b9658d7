import { dirname, join, resolve } from 'node:path';
import { Aggregator } from '../../core/report/aggregate.js';
import { stanceOf } from '../../core/classify/analyse.js';
import { answerResult, outcomeOf, type ResponseOutcome, type ThemeOutcome } from '../../core/classify/outcome.js';
import { classify } from '../../core/classify/classify.js';
import { CompiledCodebook, KINDS, type PatternSpec } from '../../core/classify/codebook.js';
import { diag, InputError, UsageError } from '../../core/diagnostics.js';
import { evaluate, type Evaluation, type LabelledPrediction } from '../../core/classify/evaluate.js';
import { patternStats, type LabelledText } from '../../core/classify/pattern-stats.js';
import type { Corpus, Respondent } from '../../core/model.js';
import { distinctiveTerms } from '../../core/text/terms.js';
import { foreignCodebook, loadCodebook } from '../workspace/codebook-file.js';
import { withLabelsFile } from '../workspace/labels-file.js';
import { chooseSource, wholeCorpus } from '../corpus/corpus-source.js';
import { unreadableIn, warnUnreadable } from '../corpus/unreadable.js';
import { AtomicFileWriter, refuseOverwritingInputs, StdoutWriter, withLock } from '../files/fsx.js';
import { displayPath } from '../files/paths.js';
import { classifyCorpus } from '../run/pipeline.js';
import { progressBar } from '../run/progress.js';
import { colourFor, message, out, printDiagnostics } from '../output.js';
import { explainAnswer, explainDecisions, explainJson } from '../render/explain.js';
import { classifyResponse } from '../../core/classify/context.js';
import { evaluationCsv, evaluationJson, renderEvaluation, type ContextContribution, type Mistake } from '../render/eval-text.js';
import { kwicLine, renderKwic, type KwicLine } from '../render/kwic.js';
import { csvCell, csvCells, csvRow, csvStart, RFC4180, SWEDISH_EXCEL, type CsvDialect } from '../render/csv.js';
import { renderOverview } from '../render/themes-text.js';
import { enterWorkspace } from '../workspace/workspace.js';
import { runReads } from '../files/run-reads.js';
import { respondentsNamedBy } from '../../core/ingest/respondents-named.js';
import { startReview } from '../run/review-run.js';
import type { Review } from '../../core/review/decisions.js';

export interface ThemesOptions {
  corpus?: string;
  codebook?: string;
  register?: string;
  explain?: string;
  kwic?: string;
  width: string;
  eval?: boolean;
  labels?: string;
  minF1?: string;
  write: boolean;
  format: 'text' | 'json' | 'csv';
  excel?: boolean;
  quiet?: boolean;
}

export async function themes(inputs: string[], opts: ThemesOptions): Promise<void> {
  const minF1 = opts.minF1 === undefined ? undefined : Number(opts.minF1);
  if (minF1 !== undefined && (!Number.isFinite(minF1) || minF1 < 0 || minF1 > 1)) throw new UsageError(`--min-f1 takes a number from 0 to 1, not "${opts.minF1}"`);
  if (minF1 !== undefined && !opts.eval) throw new UsageError('--min-f1 goes with --eval');
  if (opts.labels !== undefined && !opts.eval) throw new UsageError('--labels goes with --eval');
  const modes = (['explain', 'kwic', 'eval'] as const).filter((m) => opts[m] !== undefined && opts[m] !== false);
  if (modes.length > 1) throw new UsageError(`--${modes[0]} and --${modes[1]} cannot be combined: run them one at a time`);
  if (opts.excel && opts.format !== 'csv') throw new UsageError('--excel shapes CSV output: add --format csv');
  if (opts.explain !== undefined && opts.format === 'csv') throw new UsageError('--explain prints text or JSON: use --format text or --format json');
  const dialect: CsvDialect = opts.excel ? SWEDISH_EXCEL : RFC4180;
  const width = Number(opts.width);
  if (!Number.isInteger(width) || width < 1) throw new UsageError(`--width takes a whole number of characters, not "${opts.width}"`);
  const ws = enterWorkspace(opts);
  const codebookPath = opts.codebook ? resolve(opts.codebook) : ws.codebook;
  const book = loadCodebook(codebookPath);
  const { source, diagnostics } = await chooseSource(inputs, ws, opts);
  printDiagnostics(diagnostics, true);
  warnUnreadable(await unreadableIn(source), opts.quiet);
  const c = colourFor(process.stdout);

  const warnForeign = (consultation: Corpus['consultation']) => {
    const w = foreignCodebook(book, codebookPath, consultation);
    if (w && !opts.quiet) message(w);
  };

  if (opts.kwic !== undefined) return out(renderKwic(kwic(await wholeCorpus(source), opts.kwic, width), opts.format, c, dialect));
  if (opts.explain !== undefined || opts.eval) {
    const corpus = await wholeCorpus(source);
    warnForeign(corpus.consultation);
    if (opts.explain !== undefined) return out(explain(corpus, book, opts.explain, opts.format, c, startReview(ws, book, codebookPath, true)?.review));
    const labels = opts.labels ?? ws.labels;
    const labelled = labels ? withLabelsFile(corpus, labels, book.themes.map((t) => t.id)) : corpus;
    return evaluateCommand(labelled, book, opts.format, dialect, minF1, c);
  }

  // The summary streams: each response is classified, reviewed, written out and counted, then dropped.
  const review = startReview(ws, book, codebookPath, opts.quiet);
  const resultsPath = 'path' in source && opts.write ? join(dirname(source.path), 'themes.json') : undefined;
  if (resultsPath && 'path' in source)
    refuseOverwritingInputs(resultsPath, ws.inputs, runReads(ws, { corpus: source.path, codebook: codebookPath, ...(opts.register ? { register: resolve(opts.register) } : {}) }), 'the results (written beside the corpus; --no-write leaves them out)');
  if (resultsPath) await withLock(resultsPath, () => summarise(resultsPath));
  else await summarise(undefined);

  async function summarise(resultsFile: string | undefined): Promise<void> {
    const results = resultsFile ? new AtomicFileWriter(resultsFile) : undefined;
    const stdout = new StdoutWriter(c.level > 0);
    let agg: Aggregator | undefined;
    let people = new Map<string, Respondent>();
    let first = true;
    results?.write('{"format":"dialog-themes","version":1,\n"answers":[\n');
    if (opts.format === 'json') stdout.write('{"answers":[\n');
    if (opts.format === 'csv') stdout.write(csvStart(dialect) + csvRow(CSV_HEADER, dialect));
    try {
      await classifyCorpus(
        source,
        {
          book,
          progress: await progressBar('themes', opts),
          // Results, JSON and CSV print every piece of evidence; the overview prints counts.
          ...(results || opts.format !== 'text' ? {} : { sentenceLimits: () => agg!.sentenceLimits() }),
          ...(review ? { review: review.stage } : {}),
        },
        (header) => {
          warnForeign(header.consultation);
          people = new Map(header.respondents.map((p) => [p.id, p]));
          agg = new Aggregator(book, people, header.consultation, { quotes: false, statements: false });
        },
        (o) => {
          review?.see(o);
          agg!.add(o);
          if (results || opts.format === 'json')
            for (const a of o.answers) {
              const line = (first ? '' : ',\n') + JSON.stringify(answerResult(o, a));
              results?.write(line);
              if (opts.format === 'json') stdout.write(line);
              first = false;
            }
          if (opts.format === 'csv') stdout.write(csvRows(o, people, dialect));
        },
      );
      results?.write('\n]}\n');
      results?.commit();
    } catch (err) {
      results?.abort();
      throw err;
    }
    printDiagnostics(review ? review.orphans([...people.values()]) : [], opts.quiet);
    const o = agg!.overview();
    const sample = agg!.coverageTexts();
    const coverage = distinctiveTerms(sample.untagged, sample.tagged);
    if (opts.format === 'json')
      stdout.write(`\n],\n"overview":${JSON.stringify({ ...o, coverage: { untagged: o.untaggedAnswers, share: o.answers ? o.untaggedAnswers / o.answers : 0, terms: coverage }, procedure: agg!.procedure }, null, 2)}}\n`);
    else if (opts.format === 'text') stdout.write(renderOverview(o, book, coverage, c) + '\n');
    stdout.flush();
    if (results && !opts.quiet) message(`results: ${displayPath(results.target)}`);
  }
}

const CSV_HEADER = ['answer', 'response', 'respondent', 'respondent_name', 'category', 'question', 'stance', 'stance_origin', 'theme', 'origin', 'score', 'matches'];

function csvRows(o: ResponseOutcome, people: Map<string, Respondent>, dialect: CsvDialect): string {
  const p = people.get(o.respondent);
  // The cells a response's rows share are escaped once, not again for every answer and theme.
  const who = csvCells([o.response, o.respondent, p?.name ?? o.respondent, p?.category ?? ''], dialect);
  const stance = csvCells([o.stance.stance, o.stance.origin], dialect);
  let rows = '';
  for (const a of o.answers) {
    const base = [csvCell(a.answer, dialect), who, csvCell(a.question ?? '', dialect), stance].join(dialect.separator);
    const themes: ThemeOutcome[] = a.themes.length ? a.themes : [{ id: '', score: 0, evidence: [] }];
    for (const t of themes)
      rows += base + dialect.separator + csvRow([t.id, t.id ? (t.review ? 'review' : 'codebook') : '', t.id ? t.score : '', [...new Set(t.evidence.map((e) => e.match).filter(Boolean))].join(' | ')], dialect);
  }
  return rows;
}

function explain(corpus: Corpus, book: CompiledCodebook, id: string, format: string, c: ReturnType<typeof colourFor>, review?: Review): string {
  const key = id.toLowerCase();
  const people = new Map(corpus.respondents.map((p) => [p.id, p]));
  const select = (byRespondent: (r: Corpus['responses'][number], who: Respondent | undefined) => boolean) =>
    corpus.responses.flatMap((r) => {
      const who = people.get(r.respondent);
      const whole = byRespondent(r, who);
      return r.answers.filter((a) => whole || a.id === id).map((a) => ({ r, a, who }));
    });
  let matches = select((r, who) => r.id === id || r.respondent === id || who?.name.toLowerCase() === key || r.respondentAsWritten.toLowerCase() === key);
  if (!matches.length) {
    // A part of a name ("Halland" for Region Halland) when it names one respondent only.
    const found = respondentsNamedBy(corpus, people, id);
    if (found.size > 1)
      throw new InputError([diag(id, 0, 0, `names ${found.size} respondents: ${[...found.values()].sort((a, b) => a.localeCompare(b, 'sv')).join('; ')}; give more of the name, or an id`)]);
    if (found.size === 1) matches = select((r) => found.has(r.respondent));
  }
  if (!matches.length)
    throw new InputError([diag(id, 0, 0, 'no answer, response or respondent with this id or name in the corpus; ids are listed by `dialog themes --format csv`')]);
  // Each answer as classified in its response: context rules (requires: response, scope: respondent) show as they count.
  const inResponse = new Map<Corpus['responses'][number], ReturnType<typeof classifyResponse>>();
  const resultOf = (r: Corpus['responses'][number], a: Corpus['responses'][number]['answers'][number]) => {
    if (!inResponse.has(r)) inResponse.set(r, classifyResponse(book, r));
    return inResponse.get(r)![r.answers.indexOf(a)];
  };
  // A person's decisions are shown beside the codebook's reasons: they win in every other output.
  const decided = (r: Corpus['responses'][number], a: Corpus['responses'][number]['answers'][number]) => {
    const themes = review?.answers.get(a.id);
    const stance = review?.responses.get(r.id);
    return themes || stance ? { review: { ...(themes ? { themes: decisionOf(themes) } : {}), ...(stance ? { stance: decisionOf(stance) } : {}) } } : {};
  };
  if (format === 'json') return JSON.stringify(matches.map(({ r, a, who }) => ({ ...explainJson(book, a, who, stanceOf(r), resultOf(r, a)), ...decided(r, a) })), null, 2);
  return matches
    .map(({ r, a, who }) => {
      const d = decided(r, a).review;
      return [explainAnswer(book, a, who, stanceOf(r), c, resultOf(r, a)), ...(d ? explainDecisions(d, c) : [])].join('\n');
    })
    .join('\n\n' + '─'.repeat(60) + '\n\n');
}

/** A decision as `--explain` shows it: what was decided, by whom, when and why (not where it stands in the file). */
function decisionOf<T extends { at: unknown }>(d: T): Omit<T, 'at'> {
  const { at: _at, ...rest } = d;
  return rest;
}

/** "självstyr*" is a glob, "kommunal självstyrelse" a phrase, "token:KSL" an exact token, else a word. */
export function kwicPattern(raw: string): PatternSpec {
  const m = /^(word|glob|phrase|token):(.+)$/u.exec(raw.trim());
  if (m) return { [m[1]]: m[2].trim() } as PatternSpec;
  const s = raw.trim();
  if (/\s/u.test(s)) return { phrase: s };
  if (s.includes('*')) return { glob: s };
  return { word: s };
}

function kwic(corpus: Corpus, raw: string, width: number): KwicLine[] {
  const spec = kwicPattern(raw);
  const kind = KINDS.find((k) => spec[k] !== undefined)!;
  const value = String(spec[kind]);
  const ok = kind === 'phrase' ? /\S/u.test(value) : /^\*?[\p{L}\p{N}]+(\*[\p{L}\p{N}]*)*$/u.test(value);
  if (!ok) throw new UsageError(`--kwic "${raw}" is not a pattern: use a word, a glob with * (självstyr*), a phrase, or token:KSL`);
  const book = new CompiledCodebook({ themes: [{ id: 'kwic', label: { sv: 'kwic' }, patterns: [spec] }] });
  const names = new Map(corpus.respondents.map((p) => [p.id, p.name]));
  const lines: KwicLine[] = [];
  for (const r of corpus.responses)
    for (const a of r.answers)
      for (const e of classify(book, a.text).themes[0].evidence) lines.push(kwicLine(names.get(r.respondent) ?? r.respondent, a.id, a.text, e.start, e.end, width));
  return lines;
}

/** The evaluation again with every context rule removed: what looking beyond the answer brings. */
function contextContribution(corpus: Corpus, book: CompiledCodebook, withContext: Evaluation): ContextContribution | undefined {
  const n = book.themes.reduce((sum, t) => sum + t.patterns.filter((p) => p.contextual).length, 0);
  if (!n) return undefined;
  const without = new CompiledCodebook({
    ...book.source,
    themes: book.source.themes.map((t, i) => ({ ...t, patterns: t.patterns.filter((_, j) => !book.themes[i].patterns[j].contextual) })),
  });
  const ids = book.themes.map((t) => t.id);
  const items: LabelledPrediction[] = [];
  for (const r of corpus.responses) {
    const outcome = outcomeOf(without, r, 0);
    r.answers.forEach((a, j) => a.themes && items.push({ answer: a.id, gold: a.themes.filter((t) => ids.includes(t)), predicted: outcome.answers[j].themes.map((t) => t.id) }));
  }
  const e = evaluate(ids, items);
  const sum = (x: Evaluation, key: 'tp' | 'fp') => Object.values(x.themes).reduce((s, t) => s + t[key], 0);
  return { patterns: n, macroF1Without: e.macro.f1, tp: sum(withContext, 'tp') - sum(e, 'tp'), fp: sum(withContext, 'fp') - sum(e, 'fp') };
}

function evaluateCommand(corpus: Corpus, book: CompiledCodebook, format: string, dialect: CsvDialect, minF1: number | undefined, c: ReturnType<typeof colourFor>) {
  const ids = book.themes.map((t) => t.id);
  const known = new Set(ids);
  const items: LabelledPrediction[] = [];
  const labelled: LabelledText[] = [];
  const unknownLabels = new Set<string>();
  const mistakes: Mistake[] = [];
  for (const r of corpus.responses) {
    // The same classification as the summaries use; no texts need to travel (sample fraction 0).
    const outcome = outcomeOf(book, r, 0);
    r.answers.forEach((a, j) => {
      if (!a.themes) return;
      a.themes.filter((t) => !known.has(t)).forEach((t) => unknownLabels.add(t));
      const predicted = outcome.answers[j];
      items.push({ answer: a.id, gold: a.themes.filter((t) => known.has(t)), predicted: predicted.themes.map((t) => t.id) });
      labelled.push({ text: a.text, gold: a.themes, response: r.id, respondent: r.respondentAsWritten });
      for (const t of predicted.themes)
        if (!a.themes.includes(t.id))
          mistakes.push({ kind: 'false positive', theme: t.id, answer: a.id, respondent: r.respondentAsWritten, detail: `score ${t.score}: ${t.evidence.map((e) => `${e.pattern} "${e.match}"`).join(', ')}` });
      for (const t of a.themes)
        if (known.has(t) && !predicted.themes.some((p) => p.id === t))
          mistakes.push({ kind: 'false negative', theme: t, answer: a.id, respondent: r.respondentAsWritten, detail: `«${a.text.replace(/\s+/gu, ' ').slice(0, 160)}${a.text.length > 160 ? '…' : ''}»` });
    });
  }
  if (!items.length) throw new InputError([diag('(inputs)', 0, 0, 'no labelled answers: give a labels file (--labels labels.csv, or labels: in dialog.config.yaml; `dialog labels template > labels.csv` writes one to fill in), or add `themes:` to YAML answers; an empty list means "no theme"')]);
  if (unknownLabels.size) message(`warning: labels not in the codebook are ignored: ${[...unknownLabels].sort().join(', ')}`);
  const e = evaluate(ids, items);
  const patterns = format === 'csv' ? [] : patternStats(book, labelled);
  const context = format === 'csv' ? undefined : contextContribution(corpus, book, e);
  out(format === 'json' ? evaluationJson(e, patterns, context) : format === 'csv' ? evaluationCsv(e, dialect) : renderEvaluation(e, mistakes, c, patterns, context));
  if (minF1 !== undefined && e.macro.f1 < minF1) {
    message(`macro F1 ${e.macro.f1.toFixed(3)} is below --min-f1 ${minF1}`);
    process.exitCode = 1;
  }
}
