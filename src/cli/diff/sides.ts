import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../core/diagnostics.js';
import { emptyResult, type RunResult } from '../../core/diff/result.js';
import type { Corpus } from '../../core/model.js';
import { chooseSource, type CorpusSource } from '../corpus/corpus-source.js';
import { missingCorpus } from '../corpus/corpus-file.js';
import { displayPath } from '../files/paths.js';
import { message, printDiagnostics } from '../output.js';
import { loadInputs } from '../readers/load-inputs.js';
import { loadCodebook } from '../workspace/codebook-file.js';
import { CONFIG_FILE, loadWorkspace, type Workspace } from '../workspace/workspace.js';
import { checkoutRevision } from './revision.js';
import { reviewFor, runSide } from './side.js';

export interface SideOptions {
  /** Apply the workspace's review decisions (--no-review: the codebook's tags alone). */
  review: boolean;
  quiet?: boolean;
}

/** The same corpus for two runs: a corpus read into memory is consumed by a run, so each gets its own list. */
function twice(source: CorpusSource): [CorpusSource, CorpusSource] {
  if ('path' in source) return [source, source];
  const c: Corpus = source.corpus;
  return [{ corpus: { ...c, responses: [...c.responses] } }, { corpus: c }];
}

/** Two codebooks on the workspace's corpus: `before` against `after` (default the workspace's). */
export async function codebookSides(ws: Workspace, before: string, after: string, corpus: string | undefined, opts: SideOptions): Promise<[RunResult, RunResult]> {
  const books = [before, after].map((p) => ({ path: p, book: loadCodebook(p) }));
  const { source, diagnostics } = await chooseSource([], ws, corpus ? { corpus } : {});
  printDiagnostics(diagnostics, true);
  const sources = twice(source);
  const results: RunResult[] = [];
  for (const [i, { path, book }] of books.entries()) {
    const review = reviewFor(ws, book, path, { apply: opts.review, quiet: opts.quiet });
    results.push(await runSide({ label: `codebook ${displayPath(path)}`, source: sources[i], book, codebookPath: path, ...(review ? { review } : {}) }, { quiet: opts.quiet, orphans: i === 1 }));
  }
  return [results[0], results[1]];
}

/** Two corpus files (or one, against the workspace's corpus), with the workspace's codebook and review. */
export async function corpusSides(ws: Workspace, files: string[], opts: SideOptions): Promise<[RunResult, RunResult]> {
  for (const f of files) if (!existsSync(f)) throw missingCorpus(f);
  const book = loadCodebook(ws.codebook);
  const sources: { label: string; source: CorpusSource }[] = files.map((f) => ({ label: `corpus ${displayPath(f)}`, source: { path: resolve(f) } }));
  if (sources.length === 1) {
    const { source, diagnostics } = await chooseSource([], ws, {});
    printDiagnostics(diagnostics, true);
    sources.push({ label: 'path' in source ? `corpus ${displayPath(source.path)}` : 'the inputs of dialog.config.yaml', source });
  }
  const results: RunResult[] = [];
  for (const [i, s] of sources.entries()) {
    const review = reviewFor(ws, book, ws.codebook, { apply: opts.review, quiet: opts.quiet || i === 0 });
    results.push(await runSide({ ...s, book, codebookPath: ws.codebook, ...(review ? { review } : {}) }, { quiet: opts.quiet, orphans: i === 1 }));
  }
  return [results[0], results[1]];
}

/**
 * The workspace as it was at git revisions: `revs[0]` against the working tree, or against
 * `revs[1]`. Each side reads the inputs, config, consultation, register, codebook and review
 * file of its own tree, through the same pipeline as `dialog report`.
 */
export async function revisionSides(ws: Workspace, revs: string[], opts: SideOptions): Promise<[RunResult, RunResult]> {
  const results: RunResult[] = [];
  for (const [i, rev] of [...revs, undefined].slice(0, 2).entries()) {
    if (rev === undefined) {
      results.push(await workspaceSide(ws.root, 'the working tree', opts, true));
      continue;
    }
    const tree = checkoutRevision(ws.root, rev);
    try {
      const label = `${rev} (${tree.commit.slice(0, 7)})`;
      results.push(await workspaceSide(tree.root, label, opts, i === 1));
    } catch (err) {
      if (err instanceof InputError) message(`error: the workspace as it was at ${rev} (${tree.commit.slice(0, 7)}) cannot be read; the paths below are as they were at that commit:`);
      throw err;
    } finally {
      tree.remove();
    }
  }
  return [results[0], results[1]];
}

/** A workspace folder's results, read from the inputs its config lists (no corpus file: the revision has none). */
async function workspaceSide(root: string, label: string, opts: SideOptions, current: boolean): Promise<RunResult> {
  if (!existsSync(join(root, CONFIG_FILE))) {
    if (!opts.quiet) message(`notice: ${label} has no ${CONFIG_FILE} here, so there was no workspace to publish from: that side is empty`);
    return emptyResult(label);
  }
  const saved = process.cwd();
  // Paths in messages are the workspace's, as in every run.
  process.chdir(root);
  try {
    const w = loadWorkspace(root);
    const book = loadCodebook(w.codebook);
    if (!w.inputs.length) {
      if (!opts.quiet) message(`notice: ${label}: dialog.config.yaml lists no inputs, so that side is empty`);
      return emptyResult(label, book.themes.map((t) => ({ id: t.id, label: t.label.sv })));
    }
    // The older side's notices (a review file not written yet) are history: only its errors are said.
    const review = reviewFor(w, book, w.codebook, { apply: opts.review, quiet: opts.quiet || !current });
    const { corpus, diagnostics } = await loadInputs(w.inputs, w.register, undefined, undefined, w.consultation ? { consultation: w.consultation } : {});
    printDiagnostics(diagnostics, true);
    return await runSide({ label, source: { corpus }, book, codebookPath: w.codebook, ...(review ? { review } : {}) }, { quiet: opts.quiet, orphans: current });
  } finally {
    process.chdir(saved);
  }
}
