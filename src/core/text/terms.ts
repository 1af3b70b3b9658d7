import { stem } from './stem.js';
import { forEachWord } from './words.js';

/** Function words of Swedish administrative prose; they say nothing about a topic. */
const STOPWORDS = new Set(
  (
    'och i att det som på är av för en med till den har de inte om ett vi kan men så från ska skall eller var sig ' +
    'när även där detta dessa denna också bör vara blir blev mot efter under samt genom vid hur utan sina sitt sin ' +
    'man alla andra annat mer mycket många dock då nu redan här hela både vilket vilka vilken deras dess oss våra vår ' +
    'vårt kommer kunna finns fanns får måste skulle ha hade varit göra gör gjort se ser sett ta tar inom över mellan ' +
    'än själv själva just bara ju nog samma sådan sådana utifrån kring enligt åt fram ut upp in ner bland per ' +
    'kommunen kommunens kommuner kommunerna kommunernas kommun stad staden region regionen landstinget landstingets ' +
    'förslaget förslag anser ser vill viktigt viktig viktiga dag'
  ).split(' '),
);

export interface TermScore {
  term: string;
  score: number;
  answers: number;
}

/** Content words of a text: lower case, stopwords and numbers out, at least three letters. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  // Words alone, without the sentence spans tokenize() also finds: terms need no sentences.
  forEachWord(text, (start, end) => {
    if (end - start < 3) return;
    const w = text.slice(start, end).toLowerCase();
    if (!STOPWORDS.has(w) && !NUMBER.test(w)) out.push(w);
  });
  return out;
}

const NUMBER = /^\p{N}+$/u;

/**
 * Terms that distinguish a target set of texts from the rest (TF-IDF over the two sets):
 * frequent in the target, rare elsewhere. Terms are grouped by stem and shown in their
 * most frequent written form.
 */
export function distinctiveTerms(target: string[], rest: string[], limit = 10): TermScore[] {
  const tf = new Map<string, number>();
  const docs = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  for (const text of target) {
    const seen = new Set<string>();
    for (const w of contentWords(text)) {
      const s = stem(w);
      tf.set(s, (tf.get(s) ?? 0) + 1);
      if (!seen.has(s)) {
        seen.add(s);
        docs.set(s, (docs.get(s) ?? 0) + 1);
      }
      const f = forms.get(s) ?? new Map<string, number>();
      f.set(w, (f.get(w) ?? 0) + 1);
      forms.set(s, f);
    }
  }
  const restDocs = new Map<string, number>();
  for (const text of rest) for (const s of new Set(contentWords(text).map(stem))) restDocs.set(s, (restDocs.get(s) ?? 0) + 1);
  const n = target.length + rest.length;
  const scored: TermScore[] = [];
  for (const [s, count] of tf) {
    if ((docs.get(s) ?? 0) < Math.min(2, target.length)) continue;
    const df = (docs.get(s) ?? 0) + (restDocs.get(s) ?? 0);
    const score = count * Math.log((n + 1) / (df + 1)) * ((docs.get(s) ?? 0) / Math.max(1, target.length) + 0.1);
    const form = [...forms.get(s)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    scored.push({ term: form, score: Math.round(score * 1000) / 1000, answers: docs.get(s) ?? 0 });
  }
  return scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1)).slice(0, limit);
}
