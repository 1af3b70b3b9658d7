import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Document } from 'yaml';
import { diag, InputError } from '../../core/diagnostics.js';
import { emptyReview, parseReview, type Review } from '../../core/review/decisions.js';
import { displayPath } from '../files/paths.js';
import { printDiagnostics } from '../output.js';
import type { Workspace } from './workspace.js';

/**
 * The workspace's review file (`review:` in dialog.config.yaml), read and checked against the
 * codebook; undefined when the workspace has none. A file not written yet (before the first
 * `dialog review import`) is a review without decisions, said once.
 */
export function loadReview(ws: Workspace, themeIds: readonly string[], quiet = false): Review | undefined {
  return readReviewFile(ws, themeIds, quiet)?.review;
}

/** The review file with its parsed document, to merge decisions into it keeping its comments. */
export function readReviewFile(ws: Workspace, themeIds: readonly string[], quiet = false): { review: Review; document?: Document } | undefined {
  if (!ws.review) return undefined;
  const shown = displayPath(ws.review);
  if (!existsSync(ws.review)) {
    printDiagnostics([diag(shown, 0, 0, 'the review file named in dialog.config.yaml does not exist yet: no decisions are applied (`dialog review import` writes it)', 'notice')], quiet);
    return { review: emptyReview(shown) };
  }
  if (!statSync(ws.review).isFile()) throw new InputError([diag(shown, 0, 0, 'is a folder or a pipe, not a file; review: in dialog.config.yaml names a YAML file')]);
  const { review, diagnostics, document } = parseReview(shown, readFileSync(ws.review, 'utf8'), themeIds);
  if (diagnostics.length) throw new InputError(diagnostics);
  return { review, ...(document ? { document } : {}) };
}
