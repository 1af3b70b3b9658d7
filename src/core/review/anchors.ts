import { diag, type Diagnostic } from '../diagnostics.js';
import type { ResponseOutcome } from '../classify/outcome.js';
import { jaccard, words } from '../ingest/same-letter.js';
import type { Decision, Review } from './decisions.js';

/** How alike (word sets) a changed answer and its decision's excerpt must be to be named as its successor. */
const SUCCESSOR = 0.5;

interface Seen {
  response: string;
  answers: { answer: string; text: string }[];
}

/**
 * Follows which decisions found their answer or response while the corpus was classified, and
 * tells, for each that did not, what became of it: never applied elsewhere, never dropped
 * silently. Runs on the main thread over the outcomes, in corpus order.
 */
export class ReviewAnchors {
  private readonly found = new Set<string>();
  private readonly byRespondent = new Map<string, Seen[]>();
  /** The respondents decisions name: their answers are kept (as beginnings) to describe orphans. */
  readonly respondents: ReadonlySet<string>;

  constructor(private readonly review: Review) {
    const named = new Set<string>();
    for (const d of [...review.answers.values(), ...review.responses.values()]) if (d.respondent) named.add(d.respondent);
    this.respondents = named;
  }

  see(o: ResponseOutcome): void {
    if (this.review.responses.has(o.response)) this.found.add(o.response);
    for (const a of o.answers) if (this.review.answers.has(a.answer)) this.found.add(a.answer);
    if (o.reviewContext) {
      const list = this.byRespondent.get(o.respondent) ?? this.byRespondent.set(o.respondent, []).get(o.respondent)!;
      list.push({ response: o.response, answers: o.reviewContext });
    }
  }

  /** Decisions whose answer or response is not in the corpus, each at its line, with what changed. */
  orphans(names: ReadonlyMap<string, string>): Diagnostic[] {
    const out: Diagnostic[] = [];
    const decisions: Decision[] = [...this.review.answers.values(), ...this.review.responses.values()].sort((a, b) => a.at.line - b.at.line);
    for (const d of decisions) {
      const id = 'answer' in d ? d.answer : d.response;
      if (this.found.has(id)) continue;
      out.push(diag(this.review.file, d.at.line, d.at.col, `${'answer' in d ? 'answer' : 'response'} ${id}${who(d, names)} is no longer in the corpus, so this decision is not applied: ${this.whatBecame(d, names)}`, 'warning'));
    }
    return out;
  }

  private whatBecame(d: Decision, names: ReadonlyMap<string, string>): string {
    const name = d.respondent ? (names.get(d.respondent) ?? d.name ?? d.respondent) : undefined;
    const seen = d.respondent ? this.byRespondent.get(d.respondent) : undefined;
    const advice = '`dialog review export` lists the answers as they are now';
    if (!d.respondent) return `its text changed or its letter left the inputs (the decision names no respondent to look under); review the answer again (${advice}) and remove this entry`;
    if (!seen?.length) return `${name} has no response in the corpus any more (its letter left the inputs, or its sender is now read as another body); remove this entry, or ingest the letter again`;
    if (!('answer' in d)) {
      const now = seen.map((s) => s.response).join(', ');
      return `the text of ${name}'s response changed (it is now ${now}); set its position again (${advice}) and remove this entry`;
    }
    const nearest = d.text ? this.nearest(d.text, seen) : undefined;
    if (nearest && nearest.similarity >= SUCCESSOR)
      return `its text changed; ${name}'s nearest answer now is ${nearest.answer} (${Math.floor(nearest.similarity * 100)} % of the words alike): «${nearest.text.slice(0, 120)}${nearest.text.length > 120 ? '…' : ''}». Review that answer (\`dialog themes --explain ${nearest.answer}\`), then move the decision to it or remove this entry`;
    return `${name} has no answer like it any more (its text changed or was removed); review ${name}'s answers again (${advice}) and remove this entry`;
  }

  private nearest(text: string, seen: Seen[]): { answer: string; text: string; similarity: number } | undefined {
    const target = new Set(words(text));
    let best: { answer: string; text: string; similarity: number } | undefined;
    for (const s of seen)
      for (const a of s.answers) {
        const similarity = jaccard(target, new Set(words(a.text)));
        if (!best || similarity > best.similarity) best = { ...a, similarity };
      }
    return best;
  }
}

function who(d: Decision, names: ReadonlyMap<string, string>): string {
  const name = d.respondent ? (names.get(d.respondent) ?? d.name) : d.name;
  return name ? ` (${name}${d.text ? `: «${d.text.slice(0, 60)}${d.text.length > 60 ? '…' : ''}»` : ''})` : '';
}
