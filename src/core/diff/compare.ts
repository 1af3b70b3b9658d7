import { STANCE_KEYS, type StanceKey, type ResponseStance } from '../classify/analyse.js';
import type { ReviewMark } from '../classify/outcome.js';
import type { DiffEvidence, RunResult, SideAnswer, SideResponse } from './result.js';

/** Why a tag came or went: the codebook (or the text it reads), or a person's decision. */
export type Cause = 'codebook' | 'review';

export interface ThemeChange {
  theme: string;
  cause: Cause;
  /** The evidence of the side that has the tag (none for a tag a person added without a sentence). */
  evidence: DiffEvidence[];
  /** The decision behind a change caused by review, where that side records it. */
  review?: ReviewMark;
}

interface Who {
  answer: string;
  respondent: string;
  name: string;
  question?: string;
}

/** An answer on both sides whose published themes differ. */
export interface AnswerChange extends Who {
  gained: ThemeChange[];
  lost: ThemeChange[];
}

/** An answer on one side only, with the themes it has there. */
export interface AnswerPresence extends Who {
  themes: { theme: string; origin: Cause }[];
}

export interface StanceChange {
  respondent: string;
  name: string;
  /** The response's id on each side (they differ when its text changed). */
  response: { before: string; after: string };
  before: { stance: StanceKey; origin: ResponseStance['origin'] };
  after: { stance: StanceKey; origin: ResponseStance['origin'] };
  cause: 'review' | 'response';
}

/** A published count before and after; null where the side has no such figure (a theme it lacks). */
export interface CountChange {
  key: string;
  before: number | null;
  after: number | null;
}

export interface ThemeCounts {
  theme: string;
  label: string;
  respondents: CountChange;
  answers: CountChange;
  share: CountChange;
}

export interface RunDiff {
  before: string;
  after: string;
  /** Whether anything differs: an answer, a stance, a respondent or a count. */
  changed: boolean;
  counts: { totals: CountChange[]; themes: ThemeCounts[]; positions: CountChange[] };
  respondents: { added: { id: string; name: string }[]; removed: { id: string; name: string }[] };
  answers: { changed: AnswerChange[]; added: AnswerPresence[]; removed: AnswerPresence[] };
  stances: StanceChange[];
}

const byName = (a: { name: string; id?: string; respondent?: string }, b: { name: string; id?: string; respondent?: string }) =>
  a.name.localeCompare(b.name, 'sv') || cmp(a.id ?? a.respondent ?? '', b.id ?? b.respondent ?? '');
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What changed from one run to another, answer by answer (answer ids follow content, so the same
 * answer has the same id in both) and count by count. Lists are ordered by respondent name, then
 * corpus order, so that the same two runs always give the same diff.
 */
export function diffResults(before: RunResult, after: RunResult): RunDiff {
  const nameOf = (id: string) => after.respondents.get(id)?.name ?? before.respondents.get(id)?.name ?? id;
  const who = (a: SideAnswer): Who => ({ answer: a.answer, respondent: a.respondent, name: nameOf(a.respondent), ...(a.question ? { question: a.question } : {}) });
  const order = <T extends Who>(list: { item: T; index: number }[]) => list.sort((x, y) => x.item.name.localeCompare(y.item.name, 'sv') || cmp(x.item.respondent, y.item.respondent) || x.index - y.index).map((x) => x.item);

  const changed: { item: AnswerChange; index: number }[] = [];
  const added: { item: AnswerPresence; index: number }[] = [];
  const removed: { item: AnswerPresence; index: number }[] = [];
  const presence = (a: SideAnswer) => ({ item: { ...who(a), themes: a.themes.map((t) => ({ theme: t.id, origin: t.origin })) }, index: a.index });
  for (const a of after.answers.values()) {
    const b = before.answers.get(a.answer);
    if (!b) {
      added.push(presence(a));
      continue;
    }
    const change = themeChanges(b, a);
    if (change.gained.length || change.lost.length) changed.push({ item: { ...who(a), ...change }, index: a.index });
  }
  for (const b of before.answers.values()) if (!after.answers.has(b.answer)) removed.push(presence(b));

  const respondents = {
    added: [...after.respondents.values()].filter((p) => !before.respondents.has(p.id)).sort(byName),
    removed: [...before.respondents.values()].filter((p) => !after.respondents.has(p.id)).sort(byName),
  };
  const counts = countChanges(before, after);
  const stances = stanceChanges(before.responses, after.responses, nameOf);
  const diff: RunDiff = {
    before: before.label,
    after: after.label,
    changed: false,
    counts,
    respondents,
    answers: { changed: order(changed), added: order(added), removed: order(removed) },
    stances,
  };
  const countsDiffer = [...counts.totals, ...counts.positions, ...counts.themes.flatMap((t) => [t.respondents, t.answers, t.share])].some((c) => c.before !== c.after);
  diff.changed = countsDiffer || changed.length > 0 || added.length > 0 || removed.length > 0 || stances.length > 0 || respondents.added.length > 0 || respondents.removed.length > 0;
  return diff;
}

