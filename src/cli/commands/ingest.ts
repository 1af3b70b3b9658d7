import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../../core/diagnostics.js';
import { emptyCorpus, type Corpus } from '../../core/model.js';
import { readCorpus, writeCorpus } from '../corpus/corpus-file.js';
import { isSpecialFile, refuseOverwritingInputs, withLock } from '../files/fsx.js';
import { shownPath } from '../files/paths.js';
import { loadInputs } from '../readers/load-inputs.js';
import { message, out, plural, printDiagnostics } from '../output.js';
import { progressBar } from '../run/progress.js';
import { writeStamp } from '../corpus/staleness.js';
import { enterWorkspace, type Workspace } from '../workspace/workspace.js';
import { runReads } from '../files/run-reads.js';

export interface IngestOptions {
  out?: string;
  register?: string;
  dryRun?: boolean;
  replace?: boolean;
  format: 'text' | 'json';
  quiet?: boolean;
  /** The sheet of .xlsx inputs to read (default: the first). */
  sheet?: string;
  /** A manifest (CSV or YAML) of facts about documents. */
  manifest?: string;
  /** A document that cannot be read is an error rather than recorded as unreadable. */
  strict?: boolean;
}

export async function ingest(inputs: string[], opts: IngestOptions): Promise<void> {
  const ws = enterWorkspace(opts);
  const sources = inputs.length ? inputs : ws.inputs;
  if (!sources.length) throw new UsageError('no inputs: give files or folders (dialog ingest data/example), or list `inputs` in dialog.config.yaml');
  const target = opts.out ? resolve(opts.out) : ws.corpus;
  const register = opts.register ? resolve(opts.register) : ws.register;
  refuseOverwritingInputs(target, [...sources, ...ws.inputs], runReads(ws, { register, codebook: ws.codebook, ...(opts.manifest ? { manifest: resolve(opts.manifest) } : {}) }), 'the corpus');
  // Read, merge and write under one lock: a second ingest into the same corpus waits, so that
  // neither run's data is lost.
  // A device or pipe (-o /dev/stdout) is written through: no lock or stamp beside it.
  if (opts.dryRun || isSpecialFile(target)) return run(inputs, sources, target, opts, ws);
  return withLock(target, () => run(inputs, sources, target, opts, ws));
}

/**
 * The corpus to merge into. A damaged one is rebuilt from the config's inputs when the corpus
 * mirrors them (it holds nothing else); merging files into it stops, and says to use --replace.
 */
async function baseCorpus(target: string, mirror: boolean, opts: IngestOptions): Promise<Corpus> {
  try {
    return await readCorpus(target);
  } catch (err) {
    if (!mirror || !(err instanceof InputError)) throw err;
    printDiagnostics(err.diagnostics.map((d) => ({ ...d, severity: 'notice' as const, message: `${d.message.replace(/; rebuild it with.*$/s, '')}; rebuilding it from the inputs in dialog.config.yaml` })), opts.quiet);
    return emptyCorpus();
  }
}

async function run(inputs: string[], sources: string[], target: string, opts: IngestOptions, ws: Workspace): Promise<void> {
  // With the config's inputs the corpus mirrors them; explicit files merge into it.
  const mirror = !inputs.length;
  const base = !opts.replace && existsSync(target) && statSync(target).isFile() && !isSpecialFile(target) ? await baseCorpus(target, mirror, opts) : emptyCorpus();
  const progress = await progressBar('ingest', opts, 'bytes');
  const { corpus, diagnostics, summary, documents, unreadable } = await loadInputs(sources, opts.register ? resolve(opts.register) : ws.register, base, progress, {
    mirror,
    ...(ws.consultation ? { consultation: ws.consultation } : {}),
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    ...(opts.manifest !== undefined ? { manifest: opts.manifest } : {}),
    ...(opts.strict ? { strict: true } : {}),
  });
  printDiagnostics(diagnostics, opts.quiet);
  if (!opts.quiet && summary.removedSources.length)
    message(`notice: ${plural(summary.removedSources.length, 'file')} no longer under the inputs left the corpus: ${summary.removedSources.join(', ')}`);
  if (!opts.dryRun) {
    const special = isSpecialFile(target);
    writeCorpus(target, corpus);
    if (!special) writeStamp(target, corpus.sources);
  }
  const where = shownPath(target);
  if (opts.format === 'json') {
    out(JSON.stringify({ ...summary, corpusFile: opts.dryRun ? null : where, dryRun: !!opts.dryRun, unreadable, ...(documents.length ? { documents } : {}) }, null, 2));
    return;
  }
  out(
    [
      `${opts.dryRun ? 'Validated' : 'Ingested'} ${plural(summary.files, 'file')}: ${plural(summary.responses, 'response')}, ${plural(summary.answers, 'answer')}, ${plural(summary.respondents, 'respondent')} (${summary.unknownRespondents} not in the register), ${plural(summary.warnings, 'warning')}${unreadable.length ? `; ${unreadable.length} ${unreadable.length === 1 ? 'document' : 'documents'} could not be read (${unreadable.join(', ')})` : ''}.`,
      opts.dryRun
        ? 'Dry run: nothing written.'
        : `Corpus ${where}: ${plural(summary.corpus.sources, 'source')}, ${plural(summary.corpus.responses, 'response')}, ${plural(summary.corpus.answers, 'answer')}, ${plural(summary.corpus.respondents, 'respondent')}.`,
    ].join('\n'),
  );
  if (!opts.quiet && !opts.dryRun) message(`next: dialog themes   (or: dialog report)`);
}
