import type { Classification } from './classify.js';
import { CompiledCodebook } from './codebook.js';
import { classifyResponse } from './context.js';

export interface LabelledText {
  text: string;
  /** The themes a person gave the answer. */
  gold: string[];
  /** The response the answer belongs to (answers of one response are classified together, for context rules); default: its own. */
  response?: string;
  /** The respondent's name as written, for companions with scope: respondent. */
  respondent?: string;
}

/** Every item classified within its response (items of one response share `response`). */
function classifyItems(book: CompiledCodebook, items: LabelledText[], only?: ReadonlySet<number>): Map<number, Classification> {
  const groups = new Map<string, number[]>();
  items.forEach((item, i) => {
    const key = item.response ?? `\u0000${i}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  const out = new Map<number, Classification>();
  for (const members of groups.values()) {
    if (only && !members.some((i) => only.has(i))) continue;
    const results = classifyResponse(book, { respondentAsWritten: items[members[0]].respondent ?? '', answers: members.map((i) => items[i]) });
    members.forEach((i, k) => out.set(i, results[k]));
  }
  return out;
}

export interface PatternStat {
  theme: string;
  pattern: string;
  /** Labelled answers in which the pattern counted (matched, not vetoed, companions present). */
  fired: number;
  /** Of those, the share labelled with the pattern's theme (1 when it never fired). */
  precision: number;
  /** True positives of the theme that would be lost without this pattern. */
  uniqueTp: number;
  /** False positives of the theme that would go without this pattern. */
  uniqueFp: number;
}

/**
 * How each pattern of the codebook does on labelled answers: how often it counted, how often the
 * theme was then right, and which true (and false) positives it alone brought about, found by
 * classifying those answers again without it. An analyst sees which patterns carry and which hurt.
 */
export function patternStats(book: CompiledCodebook, items: LabelledText[]): PatternStat[] {
  const stats = book.themes.flatMap((t) => t.patterns.map((p) => ({ theme: t.id, pattern: p.label, fired: 0, right: 0, uniqueTp: 0, uniqueFp: 0 })));
  const at = (ti: number, pi: number) => book.themes.slice(0, ti).reduce((n, t) => n + t.patterns.length, 0) + pi;
  // Answers a pattern fired in, with whether its theme was assigned: candidates for "alone".
  const assignedWith = new Map<number, { item: number; theme: number }[]>();
  const classified = classifyItems(book, items);
  items.forEach((item, i) => {
    const c = classified.get(i)!;
    c.themes.forEach((t, ti) => {
      const seen = new Set<string>();
      for (const e of t.evidence) if (!e.vetoedBy && !e.unmet) seen.add(e.pattern);
      book.themes[ti].patterns.forEach((p, pi) => {
        if (!seen.has(p.label)) return;
        const s = stats[at(ti, pi)];
        s.fired++;
        if (item.gold.includes(t.id)) s.right++;
        if (t.assigned) {
          const key = at(ti, pi);
          const list = assignedWith.get(key);
          if (list) list.push({ item: i, theme: ti });
          else assignedWith.set(key, [{ item: i, theme: ti }]);
        }
      });
    });
  });
  for (const [key, list] of assignedWith) {
    const { theme: ti } = list[0];
    const pi = key - at(ti, 0);
    const without = new CompiledCodebook({
      ...book.source,
      themes: book.source.themes.map((t, i) => (i === ti ? { ...t, patterns: t.patterns.filter((_, j) => j !== pi) } : t)),
    });
    const again = classifyItems(without, items, new Set(list.map((x) => x.item)));
    for (const { item } of list) {
      if (without.themes[ti].patterns.length && again.get(item)!.themes[ti].assigned) continue;
      if (items[item].gold.includes(book.themes[ti].id)) stats[key].uniqueTp++;
      else stats[key].uniqueFp++;
    }
  }
  return stats.map((s) => ({
    theme: s.theme,
    pattern: s.pattern,
    fired: s.fired,
    precision: s.fired ? Math.round((s.right / s.fired) * 10000) / 10000 : 1,
    uniqueTp: s.uniqueTp,
    uniqueFp: s.uniqueFp,
  }));
}
