import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { diag, InputError, UsageError } from '../../core/diagnostics.js';
import { suggestPatterns } from '../../core/classify/suggest.js';
import { foreignCodebook, loadCodebook } from '../workspace/codebook-file.js';
import { withLabelsFile } from '../workspace/labels-file.js';
import { chooseSource, wholeCorpus } from '../corpus/corpus-source.js';
import { colourFor, message, out, plural, printDiagnostics } from '../output.js';
import { writeFileAtomic } from '../files/fsx.js';
import { displayPath } from '../files/paths.js';
import { CODEBOOK_TEXT } from '../workspace/starter-files.js';
import { DEFAULT_CODEBOOK, enterWorkspace } from '../workspace/workspace.js';

export interface SuggestOptions {
  corpus?: string;
  codebook?: string;
  register?: string;
  theme?: string;
  top: string;
  format: 'text' | 'json';
  quiet?: boolean;
  labels?: string;
}

/** `dialog codebook suggest`: candidate patterns mined from missed labelled answers; writes nothing. */
export async function suggest(inputs: string[], opts: SuggestOptions): Promise<void> {
  const top = Number(opts.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top takes a whole number from 1, not "${opts.top}"`);
  const ws = enterWorkspace(opts);
  const codebookPath = opts.codebook ? resolve(opts.codebook) : ws.codebook;
  const book = loadCodebook(codebookPath);
  if (opts.theme !== undefined && !book.themes.some((t) => t.id === opts.theme))
    throw new UsageError(`no theme "${opts.theme}" in the codebook (themes: ${book.themes.map((t) => t.id).join(', ')})`);
  const { source, diagnostics } = await chooseSource(inputs, ws, opts);
  printDiagnostics(diagnostics, true);
  const labels = opts.labels ?? ws.labels;
  const corpus = labels ? withLabelsFile(await wholeCorpus(source), labels, book.themes.map((t) => t.id)) : await wholeCorpus(source);
  const foreign = foreignCodebook(book, codebookPath, corpus.consultation);
  if (foreign && !opts.quiet) message(foreign);
  const labelled = corpus.responses.reduce((n, r) => n + r.answers.filter((a) => a.themes).length, 0);
  if (!labelled) throw new InputError([diag('(inputs)', 0, 0, 'no labelled answers: suggestions are mined from labelled answers that the codebook misses; give a labels file (--labels, or labels: in dialog.config.yaml) or add `themes:` to YAML answers')]);
  const found = suggestPatterns(book, corpus.responses, { theme: opts.theme, top });
  if (opts.format === 'json') return out(JSON.stringify(found, null, 2));
  const c = colourFor(process.stdout);
  if (!found.length) return out('No candidate improves F1 under leave-one-respondent-out cross-validation.');
  const lines = [
    c.bold(`Candidate patterns from ${labelled} labelled answers`) +
      ': the figures are what `dialog themes --eval` gives with the pattern added to its theme; a candidate is shown only if it also improves F1 when each answer counts it only where other respondents\' missed answers hold it (cross-validated, "cv"). Nothing is written; copy what you accept into the codebook, then run --eval.',
  ];
  let theme = '';
  for (const s of found) {
    if (s.theme !== theme) lines.push('', c.bold(s.theme));
    theme = s.theme;
    lines.push(
      `  - ${stringify(s.pattern, { flow: true }).trim()}   F1 ${s.gain >= 0 ? '+' : ''}${s.gain.toFixed(4)} → ${s.f1.toFixed(4)} (P ${s.precision.toFixed(4)}, R ${s.recall.toFixed(4)}); TP ${s.tp} (+${s.gainedTp}), FP ${s.fp} (+${s.addedFp}), FN ${s.fn}; new TP from ${plural(s.respondents, 'respondent')}; macro F1 ${s.macroF1.toFixed(4)}; cv F1 +${s.crossValidated.gain.toFixed(4)}, +${s.crossValidated.gainedTp} TP`,
    );
    for (const e of s.examples) lines.push(c.dim(`      ${e.labelled ? '✓' : '✗'} ${e.left}`) + c.bold(`[${e.match}]`) + c.dim(`${e.right}  (${e.answer})`));
  }
  out(lines.join('\n'));
}

/**
 * `dialog codebook init [file]`: a commented starter codebook for the workspace (never over an
 * existing file); the config is made to name it when it names no codebook of its own.
 */
export function codebookInit(file: string | undefined, opts: { quiet?: boolean }): void {
  const ws = enterWorkspace(opts);
  const named = ws.codebook !== DEFAULT_CODEBOOK ? ws.codebook : undefined;
  const target = file ?? named ?? join(ws.root, 'codebook.yaml');
  if (existsSync(target))
    throw new InputError([diag(displayPath(target), 0, 0, `already exists; nothing was written (edit it, or give another file: dialog codebook init <file>)`)]);
  writeFileAtomic(target, CODEBOOK_TEXT);
  const notes = [`wrote ${displayPath(target)}: two example themes to replace with your own`];
  const rel = relative(ws.root, target).split(sep).join('/');
  if (ws.configPath && !named) {
    // The config keeps its comments and layout; only the line is added.
    const doc = parseDocument(readFileSync(ws.configPath, 'utf8'));
    doc.set('codebook', rel);
    writeFileAtomic(ws.configPath, doc.toString());
    notes.push(`${displayPath(ws.configPath)} now names it: codebook: ${rel}`);
  } else if (named && resolve(named) !== resolve(target)) notes.push(`dialog.config.yaml names ${displayPath(named)}; to use the new one, write codebook: ${rel} there`);
  else if (!ws.configPath) notes.push(`not in a workspace: give it with --codebook ${displayPath(target)}, or run \`dialog init\``);
  if (!opts.quiet) message(notes.join('\n'));
}
