import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { diag, InputError } from '../../core/diagnostics.js';
import { applyLabels, checkLabels, parseLabelsCsv, parseLabelsYaml } from '../../core/classify/labels.js';
import type { Corpus } from '../../core/model.js';
import { displayPath } from '../files/paths.js';

/**
 * The corpus with the labels of a labels file (CSV or YAML) in place of its answers' own; every
 * problem (an unknown answer or theme, a malformed row) at its place, all at once.
 */
export function withLabelsFile(corpus: Corpus, path: string, themeIds: string[]): Corpus {
  const shown = displayPath(path);
  if (!existsSync(path)) throw new InputError([diag(shown, 0, 0, 'no such labels file; check the path given to --labels or as labels: in dialog.config.yaml')]);
  const ext = extname(path).toLowerCase();
  if (!['.csv', '.tsv', '.txt', '.yaml', '.yml'].includes(ext)) throw new InputError([diag(shown, 0, 0, 'a labels file is CSV (.csv) or YAML (.yaml); see schemas/labels.schema.json')]);
  const text = readFileSync(path, 'utf8');
  const file = ext === '.yaml' || ext === '.yml' ? parseLabelsYaml(shown, text) : parseLabelsCsv(shown, text);
  const problems = [...file.diagnostics, ...checkLabels(shown, file.labels, corpus, themeIds)];
  if (problems.length) throw new InputError(problems);
  if (!file.labels.length) throw new InputError([diag(shown, 0, 0, 'no answer is labelled yet: fill in the themes column (theme ids, or - for no theme)')]);
  return applyLabels(corpus, file.labels);
}
