import { resolve } from 'node:path';
import type { Corpus } from '../core/model.js';
import type { Diagnostic } from '../core/diagnostics.js';
import { existsSync } from 'node:fs';
import { readCorpus } from './corpus-file.js';
import { loadInputs } from './load-inputs.js';
import type { Workspace } from './workspace.js';

export interface CorpusChoice {
  corpus: Corpus;
  /** Where the corpus file is, when one was read (results are written beside it). */
  path?: string;
  diagnostics: Diagnostic[];
}

/**
 * The corpus a command works on: the inputs given on the command line (read in memory),
 * else the corpus file, else the inputs listed in dialog.config.yaml.
 */
export async function chooseCorpus(inputs: string[], ws: Workspace, opts: { corpus?: string; register?: string }): Promise<CorpusChoice> {
  const register = opts.register ? resolve(opts.register) : ws.register;
  if (inputs.length) return { ...(await loadInputs(inputs, register)) };
  const path = opts.corpus ? resolve(opts.corpus) : ws.corpus;
  if (opts.corpus || existsSync(path) || !ws.inputs.length) return { corpus: await readCorpus(path), path, diagnostics: [] };
  return { ...(await loadInputs(ws.inputs, register)) };
}
