import { createHash } from 'node:crypto';
import type { Response } from '../model.js';

/**
 * Ids that follow content, not files: an answer is named by who wrote it, to which question, and
 * what it says; a response by who wrote it and all it says. So an answer keeps its id when other
 * inputs change, when rows are added to its sheet, and when its document is exported again
 * unchanged (new bytes, same text); a person's decisions anchored to it (review) survive that.
 * When the text changes, the id changes: a decision is then reported, never moved to other text.
 */
export const ANSWER_ID = /^a-[0-9a-f]{12}(?:-[1-9][0-9]*)?$/u;
export const RESPONSE_ID = /^r-[0-9a-f]{10}(?:-[1-9][0-9]*)?$/u;

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The text as far as its meaning goes: Unicode compatibility forms, soft hyphens and zero-width
 * characters, and runs of white space (where a line broke in a PDF) do not change an id.
 */
export function textForId(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Gives every response and answer its content id, in corpus order. The same text twice from one
 * respondent (to one question) is told apart by a suffix in that order (`-2`): identical text gets
 * the same decisions, so which of the two is which does not change what a decision means.
 */
export function assignIds(responses: Response[]): void {
  const used = new Map<string, number>();
  const unique = (base: string) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
  for (const r of responses) {
    const whole = createHash('sha256').update(r.respondent).update('\u0000');
    for (const a of r.answers) {
      const text = textForId(a.text);
      whole.update(`${a.question ?? ''}\u0001${text}\u0002`);
      a.id = unique(`a-${hash(`${r.respondent}\u0000${a.question ?? ''}\u0000${text}`).slice(0, 12)}`);
    }
    r.id = unique(`r-${whole.digest('hex').slice(0, 10)}`);
  }
}
