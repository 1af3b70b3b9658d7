import { extname, resolve } from 'node:path';
import { diag, InputError, UsageError } from '../../core/diagnostics.js';
import { auditFileOf, auditFileText } from '../../core/audit/audit-file.js';
import { readCoding } from '../../core/audit/coded-sheet.js';
import { drawSample, machineThemes } from '../../core/audit/sample.js';
import { scoreAudit } from '../../core/audit/score.js';
import { isIsoDate } from '../../core/schemas.js';
import { chooseSource, wholeCorpus } from '../corpus/corpus-source.js';
import { outputGuard, withLock, writeFileAtomic } from '../files/fsx.js';
import { displayPath } from '../files/paths.js';
import { runReads } from '../files/run-reads.js';
import { colourFor, message, out, printDiagnostics } from '../output.js';
import { readFilledSheet } from '../readers/filled-sheet.js';
import { renderAudit } from '../render/audit-text.js';
import { RFC4180, SWEDISH_EXCEL } from '../render/csv.js';
import { sheetCsv, sheetXlsx, type SheetSpec } from '../render/sheet.js';
import { codebookStamp } from '../workspace/audit-file.js';
import { loadCodebook } from '../workspace/codebook-file.js';
import { enterWorkspace } from '../workspace/workspace.js';

export interface SampleOptions {
  out?: string;
  excel?: boolean;
  size: string;
  seed: string;
  corpus?: string;
  register?: string;
  quiet?: boolean;
}

/** `dialog audit sample`: a seeded, stratified, blind sample of answers to check by hand. */
export async function sample(inputs: string[], opts: SampleOptions): Promise<void> {
  const size = Number(opts.size);
  const seed = Number(opts.seed);
  if (!Number.isInteger(size) || size < 1) throw new UsageError(`--size takes a whole number of answers, not "${opts.size}"`);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed takes a whole number, not "${opts.seed}"`);
  const ext = opts.out ? extname(opts.out).toLowerCase() : '';
  if (opts.out && !['.xlsx', '.csv'].includes(ext)) throw new UsageError(`an audit sheet is .xlsx (Excel) or .csv, not ${displayPath(opts.out)}`);
  const ws = enterWorkspace(opts);
  const book = loadCodebook(ws.codebook);
  const target = opts.out ? resolve(opts.out) : undefined;
  if (target) outputGuard([...inputs, ...ws.inputs], runReads(ws, { codebook: ws.codebook, corpus: ws.corpus }))(target, 'the audit sheet');
  const { source, diagnostics } = await chooseSource(inputs, ws, opts);
  printDiagnostics(diagnostics, true);
  const { rows, design } = drawSample(await wholeCorpus(source), book, size, seed);
  const sheet: SheetSpec = {
    name: 'Kontroll',
    columns: [
      { id: 'answer', width: 17 },
      { id: 'respondent', width: 24 },
      { id: 'question', width: 10 },
      { id: 'text', width: 90, wrap: true },
      { id: 'themes', width: 30 },
      { id: 'note', width: 30 },
    ],
    rows: rows.map((r) => [r.answer, r.respondentName, r.question, r.text, '', '']),
  };
  if (!target) return out(sheetCsv(sheet, opts.excel ? SWEDISH_EXCEL : RFC4180));
  writeFileAtomic(target, ext === '.xlsx' ? await sheetXlsx(sheet) : sheetCsv(sheet, opts.excel ? SWEDISH_EXCEL : RFC4180));
  if (!opts.quiet)
    message(
      `wrote ${displayPath(target)}: ${rows.length} answers drawn from ${design.strata.length} strata (seed ${seed}), without the machine's themes; fill in the themes column (theme ids, - for none) for every row, then \`dialog audit score ${displayPath(target)}\` (a second coder's copy as a second sheet gives their agreement)`,
    );
}

export interface ScoreOptions {
  date?: string;
  sheet?: string;
  write: boolean;
  format: 'text' | 'json';
  corpus?: string;
  register?: string;
  quiet?: boolean;
}

/** `dialog audit score`: the codebook measured against one or two coders, written to the workspace's audit file. */
export async function score(files: string[], opts: ScoreOptions): Promise<void> {
  if (files.length < 1 || files.length > 2) throw new UsageError('give one filled audit sheet, or two (one per coder)');
  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(date)) throw new UsageError(`--date takes a date as YYYY-MM-DD, not "${opts.date}"`);
  const ws = enterWorkspace(opts);
  const book = loadCodebook(ws.codebook);
  const themeIds = book.themes.map((t) => t.id);
  const sheets = await Promise.all(files.map((f) => readFilledSheet(resolve(f), opts.sheet)));
  const { source, diagnostics } = await chooseSource([], ws, opts);
  printDiagnostics(diagnostics, true);
  const corpus = await wholeCorpus(source);
  const machine = machineThemes(corpus, book);
  const answers = new Set(machine.keys());
  const read = sheets.map((s, i) => readCoding(s, displayPath(files[i]), answers, themeIds));
  const problems = read.flatMap((r) => r.diagnostics);
  if (problems.length) throw new InputError(problems);
  const codings = read.map((r) => r.coding);
  for (const c of codings) if (!c.themes.size) throw new InputError([diag(c.file, 0, 0, 'no row is coded: fill in the themes column (theme ids, - for none) for the answers you checked')]);
  const result = scoreAudit(machine, themeIds, codings);
  const file = auditFileOf(result, { date, codebook: codebookStamp(ws.codebook), sheets: files.map((f) => displayPath(f)) });
  out(opts.format === 'json' ? JSON.stringify({ ...result, file }, null, 2) : renderAudit(result, colourFor(process.stdout)));
  if (!opts.write) return;
  if (!ws.audit) {
    if (!opts.quiet) message('notice: this workspace keeps no audit file, so reports give no intervals: add `audit: audit.yaml` to dialog.config.yaml and score again');
    return;
  }
  const path = ws.audit;
  await withLock(path, () => writeFileAtomic(path, auditFileText(file)));
  if (!opts.quiet) message(`wrote ${displayPath(path)}: reports give each theme's share with an interval from it`);
}
