import type { ChalkInstance } from 'chalk';
import type { AuditScore } from '../../core/audit/score.js';
import type { Estimate } from '../../core/audit/normal.js';
import { table } from './table.js';

const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : '–');
const withInterval = (e: Pick<Estimate, 'estimate' | 'lower' | 'upper'>, f = (x: number) => x.toFixed(2)) =>
  Number.isFinite(e.estimate) ? `${f(e.estimate)} (${f(e.lower)}–${f(e.upper)})` : '–';

/** The audit's figures for people: per theme, with 95 % intervals; the coders' agreement; the method. */
export function renderAudit(score: AuditScore, c: ChalkInstance): string {
  const lines = [c.bold(`Audit of the codebook: ${score.checked} checked answers in ${score.strata.length} strata (95 % intervals)`), ''];
  lines.push(
    table(
      [['theme', 'machine', 'checked', 'precision', 'recall', 'F1', 'κ'], ...score.themes.map((t) => [t.id, pct(t.machineShare), `${t.checked.tagged}+${t.checked.untagged}`, withInterval(t.precision), withInterval(t.recall), withInterval(t.f1), withInterval({ estimate: t.kappa.kappa, lower: t.kappa.lower, upper: t.kappa.upper })])],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  lines.push('', c.dim('machine: the share of all answers the codebook tags; checked: answers with the tag + without it'));
  const a = score.agreement;
  if (a) {
    lines.push('', c.bold(`Agreement of the two coders on ${a.both} answers: Krippendorff's α ${Number.isFinite(a.alpha.alpha) ? a.alpha.alpha.toFixed(2) : `– (${a.alpha.reason})`}`));
    lines.push(table([['theme', 'κ'], ...a.kappa.map((k) => [k.id, withInterval({ estimate: k.result.kappa, lower: k.result.lower, upper: k.result.upper })])], ['l', 'r']));
    if (a.disagreements.length) {
      lines.push('', `${a.disagreements.length} ${a.disagreements.length === 1 ? 'disagreement' : 'disagreements'}:`);
      for (const d of a.disagreements.slice(0, 50)) lines.push(`  ${d.answer}  ${d.theme}: first ${d.first ? 'yes' : 'no'}, second ${d.second ? 'yes' : 'no'}`);
      if (a.disagreements.length > 50) lines.push(`  and ${a.disagreements.length - 50} more (--format json lists them all)`);
    }
  }
  lines.push('', c.dim(`Method: ${score.method}`));
  return lines.join('\n');
}
