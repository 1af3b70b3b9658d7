import { Aggregator } from '../../core/report/aggregate.js';
import type { CompiledCodebook } from '../../core/classify/codebook.js';
import { diag, InputError } from '../../core/diagnostics.js';
import { ResultCollector, type RunResult } from '../../core/diff/result.js';
import type { Respondent } from '../../core/model.js';
import type { CorpusSource } from '../corpus/corpus-source.js';
import { displayPath } from '../files/paths.js';
import { printDiagnostics } from '../output.js';
import { classifyCorpus } from '../run/pipeline.js';
import { ReviewRun, startReview } from '../run/review-run.js';
import { loadReview } from '../workspace/review-file.js';
import type { Workspace } from '../workspace/workspace.js';

/** One side of a diff: a corpus, the codebook it is classified with, and the decisions applied. */
export interface Side {
  label: string;
  source: CorpusSource;
  book: CompiledCodebook;
  codebookPath: string;
  review?: ReviewRun;
}

/**
 * Classifies a side as `dialog themes` and `dialog report` do (the same pipeline, review stage
 * and aggregate), keeping per answer its published tags with their evidence. `orphans`: whether
 * to say which decisions found no answer (the side the workspace publishes now).
 */
export async function runSide(side: Side, opts: { quiet?: boolean; orphans?: boolean } = {}): Promise<RunResult> {
  const collector = new ResultCollector(
    side.label,
    side.book.themes.map((t) => ({ id: t.id, label: t.label.sv ?? t.id })),
  );
  let agg: Aggregator | undefined;
  let people = new Map<string, Respondent>();
  await classifyCorpus(
    side.source,
    { book: side.book, ...(side.review ? { review: side.review.stage } : {}) },
    (header) => {
      people = new Map(header.respondents.map((p) => [p.id, p]));
      agg = new Aggregator(side.book, people, header.consultation, { quotes: false, statements: false });
    },
    (o) => {
      side.review?.see(o);
      agg!.add(o);
      collector.add(o);
    },
  );
  if (opts.orphans && side.review) printDiagnostics(side.review.orphans([...people.values()]), opts.quiet);
  return collector.result(agg!.overview(), agg!.responses, agg!.tagging, people);
}

/**
 * The workspace's decisions for a side classified with `codebookPath`. With the workspace's
 * codebook, as every run applies them. With another, they are applied too where they can be (a
 * person's reading of an answer does not depend on the codebook, so a codebook diff then shows
 * what the codebook changed), unless they name themes that codebook lacks: then that side has
 * the codebook's tags alone, and a notice says so. `apply: false` (--no-review) applies none.
 */
export function reviewFor(ws: Workspace, book: CompiledCodebook, codebookPath: string, opts: { apply: boolean; quiet?: boolean }): ReviewRun | undefined {
  if (!opts.apply || !ws.review) return undefined;
  if (codebookPath === ws.codebook) return startReview(ws, book, codebookPath, opts.quiet);
  try {
    const review = loadReview(ws, book.themes.map((t) => t.id), true);
    return review ? new ReviewRun(review) : undefined;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    printDiagnostics([diag(displayPath(ws.review), 0, 0, `the decisions of this review file name themes that ${displayPath(codebookPath)} does not have (${err.diagnostics.length === 1 ? err.diagnostics[0].message : `${err.diagnostics.length} problems`}), so they are not applied on its side: its tags are the codebook's alone`, 'notice')], opts.quiet);
    return undefined;
  }
}
