import { extname, resolve } from 'node:path';
import { diag, didYouMean, InputError, UsageError } from '../../core/diagnostics.js';
import { respondentsMeant } from '../../core/ingest/respondents-named.js';
import { reviewRows, type SheetOrder } from '../../core/review/export.js';
import { mergeDecisions } from '../../core/review/merge.js';
import { importSheet } from '../../core/review/sheet.js';
import { isIsoDate } from '../../core/schemas.js';
import { chooseSource, wholeCorpus } from '../corpus/corpus-source.js';
import { outputGuard, withLock, writeFileAtomic } from '../files/fsx.js';
import { displayPath } from '../files/paths.js';
import { runReads } from '../files/run-reads.js';
import { message, out, printDiagnostics } from '../output.js';
import { SWEDISH_EXCEL, RFC4180 } from '../render/csv.js';
import { reviewSheetCsv, reviewSheetXlsx } from '../render/review-sheet.js';
import { readFilledSheet } from '../readers/filled-sheet.js';
import { loadCodebook } from '../workspace/codebook-file.js';
import { loadReview, readReviewFile } from '../workspace/review-file.js';
import { enterWorkspace } from '../workspace/workspace.js';

export interface ExportOptions {
  out?: string;
  excel?: boolean;
  sort: string;
  theme?: string;
  respondent?: string;
  all?: boolean;
  limit?: string;
  corpus?: string;
  register?: string;
  quiet?: boolean;
}

const ORDERS: readonly SheetOrder[] = ['uncertain', 'theme', 'respondent'];

/** `dialog review export`: the answers to review as a sheet (XLSX, or CSV), the least certain first. */
export async function exportSheet(inputs: string[], opts: ExportOptions): Promise<void> {
  if (!ORDERS.includes(opts.sort as SheetOrder)) throw new UsageError(`--sort takes ${ORDERS.join(', ')}, not "${opts.sort}"`);
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError(`--limit takes a whole number of answers, not "${opts.limit}"`);
  const ext = opts.out ? extname(opts.out).toLowerCase() : '';
  if (opts.out && !['.xlsx', '.csv'].includes(ext)) throw new UsageError(`a review sheet is .xlsx (Excel) or .csv, not ${displayPath(opts.out)}`);
  if (opts.excel && ext === '.xlsx') throw new UsageError('--excel shapes CSV for Excel; an .xlsx file needs no shaping: leave out --excel');
  const ws = enterWorkspace(opts);
  // Decisions are on the themes of the workspace's codebook: the sheet shows that codebook's tags.
  const codebookPath = ws.codebook;
  const book = loadCodebook(codebookPath);
  const themeIds = book.themes.map((t) => t.id);
  if (opts.theme !== undefined && !themeIds.includes(opts.theme)) throw new UsageError(`--theme: no theme "${opts.theme}" in the codebook${didYouMean(opts.theme, themeIds)} (themes: ${themeIds.join(', ')})`);
  const target = opts.out ? resolve(opts.out) : undefined;
  if (target) outputGuard([...inputs, ...ws.inputs], runReads(ws, { codebook: codebookPath, corpus: ws.corpus }))(target, 'the review sheet');
  const review = loadReview(ws, themeIds, opts.quiet);
  const { source, diagnostics } = await chooseSource(inputs, ws, opts);
  printDiagnostics(diagnostics, true);
  const corpus = await wholeCorpus(source);
  let respondents: Set<string> | undefined;
  if (opts.respondent !== undefined) {
    respondents = new Set(respondentsMeant(corpus, opts.respondent).keys());
    if (!respondents.size) throw new InputError([diag(opts.respondent, 0, 0, 'no respondent with this id or name in the corpus; `dialog themes --format csv` lists them')]);
  }
  const rows = reviewRows(corpus, book, review, {
    order: opts.sort as SheetOrder,
    includeReviewed: !!opts.all,
    ...(opts.theme ? { theme: opts.theme } : {}),
    ...(respondents ? { respondents } : {}),
    ...(limit ? { limit } : {}),
  });
  const uncertain = rows.filter((r) => r.uncertain).length;
  if (target) {
    writeFileAtomic(target, ext === '.xlsx' ? await reviewSheetXlsx(rows) : reviewSheetCsv(rows, opts.excel ? SWEDISH_EXCEL : RFC4180));
    if (!opts.quiet) message(`wrote ${displayPath(target)}: ${rows.length} ${rows.length === 1 ? 'answer' : 'answers'} to review, ${uncertain} of them uncertain (first); fill in themes (ids, ok for the machine's, - for none), stance, note and reviewer, then \`dialog review import ${displayPath(target)}\``);
  } else out(reviewSheetCsv(rows, opts.excel ? SWEDISH_EXCEL : RFC4180));
}

export interface ImportOptions {
  reviewer?: string;
  date?: string;
  sheet?: string;
  dryRun?: boolean;
  corpus?: string;
  register?: string;
  quiet?: boolean;
}

/** `dialog review import`: a filled sheet checked, then merged into the workspace's review file. */
export async function importFilledSheet(file: string, opts: ImportOptions): Promise<void> {
  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(date)) throw new UsageError(`--date takes a date as YYYY-MM-DD, not "${opts.date}"`);
  if (opts.reviewer !== undefined && !opts.reviewer.trim()) throw new UsageError('--reviewer takes a name');
  const ws = enterWorkspace(opts);
  if (!ws.review) throw new UsageError(`this workspace keeps no review file: add \`review: review.yaml\` to ${ws.configPath ? displayPath(ws.configPath) : 'dialog.config.yaml (`dialog init` writes one)'}, then import again`);
  const book = loadCodebook(ws.codebook);
  const themeIds = book.themes.map((t) => t.id);
  const sheet = await readFilledSheet(resolve(file), opts.sheet);
  const { source, diagnostics } = await chooseSource([], ws, opts);
  printDiagnostics(diagnostics, true);
  const corpus = await wholeCorpus(source);
  const imported = importSheet(sheet, corpus, book, { date, ...(opts.reviewer ? { reviewer: opts.reviewer.trim() } : {}) });
  if (imported.diagnostics.length) throw new InputError(imported.diagnostics);
  const decisions = [...imported.answers, ...imported.responses];
  const shown = displayPath(ws.review);
  if (!decisions.length) throw new InputError([diag(displayPath(file), 0, 0, 'no row of the sheet holds a decision: fill in the themes column (theme ids, ok for the machine\'s, - for none) or the stance column, then import again')]);
  const path = ws.review;
  await withLock(path, () => {
    // Read under the lock, so that two imports at once both land; a broken file stops the import.
    const current = readReviewFile(ws, themeIds, true);
    const merged = mergeDecisions(current?.document, decisions);
    if (!opts.dryRun) writeFileAtomic(path, merged.text);
    if (!opts.quiet)
      message(
        `${opts.dryRun ? 'would merge into' : 'merged into'} ${shown}: ${merged.added} new ${merged.added === 1 ? 'decision' : 'decisions'}, ${merged.replaced} replaced (${imported.answers.length} on themes, ${imported.responses.length} on positions; ${imported.skipped} ${imported.skipped === 1 ? 'row' : 'rows'} left undecided)`,
      );
  });
}
