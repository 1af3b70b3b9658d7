import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics.js';
import type { Corpus } from '../core/model.js';
import { missingCorpus, readCorpus } from './corpus-file.js';
import { loadInputs } from './load-inputs.js';
import type { Workspace } from './workspace.js';

export type CorpusSource = { corpus: Corpus } | { path: string };

export interface SourceChoice {
  source: CorpusSource;
  diagnostics: Diagnostic[];
}

/**
 * The corpus a command works on: the inputs given on the command line (read in memory),
 * else the corpus file (streamed), else the inputs listed in dialog.config.yaml.
 */
export async function chooseSource(inputs: string[], ws: Workspace, opts: { corpus?: string; register?: string }): Promise<SourceChoice> {
  const register = opts.register ? resolve(opts.register) : ws.register;
  if (inputs.length) {
    const { corpus, diagnostics } = await loadInputs(inputs, register);
    return { source: { corpus }, diagnostics };
  }
  const path = opts.corpus ? resolve(opts.corpus) : ws.corpus;
  if (opts.corpus || existsSync(path) || !ws.inputs.length) {
    if (!existsSync(path)) throw missingCorpus(path);
    return { source: { path }, diagnostics: [] };
  }
  const { corpus, diagnostics } = await loadInputs(ws.inputs, register);
  return { source: { corpus }, diagnostics };
}

export async function wholeCorpus(source: CorpusSource): Promise<Corpus> {
  return 'corpus' in source ? source.corpus : readCorpus(source.path);
}
