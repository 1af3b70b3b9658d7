import type { ResponseOutcome } from '../../core/classify/outcome.js';
import type { CompiledCodebook } from '../../core/classify/codebook.js';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Respondent } from '../../core/model.js';
import { ReviewAnchors } from '../../core/review/anchors.js';
import type { Review } from '../../core/review/decisions.js';
import { loadReview } from '../workspace/review-file.js';
import type { Workspace } from '../workspace/workspace.js';
import type { ReviewStage } from './pipeline.js';
import { resolve } from 'node:path';
import { diag } from '../../core/diagnostics.js';
import { displayPath } from '../files/paths.js';
import { printDiagnostics } from '../output.js';

/**
 * A run's review: the workspace's decisions for the classification stage, and which of them found
 * their answer, so that the run can tell the orphans at the end.
 */
export class ReviewRun {
  readonly stage: ReviewStage;
  private readonly anchors: ReviewAnchors;

  constructor(readonly review: Review) {
    this.anchors = new ReviewAnchors(review);
    this.stage = { review, respondents: this.anchors.respondents };
  }

  /** Notes the decisions an outcome carried (call for each outcome, in order). */
  see(o: ResponseOutcome): void {
    this.anchors.see(o);
  }

  get decisions(): number {
    return this.review.answers.size + this.review.responses.size;
  }

  /** Decisions that found no answer or response, at their lines in the review file. */
  orphans(respondents: readonly Respondent[]): Diagnostic[] {
    return this.anchors.orphans(new Map(respondents.map((p) => [p.id, p.name])));
  }
}

/**
 * The workspace's review for a run, or undefined when the workspace keeps none. Decisions are on
 * the workspace codebook's themes: with another codebook (--codebook) they are not applied.
 */
export function startReview(ws: Workspace, book: CompiledCodebook, codebookPath: string, quiet?: boolean): ReviewRun | undefined {
  if (ws.review && resolve(codebookPath) !== resolve(ws.codebook)) {
    printDiagnostics([diag(displayPath(ws.review), 0, 0, `the decisions in this review file are on the themes of ${displayPath(ws.codebook)}, so they are not applied with --codebook ${displayPath(codebookPath)}: the tags are that codebook's alone`, 'notice')], quiet);
    return undefined;
  }
  const review = loadReview(ws, book.themes.map((t) => t.id), quiet);
  return review ? new ReviewRun(review) : undefined;
}
