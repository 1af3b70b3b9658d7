import type { Corpus, Respondent } from '../model.js';

/**
 * Respondents (id → name) whose name, or a name they were written as, holds `part`: first where a
 * word starts with it ("Halland" in "Region Halland"), else anywhere in a word.
 */
export function respondentsNamedBy(corpus: Corpus, people: Map<string, Respondent>, part: string): Map<string, string> {
  const needle = part.trim().toLocaleLowerCase('sv');
  if (!needle) return new Map();
  const names = new Map<string, Set<string>>();
  for (const r of corpus.responses) {
    const set = names.get(r.respondent) ?? names.set(r.respondent, new Set([people.get(r.respondent)?.name ?? r.respondent])).get(r.respondent)!;
    set.add(r.respondentAsWritten);
  }
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const atWordStart = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, 'iu');
  const pick = (test: (name: string) => boolean) =>
    new Map([...names].filter(([, ns]) => [...ns].some(test)).map(([rid]) => [rid, people.get(rid)?.name ?? rid]));
  const byWord = pick((n) => atWordStart.test(n));
  return byWord.size ? byWord : pick((n) => n.toLocaleLowerCase('sv').includes(needle));
}

/**
 * The respondents a user means by `spec`: an id, a name or a name as written (case folded), else a
 * part of a name (see respondentsNamedBy). Empty when none.
 */
export function respondentsMeant(corpus: Corpus, spec: string): Map<string, string> {
  const key = spec.toLowerCase();
  const exact = corpus.respondents.filter((p) => p.id === spec || p.name.toLowerCase() === key);
  if (exact.length) return new Map(exact.map((p) => [p.id, p.name]));
  return respondentsNamedBy(corpus, new Map(corpus.respondents.map((p) => [p.id, p])), spec);
}
