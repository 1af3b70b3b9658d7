import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../../core/diagnostics.js';
import type { Corpus } from '../../core/model.js';
import { append, diag, InputError } from '../../core/diagnostics.js';
import { missingCorpus, readCorpus, readCorpusHeader } from './corpus-file.js';
import { displayPath } from '../files/paths.js';
import { staleInputs, staleSettings, type CurrentSettings } from './staleness.js';
import { loadInputs } from '../readers/load-inputs.js';
import type { Workspace } from '../workspace/workspace.js';

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
  // The workspace's consultation file describes its responses however they are given.
  const consultation = ws.consultation ? { consultation: ws.consultation } : {};
  if (inputs.length) {
    const { corpus, diagnostics } = await loadInputs(inputs, register, undefined, undefined, consultation);
    return { source: { corpus }, diagnostics };
  }
  const now = { register, ...(ws.consultation ? { consultation: ws.consultation } : {}) };
  const path = opts.corpus ? resolve(opts.corpus) : ws.corpus;
  if (opts.corpus || existsSync(path) || !ws.inputs.length) {
    if (!existsSync(path)) throw missingCorpus(path);
    await assertCurrent(path, opts.corpus ? [] : ws.inputs, now);
    return { source: { path }, diagnostics: [] };
  }
  const { corpus, diagnostics } = await loadInputs(ws.inputs, register, undefined, undefined, consultation);
  return { source: { corpus }, diagnostics };
}

/**
 * A corpus older than its inputs would put stale facts in a report: stop, and say what to run.
 * (Rebuilding it here instead would make `report` write the corpus behind the analyst's back.)
 */
async function assertCurrent(path: string, configInputs: string[], now: CurrentSettings): Promise<void> {
  const header = await readCorpusHeader(path);
  const changes = await staleInputs(path, header.sources, configInputs, process.cwd(), now.consultation);
  append(changes, await staleSettings(header.settings, header.sources, now));
  if (!changes.length) return;
  const shown = changes.length > 10 ? [...changes.slice(0, 10), `and ${changes.length - 10} more`] : changes;
  throw new InputError([
    diag(displayPath(path), 0, 0, `the corpus is out of date: ${shown.join('; ')}. Run \`dialog ingest\`${configInputs.length ? '' : ' with the same inputs'} to update it, or give the input files to read them directly`),
  ]);
}

export async function wholeCorpus(source: CorpusSource): Promise<Corpus> {
  return 'corpus' in source ? source.corpus : readCorpus(source.path);
}
