import { createRequire } from 'node:module';

type Stemmer = { stem(word: string): string };

let stemmer: Stemmer | undefined;
const cache = new Map<string, string>();
const MAX_CACHE = 250_000;

/**
 * natural's Swedish Porter stemmer, loaded alone and only when first needed: requiring 'natural'
 * itself loads every module (seconds) and its dotenv dependency writes to stdout.
 */
function load(): Stemmer {
  if (!stemmer) {
    const require = createRequire(import.meta.url);
    stemmer = require('natural/lib/natural/stemmers/porter_stemmer_sv.js') as Stemmer;
  }
  return stemmer;
}

/** Stem of a lower-case word, cached: a corpus repeats its vocabulary endlessly. */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = load().stem(word);
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(word, s);
  }
  return s;
}
