import type { ChalkInstance } from 'chalk';
import { classify, type Classification, type Evidence } from '../../core/classify/classify.js';
import type { CompiledCodebook } from '../../core/classify/codebook.js';
import type { ResponseStance } from '../../core/classify/analyse.js';
import { escapeControls } from '../../core/text/safe-text.js';
import type { Answer, Respondent } from '../../core/model.js';

/** The answer with its matches marked: colour on a terminal, [brackets] without colour. */
export function highlight(text: string, spans: { start: number; end: number }[], c: ChalkInstance): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of sorted) {
    if (s.start < at) continue;
    out += escapeControls(text.slice(at, s.start), true);
    const m = escapeControls(text.slice(s.start, s.end), true);
    out += c.level > 0 ? c.bold.yellow(m) : `[${m}]`;
    at = s.end;
  }
  return out + escapeControls(text.slice(at), true);
}

const sentenceOf = (text: string, e: Evidence) => text.slice(e.sentence[0], e.sentence[1]).replace(/\s+/gu, ' ');

/** `result`: the answer classified in its response (classifyResponse), so that context rules show as they count. */
export function explainAnswer(book: CompiledCodebook, answer: Answer, who: Respondent | undefined, stance: ResponseStance, c: ChalkInstance, result: Classification = classify(book, answer.text)): string {
  const all = result.themes.flatMap((t) => t.evidence);
  const lines = [
    c.bold(`${answer.id}`) + `  ${who?.name ?? ''}${answer.question ? `, question ${answer.question}` : ''}`,
    '',
    highlight(answer.text, all, c),
    '',
  ];
  for (const t of result.themes) {
    const counted = t.evidence.filter((e) => !e.vetoedBy && !e.unmet);
    const vetoed = t.evidence.filter((e) => e.vetoedBy);
    const unmet = t.evidence.filter((e) => !e.vetoedBy && e.unmet);
    const verdict = t.assigned
      ? c.green(`assigned: score ${t.score} ≥ threshold ${t.threshold}`)
      : counted.length
        ? c.yellow(`below threshold: score ${t.score} < ${t.threshold}`)
        : vetoed.length
          ? c.red('vetoed: every match is excluded')
          : c.dim('no pattern matched');
    lines.push(`${c.bold(t.id)}  ${verdict}`);
    for (const e of counted) lines.push(`  + ${e.pattern} (weight ${e.weight}) matched "${e.match}" at ${e.start}-${e.end}${e.context ? ` and counts in context: ${e.context}` : ''}: «${sentenceOf(answer.text, e)}»`);
    for (const e of vetoed) lines.push(`  − ${e.pattern} matched "${e.match}" at ${e.start}-${e.end} but ${e.vetoedBy} vetoes it: «${sentenceOf(answer.text, e)}»`);
    for (const e of unmet) lines.push(`  · ${e.pattern} matched "${e.match}" at ${e.start}-${e.end} but does not count: it ${e.unmet}`);
  }
  const s = stance.origin === 'stated' ? `stated: ${stance.stance}` : stance.origin === 'inferred' ? `inferred: ${stance.stance} from "${stance.evidence!.match}" «${stance.evidence!.sentence}»` : 'unknown (none stated, none found in the text)';
  lines.push(`${c.bold('position')}  ${s}`);
  return lines.join('\n');
}

/** The same explanation for machines: every match, counted or vetoed, per theme, and the position. */
export function explainJson(book: CompiledCodebook, answer: Answer, who: Respondent | undefined, stance: ResponseStance, result: Classification = classify(book, answer.text)) {
  return {
    answer: answer.id,
    respondent: who?.id ?? null,
    respondent_name: who?.name ?? null,
    ...(answer.question ? { question: answer.question } : {}),
    themes: result.themes.map((t) => ({
      id: t.id,
      assigned: t.assigned,
      score: t.score,
      threshold: t.threshold,
      matches: t.evidence.map((e) => ({ pattern: e.pattern, weight: e.weight, match: e.match, start: e.start, end: e.end, sentence: sentenceOf(answer.text, e), ...(e.vetoedBy ? { vetoedBy: e.vetoedBy } : {}), ...(e.unmet ? { unmet: e.unmet } : {}), ...(e.context ? { context: e.context } : {}) })),
    })),
    position: stance,
  };
}

/** A person's decisions on an answer (its themes) and its response (the position), as `--explain` lines. */
export function explainDecisions(
  d: { themes?: { confirm: string[]; add: string[]; remove: string[]; reviewer: string; date: string; note?: string }; stance?: { stance: string; reviewer: string; date: string; note?: string } },
  c: ChalkInstance,
): string[] {
  const by = (x: { reviewer: string; date: string; note?: string }) => `(${x.reviewer}, ${x.date}${x.note ? `: ${x.note}` : ''})`;
  const lines: string[] = [];
  if (d.themes) {
    const t = d.themes;
    const said = [t.confirm.length ? `confirmed ${t.confirm.join(', ')}` : '', t.add.length ? `added ${t.add.join(', ')}` : '', t.remove.length ? `removed ${t.remove.join(', ')}` : ''].filter(Boolean);
    lines.push(`${c.bold('review')}  ${said.length ? said.join('; ') : 'no theme'} ${by(t)}; this wins over the codebook`);
  }
  if (d.stance) lines.push(`${c.bold('review')}  position ${d.stance.stance} ${by(d.stance)}`);
  return lines;
}
