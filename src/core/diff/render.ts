import type { AnswerChange, AnswerPresence, CountChange, RunDiff, StanceChange, ThemeChange } from './compare.js';
import { escapeMarkdown as md } from '../report/markdown.js';
import { oneLine } from '../text/text.js';

/** Styles for text on a terminal (chalk, or plain text). */
export interface Paint {
  bold: (s: string) => string;
  green: (s: string) => string;
  red: (s: string) => string;
  dim: (s: string) => string;
}

export const PLAIN: Paint = { bold: (s) => s, green: (s) => s, red: (s) => s, dim: (s) => s };

/** How much of an evidence sentence a diff quotes. */
const QUOTE = 160;

const quote = (s: string) => {
  const line = oneLine(s);
  return line.length > QUOTE ? `${line.slice(0, QUOTE - 1)}…` : line;
};
const share = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)} %`);
const count = (x: number | null) => (x === null ? '–' : String(x));
const delta = (c: CountChange, asShare = false) => {
  if (c.before === c.after) return '';
  if (c.before === null || c.after === null) return c.after === null ? 'gone' : 'new';
  if (asShare) {
    const d = Math.round(c.after * 100) - Math.round(c.before * 100);
    return d === 0 ? '' : `${d > 0 ? '+' : ''}${d} pp`;
  }
  const d = c.after - c.before;
  return `${d > 0 ? '+' : ''}${d}`;
};
const differs = (c: CountChange) => c.before !== c.after;
const reviewed = (t: ThemeChange) => (t.review ? `review: ${t.review.reviewer}, ${t.review.date}${t.review.note ? `: ${t.review.note}` : ''}` : t.cause);

/** Text for people on a terminal. `limit` caps each list (Infinity: all). */
export function renderDiffText(d: RunDiff, paint: Paint = PLAIN, limit = Infinity): string {
  const lines: string[] = [`before: ${d.before}`, `after:  ${d.after}`, ''];
  if (!d.changed) {
    lines.push(`No differences: both give the same published figures and tags (${d.counts.totals.find((c) => c.key === 'answers')?.after ?? 0} answers).`);
    return lines.join('\n');
  }
  const width = Math.max(20, ...d.counts.themes.map((t) => t.theme.length + ' respondents'.length));
  const row = (label: string, c: CountChange, asShare = false) => {
    const text = `  ${label.padEnd(width)} ${(asShare ? share(c.before) : count(c.before)).padStart(6)} → ${(asShare ? share(c.after) : count(c.after)).padEnd(6)} ${delta(c, asShare)}`.trimEnd();
    return differs(c) ? paint.bold(text) : paint.dim(text);
  };
  lines.push(paint.bold('Counts (before → after)'));
  for (const c of d.counts.totals) lines.push(row(c.key, c));
  lines.push(paint.bold('Positions'));
  for (const c of d.counts.positions) lines.push(row(c.key, c));
  lines.push(paint.bold('Themes'));
  for (const t of d.counts.themes) {
    lines.push(row(`${t.theme} respondents`, t.respondents), row(`${t.theme} answers`, t.answers), row(`${t.theme} share`, t.share, true));
  }
  const capped = <T>(title: string, list: T[], show: (x: T) => string[]) => {
    if (!list.length) return;
    lines.push('', paint.bold(`${title} (${list.length}):`));
    for (const x of list.slice(0, limit)) lines.push(...show(x));
    if (list.length > limit) lines.push(`  and ${list.length - limit} more`);
  };
  capped('Respondents added', d.respondents.added, (p) => [paint.green(`  + ${p.name} (${p.id})`)]);
  capped('Respondents removed', d.respondents.removed, (p) => [paint.red(`  - ${p.name} (${p.id})`)]);
  capped('Answers whose themes changed', d.answers.changed, (a) => [
    `  ${a.answer}  ${a.name}${a.question ? `, question ${a.question}` : ''}`,
    ...a.gained.map((t) => paint.green(`    + ${t.theme} (${reviewed(t)})${evidenceText(t)}`)),
    ...a.lost.map((t) => paint.red(`    - ${t.theme} (${reviewed(t)})${evidenceText(t)}`)),
  ]);
  capped('Answers added', d.answers.added, (a) => [paint.green(`  + ${a.answer}  ${a.name}: ${themeList(a)}`)]);
  capped('Answers removed', d.answers.removed, (a) => [paint.red(`  - ${a.answer}  ${a.name}: ${themeList(a)}`)]);
  capped('Positions changed', d.stances, (s) => [`  ${s.name}: ${stanceText(s)}`]);
  return lines.join('\n');
}

const evidenceText = (t: ThemeChange) => {
  const e = t.evidence[0];
  if (!e) return '';
  const matches = t.evidence.filter((x) => x.match).map((x) => `${x.pattern} "${x.match}"`);
  const found = matches.length ? ` [${matches.join(', ')}]` : '';
  return `: «${quote(e.sentence)}»${found}`;
};
const themeList = (a: AnswerPresence) => (a.themes.length ? a.themes.map((t) => `${t.theme}${t.origin === 'review' ? ' (review)' : ''}`).join(', ') : 'no theme');
const stanceText = (s: StanceChange) => `${s.before.stance} (${s.before.origin}) → ${s.after.stance} (${s.after.origin}), ${s.cause === 'review' ? 'a review decision' : 'the response'}`;

/**
 * Markdown for a GitHub job summary: the published counts before → after as tables, then what
 * changed, each list capped at `limit` with "and N more" (a summary holds at most 1 MiB).
 */
export function renderDiffMarkdown(d: RunDiff, limit = 50): string {
  const out: string[] = ['## What changed in the published figures', '', `Before: ${md(d.before)}. After: ${md(d.after)}.`, ''];
  if (!d.changed) {
    out.push('No differences: both give the same published figures and tags.', '');
    return out.join('\n');
  }
  const cell = (c: CountChange, asShare = false) => {
    const f = asShare ? share : count;
    return differs(c) && !(asShare && delta(c, true) === '') ? `${f(c.before)} → **${f(c.after)}**` : f(c.after);
  };
  out.push('| Figure | Before | After | Change |', '| --- | ---: | ---: | ---: |');
  for (const c of [...d.counts.totals, ...d.counts.positions.map((p) => ({ ...p, key: `position: ${p.key}` }))])
    out.push(`| ${c.key[0].toUpperCase()}${c.key.slice(1)} | ${count(c.before)} | ${count(c.after)} |${delta(c) ? ` ${delta(c)} ` : ' '}|`);
  out.push('', '| Theme | Respondents | Answers | Share |', '| --- | ---: | ---: | ---: |');
  for (const t of d.counts.themes) out.push(`| ${md(t.label)} | ${cell(t.respondents)} | ${cell(t.answers)} | ${cell(t.share, true)} |`);
  const labels = new Map(d.counts.themes.map((t) => [t.theme, t.label]));
  const label = (id: string) => md(labels.get(id) ?? id);
  const section = <T>(title: string, list: T[], show: (x: T) => string) => {
    if (!list.length) return;
    out.push('', `### ${title} (${list.length})`, '');
    for (const x of list.slice(0, limit)) out.push(`- ${show(x)}`);
    if (list.length > limit) out.push(`- and ${list.length - limit} more`);
  };
  section('Respondents added', d.respondents.added, (p) => `${md(p.name)} (${md(p.id)})`);
  section('Respondents removed', d.respondents.removed, (p) => `${md(p.name)} (${md(p.id)})`);
  const change = (sign: string, t: ThemeChange) => {
    const e = t.evidence[0];
    const why = t.review ? `review: ${md(t.review.reviewer)}, ${t.review.date}${t.review.note ? `, ${md(t.review.note)}` : ''}` : t.cause;
    return `${sign} **${label(t.theme)}** (${why})${e ? `: ”${md(quote(e.sentence))}”` : ''}`;
  };
  section('Answers whose themes changed', d.answers.changed, (a: AnswerChange) => `${md(a.name)} \`${a.answer}\`: ${[...a.gained.map((t) => change('+', t)), ...a.lost.map((t) => change('−', t))].join('; ')}`);
  const themes = (a: AnswerPresence) => (a.themes.length ? a.themes.map((t) => label(t.theme)).join(', ') : 'no theme');
  section('Answers added', d.answers.added, (a) => `${md(a.name)} \`${a.answer}\`: ${themes(a)}`);
  section('Answers removed', d.answers.removed, (a) => `${md(a.name)} \`${a.answer}\`: ${themes(a)}`);
  section('Positions changed', d.stances, (s) => `${md(s.name)}: ${md(stanceText(s))}`);
  out.push('');
  return out.join('\n');
}

/** The diff as JSON: every list whole. */
export function renderDiffJson(d: RunDiff): string {
  return JSON.stringify({ format: 'dialog-diff', version: 1, ...d }, null, 2);
}
