import type { ChalkInstance } from 'chalk';
import { STANCE_KEYS, type GroupKey, type Overview } from '../../core/classify/analyse.js';
import type { CompiledCodebook } from '../../core/classify/codebook.js';
import type { TermScore } from '../../core/text/terms.js';
import { bar, percent, table } from './table.js';

export function renderOverview(o: Overview, book: CompiledCodebook, coverage: TermScore[], c: ChalkInstance): string {
  const label = (id: string) => book.themes.find((t) => t.id === id)?.label.sv ?? id;
  const sorted = [...o.themes].sort((a, b) => b.respondents.length - a.respondents.length || b.answers - a.answers);
  const lines: string[] = [];
  lines.push(c.bold(`Themes in ${o.answers} answers from ${o.respondents} respondents`));
  lines.push(
    table(
      [
        ['theme', 'label', 'respondents', 'answers', 'share', ''],
        ...sorted.map((t) => [t.id, label(t.id), String(t.respondents.length), String(t.answers), percent(t.share), c.cyan(bar(t.share))]),
      ],
      ['l', 'l', 'r', 'r', 'r', 'l'],
    ),
  );
  lines.push('', c.bold('Respondents by position') + c.dim(` (${o.inferredStances} inferred from the text)`));
  lines.push(
    table(
      [['theme', ...STANCE_KEYS], ...sorted.map((t) => [t.id, ...STANCE_KEYS.map((k) => String(t.byStance[k]))]), ['all respondents', ...STANCE_KEYS.map((k) => String(o.stances[k]))]],
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  // The register's categories (K1–K3) where it gives them, else types: the groups the report uses.
  const groups = Object.keys(o.groups) as GroupKey[];
  lines.push('', c.bold('Respondents by group') + c.dim(' (the register\'s category where it gives one, else the type)'));
  lines.push(
    table(
      [['theme', ...groups], ...sorted.map((t) => [t.id, ...groups.map((k) => String(t.byGroup[k] ?? 0))]), ['all respondents', ...groups.map((k) => String(o.groups[k]))]],
      ['l', ...groups.map(() => 'r' as const)],
    ),
  );
  const share = o.answers ? o.untaggedAnswers / o.answers : 0;
  lines.push('', c.bold('Coverage') + `: ${o.untaggedAnswers} of ${o.answers} answers (${percent(share)}) have no theme.`);
  if (coverage.length) lines.push(`Distinctive terms among them (candidate keywords): ${coverage.map((t) => `${t.term} (${t.answers})`).join(', ')}`);
  return lines.join('\n');
}
