import { UsageError } from '../../core/diagnostics.js';
import { diffResults } from '../../core/diff/compare.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../core/diff/render.js';
import { codebookSides, corpusSides, revisionSides } from '../diff/sides.js';
import { colourFor, out } from '../output.js';
import { enterWorkspace } from '../workspace/workspace.js';

export interface DiffOptions {
  codebook?: string[];
  rev?: string[];
  corpus?: string;
  review: boolean;
  format: 'text' | 'json' | 'md';
  limit?: string;
  exitCode?: boolean;
  quiet?: boolean;
}

const WHAT = 'say what to compare: --codebook old.yaml (two codebooks on the corpus), --rev HEAD~1 (the workspace at a git revision against now), or two corpus files (dialog diff old.json new.json)';

export async function diff(corpora: string[], opts: DiffOptions): Promise<void> {
  const codebooks = opts.codebook ?? [];
  const revs = opts.rev ?? [];
  const modes = [corpora.length ? 'corpus files' : '', codebooks.length ? '--codebook' : '', revs.length ? '--rev' : ''].filter(Boolean);
  if (!modes.length) throw new UsageError(WHAT);
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined: compare one thing at a time (${WHAT.slice('say what to compare: '.length)})`);
  if (corpora.length > 2) throw new UsageError(`dialog diff compares two corpora, not ${corpora.length}: give the older one first`);
  if (codebooks.length > 2) throw new UsageError(`--codebook is given once (that codebook against the workspace's) or twice (the first against the second), not ${codebooks.length} times`);
  if (revs.length > 2) throw new UsageError(`--rev is given once (that revision against the working tree) or twice (the first against the second), not ${revs.length} times`);
  if (opts.corpus && !codebooks.length) throw new UsageError('--corpus names the corpus two codebooks are compared on: it goes with --codebook');
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit takes a whole number of items per list, not "${opts.limit}"`);

  const ws = enterWorkspace(opts);
  const sideOpts = { review: opts.review, quiet: opts.quiet };
  let sides;
  if (codebooks.length) sides = await codebookSides(ws, codebooks[0], codebooks[1] ?? ws.codebook, opts.corpus, sideOpts);
  else if (revs.length) {
    if (!ws.configPath) throw new UsageError('--rev compares a workspace with itself at a git revision: run it in a workspace (a folder with dialog.config.yaml; `dialog init` starts one)');
    if (!ws.inputs.length) throw new UsageError('--rev reads the inputs listed in dialog.config.yaml at each revision, and this workspace lists none: add `inputs: [remissvar]` to it, or compare two corpora (dialog diff old.json new.json)');
    sides = await revisionSides(ws, revs, sideOpts);
  } else sides = await corpusSides(ws, corpora, sideOpts);

  const d = diffResults(sides[0], sides[1]);
  if (opts.format === 'json') out(renderDiffJson(d));
  else if (opts.format === 'md') out(renderDiffMarkdown(d, limit ?? 50));
  else out(renderDiffText(d, colourFor(process.stdout), limit ?? Infinity));
  if (opts.exitCode && d.changed) process.exitCode = 1;
}