/**
 * The themes an answer gained and lost, each with the evidence of the side that has it and its
 * cause: a person's decision where either side's tag (or its removal) is one, else the codebook.
 * A tag the codebook gives again because the decision that removed it is gone is review's doing
 * too, as is a tag a person added that is gone with its decision.
 */
function themeChanges(b: SideAnswer, a: SideAnswer): { gained: ThemeChange[]; lost: ThemeChange[] } {
  const had = new Map(b.themes.map((t) => [t.id, t]));
  const has = new Map(a.themes.map((t) => [t.id, t]));
  const removedBefore = new Map((b.removed ?? []).map((r) => [r.id, r.review]));
  const removedAfter = new Map((a.removed ?? []).map((r) => [r.id, r.review]));
  const gained: ThemeChange[] = [];
  const lost: ThemeChange[] = [];
  for (const t of a.themes) {
    if (had.has(t.id)) continue;
    const review = t.review ?? removedBefore.get(t.id);
    gained.push({ theme: t.id, cause: review ? 'review' : 'codebook', evidence: t.evidence, ...(review ? { review } : {}) });
  }
  for (const t of b.themes) {
    if (has.has(t.id)) continue;
    const review = removedAfter.get(t.id) ?? t.review;
    lost.push({ theme: t.id, cause: review ? 'review' : 'codebook', evidence: t.evidence, ...(review ? { review } : {}) });
  }
  return { gained, lost };
}

function countChanges(before: RunResult, after: RunResult): RunDiff['counts'] {
  const c = (key: string, x: number | null, y: number | null): CountChange => ({ key, before: x, after: y });
  const [b, a] = [before.counts, after.counts];
  const totals = [
    c('respondents', b.respondents, a.respondents),
    c('responses', b.responses, a.responses),
    c('answers', b.answers, a.answers),
    c('untagged answers', b.untaggedAnswers, a.untaggedAnswers),
    c('inferred positions', b.inferredStances, a.inferredStances),
    c('tags', b.tagging.tags, a.tagging.tags),
    c('tags reviewed', b.tagging.reviewed, a.tagging.reviewed),
    c('tags added by review', b.tagging.added, a.tagging.added),
    c('tags removed by review', b.tagging.removed, a.tagging.removed),
    c('positions reviewed', b.tagging.stancesReviewed, a.tagging.stancesReviewed),
  ];
  // The after side's codebook order, then themes only the before side has.
  const labels = new Map([...before.themes, ...after.themes].map((t) => [t.id, t.label]));
  const ids = [...after.themes.map((t) => t.id), ...before.themes.map((t) => t.id).filter((id) => !after.themes.some((t) => t.id === id))];
  const themes = ids.map((id): ThemeCounts => {
    const x = b.themes.find((t) => t.id === id);
    const y = a.themes.find((t) => t.id === id);
    return {
      theme: id,
      label: labels.get(id) ?? id,
      respondents: c('respondents', x?.respondents ?? null, y?.respondents ?? null),
      answers: c('answers', x?.answers ?? null, y?.answers ?? null),
      share: c('share', x?.share ?? null, y?.share ?? null),
    };
  });
  const positions = STANCE_KEYS.map((k) => c(k, b.positions[k], a.positions[k]));
  return { totals, themes, positions };
}

/**
 * Responses are matched by id, and a response whose id changed (its text did) by its respondent
 * when the respondent has exactly one unmatched response on each side: a rewritten letter.
 */
function stanceChanges(before: Map<string, SideResponse>, after: Map<string, SideResponse>, nameOf: (id: string) => string): StanceChange[] {
  const pairs: [SideResponse, SideResponse][] = [];
  const lonely = (side: Map<string, SideResponse>, other: Map<string, SideResponse>) => {
    const by = new Map<string, SideResponse[]>();
    for (const r of side.values())
      if (!other.has(r.response)) {
        const list = by.get(r.respondent);
        if (list) list.push(r);
        else by.set(r.respondent, [r]);
      }
    return by;
  };
  for (const a of after.values()) {
    const b = before.get(a.response);
    if (b) pairs.push([b, a]);
  }
  const gone = lonely(before, after);
  for (const [respondent, news] of lonely(after, before)) {
    const olds = gone.get(respondent);
    if (news.length === 1 && olds?.length === 1) pairs.push([olds[0], news[0]]);
  }
  return pairs
    .filter(([b, a]) => b.stance !== a.stance)
    .map(([b, a]): StanceChange => ({
      respondent: a.respondent,
      name: nameOf(a.respondent),
      response: { before: b.response, after: a.response },
      before: { stance: b.stance, origin: b.origin },
      after: { stance: a.stance, origin: a.origin },
      cause: a.origin === 'review' || b.origin === 'review' ? 'review' : 'response',
    }))
    .sort((x, y) => x.name.localeCompare(y.name, 'sv') || cmp(x.respondent, y.respondent) || cmp(x.response.after, y.response.after));
}
