import { classifyResponse } from '../classify/context.js';
import type { CompiledCodebook } from '../classify/codebook.js';
import { rankOf } from '../classify/outcome.js';
import type { Corpus } from '../model.js';
import { oneLine } from '../text/text.js';

/** The stratum of answers the machine gave no theme. */
export const NO_THEME_STRATUM = '-';

/** One stratum of the audit's sample: the answers whose first theme (codebook order) is `id`. */
export interface Stratum {
  id: string;
  /** Answers of the corpus in the stratum. */
  population: number;
  /** Answers drawn from it. */
  sample: number;
}

export interface SampleDesign {
  seed: number;
  size: number;
  strata: Stratum[];
}

export interface AuditRow {
  answer: string;
  respondentName: string;
  question: string;
  text: string;
}

/**
 * Where the machine puts each answer: its first theme in codebook order, or none. The audit
 * measures the codebook, so these are its tags, before any person's review.
 */
export function machineThemes(corpus: Corpus, book: CompiledCodebook): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of corpus.responses) classifyResponse(book, r).forEach((c, i) => out.set(r.answers[i].id, c.themes.filter((t) => t.assigned).map((t) => t.id)));
  return out;
}

export const stratumOf = (themes: readonly string[]): string => themes[0] ?? NO_THEME_STRATUM;

/**
 * A seeded, stratified random sample of answers for the audit: one stratum per theme (answers
 * whose first machine theme it is) and one for answers with none, each given an equal share of
 * the sample (a rare theme gets as many answers checked as a common one), a stratum smaller than
 * its share taken whole and the rest shared among the others. Within a stratum the answers with
 * the smallest seeded hash of their id are drawn, so the sample depends on the seed and the
 * answers, not on the order of the inputs. The rows come in another seeded order, so that the
 * sheet does not show the strata: it is blind to the machine's themes.
 */
export function drawSample(corpus: Corpus, book: CompiledCodebook, size: number, seed: number): { rows: AuditRow[]; design: SampleDesign } {
  const tags = machineThemes(corpus, book);
  const order = [...book.themes.map((t) => t.id), NO_THEME_STRATUM];
  const members = new Map<string, string[]>(order.map((id) => [id, []]));
  for (const [answer, themes] of tags) members.get(stratumOf(themes))!.push(answer);
  const populated = order.filter((id) => members.get(id)!.length > 0);
  const allocation = allocate(populated.map((id) => members.get(id)!.length), size);
  const drawn = new Set<string>();
  const strata: Stratum[] = populated.map((id, i) => {
    const chosen = [...members.get(id)!].sort((a, b) => rankOf(`${seed}:${a}`) - rankOf(`${seed}:${b}`) || (a < b ? -1 : 1)).slice(0, allocation[i]);
    for (const a of chosen) drawn.add(a);
    return { id, population: members.get(id)!.length, sample: chosen.length };
  });
  const names = new Map(corpus.respondents.map((p) => [p.id, p.name]));
  const rows: AuditRow[] = [];
  for (const r of corpus.responses)
    for (const a of r.answers)
      if (drawn.has(a.id)) rows.push({ answer: a.id, respondentName: names.get(r.respondent) ?? r.respondentAsWritten, question: a.question ?? '', text: oneLine(a.text) });
  rows.sort((a, b) => rankOf(`${seed}/order:${a.answer}`) - rankOf(`${seed}/order:${b.answer}`) || (a.answer < b.answer ? -1 : 1));
  return { rows, design: { seed, size, strata } };
}

/** Equal shares of `size` over strata of these populations; a stratum that cannot fill its share gives the rest to the others. */
export function allocate(populations: readonly number[], size: number): number[] {
  const out = populations.map(() => 0);
  let left = Math.min(size, populations.reduce((a, b) => a + b, 0));
  let open = populations.map((_, i) => i);
  while (left > 0 && open.length) {
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      if (left === 0) break;
      const take = Math.min(share, populations[i] - out[i], left);
      out[i] += take;
      left -= take;
    }
    open = open.filter((i) => out[i] < populations[i]);
  }
  return out;
}
