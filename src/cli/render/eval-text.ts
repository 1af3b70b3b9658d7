import type { ChalkInstance } from 'chalk';
import type { Evaluation } from '../../core/classify/evaluate.js';
import type { PatternStat } from '../../core/classify/pattern-stats.js';
import { csvRow, csvStart, type CsvDialect } from './csv.js';
import { table } from './table.js';

export interface Mistake {
  kind: 'false positive' | 'false negative';
  theme: string;
  answer: string;
  respondent: string;
  detail: string;
}

const f = (x: number) => x.toFixed(3);

/** What the context rules (requires: response, scope response/respondent) bring: the evaluation again without them. */
export interface ContextContribution {
  /** How many patterns of the codebook are context rules. */
  patterns: number;
  /** Macro F1 with every context rule removed. */
  macroF1Without: number;
  /** True and false positives the context rules add, over all themes. */
  tp: number;
  fp: number;
}

export function renderEvaluation(e: Evaluation, mistakes: Mistake[], c: ChalkInstance, patterns: PatternStat[] = [], context?: ContextContribution): string {
  const rows = [
    ['theme', 'precision', 'recall', 'F1', 'support', 'tp', 'fp', 'fn'],
    ...Object.entries(e.themes).map(([id, s]) => [id, f(s.precision), f(s.recall), f(s.f1), String(s.support), String(s.tp), String(s.fp), String(s.fn)]),
    ['micro', f(e.micro.precision), f(e.micro.recall), f(e.micro.f1), '', '', '', ''],
    ['macro', f(e.macro.precision), f(e.macro.recall), f(e.macro.f1), '', '', '', ''],
  ];
  const lines = [c.bold(`Evaluation on ${e.answers} labelled answers`), table(rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'])];
  if (patterns.length) {
    const fired = patterns.filter((p) => p.fired > 0).sort((a, b) => (a.theme === b.theme ? b.fired - a.fired || (a.pattern < b.pattern ? -1 : 1) : 0));
    const silent = patterns.length - fired.length;
    lines.push(
      '',
      c.bold('Patterns') + ' (fired: labelled answers it counted in; precision: share of those with its theme; alone: true/false positives lost without it)',
      table(
        [['theme', 'pattern', 'fired', 'precision', 'alone TP', 'alone FP'], ...fired.map((p) => [p.theme, p.pattern, String(p.fired), f(p.precision), String(p.uniqueTp), String(p.uniqueFp)])],
        ['l', 'l', 'r', 'r', 'r', 'r'],
      ),
    );
    if (silent) lines.push(c.dim(`${silent} patterns did not fire on these answers (--format json lists them all)`));
  }
  if (context?.patterns)
    lines.push('', `${c.bold('Context rules')} (${context.patterns} patterns that look beyond their answer, marked @response or @respondent): ${context.tp >= 0 ? '+' : ''}${context.tp} TP, ${context.fp >= 0 ? '+' : ''}${context.fp} FP; macro F1 without them ${f(context.macroF1Without)}, with them ${f(e.macro.f1)}`);
  if (mistakes.length) {
    lines.push('', c.bold('Disagreements'));
    for (const m of mistakes) lines.push(`${m.kind === 'false positive' ? c.red('FP') : c.yellow('FN')} ${m.theme}  ${m.answer} (${m.respondent}): ${m.detail}`);
  }
  return lines.join('\n');
}

/** The documented JSON shape: per theme precision, recall, f1, support; micro; macro; answers; patterns. */
export function evaluationJson(e: Evaluation, patterns: PatternStat[] = [], context?: ContextContribution): string {
  const themes = Object.fromEntries(Object.entries(e.themes).map(([id, s]) => [id, { precision: s.precision, recall: s.recall, f1: s.f1, support: s.support }]));
  return JSON.stringify({ themes, micro: e.micro, macro: e.macro, answers: e.answers, patterns, ...(context ? { context } : {}) }, null, 2);
}

/** One row per theme, then micro and macro: for a spreadsheet. */
export function evaluationCsv(e: Evaluation, dialect: CsvDialect): string {
  const rows: (string | number)[][] = [['theme', 'precision', 'recall', 'f1', 'support', 'tp', 'fp', 'fn']];
  for (const [id, s] of Object.entries(e.themes)) rows.push([id, s.precision, s.recall, s.f1, s.support, s.tp, s.fp, s.fn]);
  for (const [name, m] of [['micro', e.micro], ['macro', e.macro]] as const) rows.push([name, m.precision, m.recall, m.f1, '', '', '', '']);
  return csvStart(dialect) + rows.map((r) => csvRow(r, dialect)).join('');
}
