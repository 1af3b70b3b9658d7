import type { Stance } from '../model.js';
import { sentences, tokenize } from '../text/text.js';

export interface InferredStance {
  stance: Stance;
  /** The phrase that decided, and the sentence it stands in. */
  match: string;
  sentence: string;
}

interface Rule {
  /** Lower-case words in a row; a trailing * matches any ending. */
  words: string[];
  stance: Stance;
  /** What the stance becomes when the phrase is negated ("inte tillstyrka"). */
  negated?: Stance;
}

const RULES: Rule[] = [
  { words: ['tillstyrk*', 'med', 'förbehåll'], stance: 'conditional' },
  { words: ['tillstyrk*', 'delvis'], stance: 'conditional' },
  { words: ['delvis', 'tillstyrk*'], stance: 'conditional' },
  { words: ['tillstyrk*', 'under', 'förutsättning*'], stance: 'conditional' },
  { words: ['tillstyrk*', 'förutsatt'], stance: 'conditional' },
  { words: ['tillstyrk*', 'endast', 'om'], stance: 'conditional' },
  { words: ['tillstyrk*', 'med', 'villkor*'], stance: 'conditional' },
  { words: ['positiv*', 'med', 'förbehåll'], stance: 'conditional' },
  { words: ['avstår', 'från', 'att', 'yttra'], stance: 'no-opinion' },
  { words: ['avstår', 'från', 'att', 'lämna'], stance: 'no-opinion' },
  { words: ['avstår', 'från', 'yttrande'], stance: 'no-opinion' },
  { words: ['inget', 'att', 'invända'], stance: 'no-opinion' },
  { words: ['inga', 'synpunkter'], stance: 'no-opinion' },
  { words: ['tar', 'inte', 'ställning'], stance: 'no-opinion' },
  { words: ['avstyrk*'], stance: 'oppose', negated: 'support' },
  { words: ['motsätter', 'sig'], stance: 'oppose' },
  { words: ['säger', 'nej'], stance: 'oppose' },
  { words: ['tillstyrk*'], stance: 'support', negated: 'oppose' },
  { words: ['ställer', 'sig', 'bakom'], stance: 'support', negated: 'oppose' },
  { words: ['ställer', 'sig', 'positiv*'], stance: 'support', negated: 'oppose' },
  { words: ['ställer', 'sig', 'negativ*'], stance: 'oppose' },
  { words: ['är', 'positiv*', 'till'], stance: 'support', negated: 'oppose' },
  { words: ['är', 'negativ*', 'till'], stance: 'oppose' },
  { words: ['stöder', 'förslaget'], stance: 'support', negated: 'oppose' },
  { words: ['stödjer', 'förslaget'], stance: 'support', negated: 'oppose' },
];

/**
 * Cheap test first: a rule matches only where its words stand in a row (one negation may stand
 * inside), so a text in which no rule's phrase stands states no stance. Real remissvar say
 * "förslaget", "yttrande" and "synpunkter" all the time; the phrases are rare.
 */
const MAY_STATE_STANCE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${RULES.map((r) => r.words.map((w) => (w.endsWith('*') ? `${w.slice(0, -1)}[\\p{L}\\p{N}]*` : `${w}(?![\\p{L}\\p{N}])`)).join('[^\\p{L}\\p{N}]+(?:(?:inte|ej|icke|aldrig|ingalunda)[^\\p{L}\\p{N}]+)?')).join('|')})`,
  'iu',
);

/**
 * Cheaper still, and tried before it: a word of every rule as plain letters, without the
 * look-behind that keeps the expression above from skipping ahead (2.5× faster on real text,
 * which passes it in one text of ten). Each rule's phrase holds its word as written, under the
 * same flags, so a text this misses the expression above would miss too.
 */
const HOLDS_A_RULE_WORD = /tillstyrk|delvis|positiv|avstår|invända|synpunkter|ställning|avstyrk|motsätter|säger|bakom|negativ|stöder|stödjer/iu;

/** The two tests, for the property test that the cheap one never misses what the other finds. */
export const STANCE_PRETESTS = { cheap: HOLDS_A_RULE_WORD, exact: MAY_STATE_STANCE, words: RULES.map((r) => r.words) };

const NEGATIONS = new Set(['inte', 'ej', 'icke', 'aldrig', 'ingalunda']);
/** Phrases that report others' stances, not the respondent's ("de kommuner som tillstyrkte"). */
const REPORTED = new Set(['som', 'om', 'huruvida', 'reservation', 'yrkar', 'yrkade', 'yrkande']);

/**
 * Procedure, not the body's position on the remiss: a proposal to the board that it decide
 * ("Kommunstyrelsen föreslås besluta att tillstyrka …", "Förslag till beslut"), a decision that
 * the remiss is answered by reference ("Remissen anses besvarad med hänvisning till …"). A
 * sentence like these states no position, whatever stance words it holds.
 */
const PROCEDURAL_SENTENCE = /(?<!\p{L})(?:föreslås\s+(?:\p{L}+\s+){0,2}besluta|föreslår\s+(?:\p{L}+\s+){0,3}(?:att\s+)?besluta|förslag\s+till\s+beslut|anses\s+besvarad|besvaras\s+med\s+hänvisning|med\s+hänvisning\s+till\s+(?:\p{L}+\s+){0,2}(?:tjänsteutlåtande|tjänsteskrivelse|yttrande))/iu;

/**
 * Whose proposal a stance word takes: "tillstyrker föredragande borgarrådets förslag" and
 * "tillstyrker förvaltningens förslag" are a board agreeing with its own officials (procedure),
 * not the body's position on the remiss.
 */
const INTERNAL_PROPOSER = /^(?:föredragande|\p{L}*(?:kontorets|förvaltningens|nämndens|beredningens|utskottets|borgarrådets|ordförandens|direktörens)|tjänsteutlåtande\p{L}*|tjänsteskrivelse\p{L}*)$/u;

function takesInternalProposal(words: string[], last: number): boolean {
  for (let k = last + 1; k <= last + 4 && k < words.length; k++) if (INTERNAL_PROPOSER.test(words[k])) return true;
  return false;
}

/** Matches a rule's words from token i; one negation may stand inside ("ställer sig inte bakom"). */
function matchRule(rule: string[], words: string[], i: number): { last: number; negatedInside: boolean } | undefined {
  let pos = i;
  let negatedInside = false;
  for (let k = 1; k < rule.length; k++) {
    pos++;
    if (!negatedInside && NEGATIONS.has(words[pos] ?? '') && !NEGATIONS.has(rule[k])) {
      negatedInside = true;
      pos++;
    }
    if (pos >= words.length || !wordMatches(rule[k], words[pos])) return undefined;
  }
  return { last: pos, negatedInside };
}

/**
 * Conditions and reservations: written anywhere in the sentence that states support, before or
 * after it ("Med förbehåll för finansieringen tillstyrker kommunen …", "tillstyrker förslaget till
 * regional indelning av landet med förbehåll för …", "… på villkor att …"), they make it
 * conditional. "på lika villkor" is a phrase of equality, not a condition; a plain "men vill
 * framhålla" is a remark, not a reservation.
 */
const CONDITIONS: string[][] = [
  ['med', 'förbehåll'],
  ['med', 'villkor*'],
  ['med', 'reservation', 'för'],
  ['under', 'förutsättning*'],
  ['förutsatt', 'att'],
  ['på', 'villkor', 'att'],
  ['på', 'villkoret', 'att'],
  ['på', 'villkor', 'om'],
];
/** Words that qualify support only right after it and its object ("tillstyrker förslaget delvis", "… endast om …"). */
const CONDITION_AFTER: string[][] = [['delvis'], ['endast', 'om'], ['förutsatt']];
/** How many words may stand between the stance word and a qualifier after it (the object: "förslaget till regional avfallsplan"). */
const CONDITION_GAP = 5;

/** The first and last word of a condition in the sentence of the stance phrase (words `first`..`last`), or undefined. */
function conditionOf(words: string[], first: number, last: number, inSentence: (k: number) => boolean): [number, number] | undefined {
  const at = (phrase: string[], k: number) => {
    const end = k + phrase.length - 1;
    return end < words.length && inSentence(k) && inSentence(end) && phrase.every((w, j) => wordMatches(w, words[k + j])) ? end : -1;
  };
  let start = first;
  while (start > 0 && inSentence(start - 1)) start--;
  for (let k = start; k < words.length && inSentence(k); k++) {
    if (k >= first && k <= last) continue;
    for (const phrase of CONDITIONS) {
      const end = at(phrase, k);
      if (end >= 0) return [k, end];
    }
  }
  for (let k = last + 1; k <= last + 1 + CONDITION_GAP && k < words.length && inSentence(k); k++)
    for (const phrase of CONDITION_AFTER) {
      const end = at(phrase, k);
      if (end >= 0) return [k, end];
    }
  return undefined;
}

const wordMatches = (pattern: string, word: string) => (pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern);

/**
 * The rules that may start at a word, in rule order (earlier rules win): found by the word
 * itself and by the prefixes of the rules whose first word ends in *. Every word of a text that
 * passed the cheap test is looked up, so this replaces trying each rule on each word.
 */
const RULES_BY_FIRST_WORD = new Map<string, number[]>();
const RULES_BY_FIRST_PREFIX: { prefix: string; rule: number }[] = [];
for (const [i, rule] of RULES.entries()) {
  const first = rule.words[0];
  if (first.endsWith('*')) RULES_BY_FIRST_PREFIX.push({ prefix: first.slice(0, -1), rule: i });
  else RULES_BY_FIRST_WORD.set(first, [...(RULES_BY_FIRST_WORD.get(first) ?? []), i]);
}
const NO_RULES: readonly number[] = [];

function rulesStartingAt(word: string): readonly number[] {
  const exact = RULES_BY_FIRST_WORD.get(word);
  let found: number[] | undefined;
  for (const { prefix, rule } of RULES_BY_FIRST_PREFIX) if (word.startsWith(prefix)) (found ??= []).push(rule);
  if (!found) return exact ?? NO_RULES;
  return exact ? [...exact, ...found].sort((a, b) => a - b) : found;
}

/**
 * Infers a response's position from its text, for responses that state none. The first
 * decisive phrase wins; a negation just before it ("kan inte tillstyrka") turns it.
 */
export function inferStance(texts: Iterable<string>): InferredStance | undefined {
  for (const text of texts) {
    if (!HOLDS_A_RULE_WORD.test(text) || !MAY_STATE_STANCE.test(text)) continue;
    const spans = sentences(text);
    const tokens = tokenize(text, spans);
    const words = tokens.map((t) => t.text.toLowerCase());
    for (let i = 0; i < words.length; i++) {
      for (const r of rulesStartingAt(words[i])) {
        const rule = RULES[r];
        const m = matchRule(rule.words, words, i);
        if (!m) continue;
        const sameSentence = (k: number) => tokens[k].sentence === tokens[i].sentence;
        const span0 = spans[tokens[i].sentence];
        if (PROCEDURAL_SENTENCE.test(text.slice(span0.start, span0.end)) || takesInternalProposal(words, m.last)) continue;
        const window = [i - 3, i - 2, i - 1].filter((k) => k >= 0 && sameSentence(k));
        if (window.some((k) => REPORTED.has(words[k]))) continue;
        const negationBefore = window.find((k) => NEGATIONS.has(words[k]));
        const negated = negationBefore !== undefined || m.negatedInside || NEGATIONS.has(words[m.last + 1] ?? '');
        if (negated && !rule.negated) continue;
        const span = spans[tokens[i].sentence];
        const from = negationBefore !== undefined ? Math.max(0, negationBefore - 1) : i;
        const condition = !negated && rule.stance === 'support' ? conditionOf(words, i, m.last, sameSentence) : undefined;
        return {
          stance: negated ? rule.negated! : condition !== undefined ? 'conditional' : rule.stance,
          match: text.slice(tokens[Math.min(from, condition?.[0] ?? from)].start, tokens[Math.max(m.last, condition?.[1] ?? m.last)].end),
          sentence: text.slice(span.start, span.end).replace(/\s+/gu, ' '),
        };
      }
    }
  }
  return undefined;
}
