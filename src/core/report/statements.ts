import { contentWords } from '../text/terms.js';
import { stem } from '../text/stem.js';

export interface Candidate {
  /** The sentence as written (whitespace folded). */
  text: string;
  respondent: string;
}

export interface Statement {
  text: string;
  /** Everyone who said it (or a near-duplicate of it), in first-seen order. */
  respondents: string[];
}

type Vector = Map<string, number>;

function norm(v: Vector): number {
  let s = 0;
  for (const x of v.values()) s += x * x;
  return Math.sqrt(s);
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

const key = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * Picks representative statements by extraction: each sentence is a TF-IDF vector of stems,
 * centrality is its cosine with the set's centroid (linear, not pairwise), and picks follow
 * maximal marginal relevance so that bullets differ. Near-duplicates (cosine ≥ 0.8) merge,
 * and a statement is attributed to everyone who said it. One respondent is quoted at most
 * `perRespondent` times while sentences of others remain, so that no single voice fills a theme.
 */
export function selectStatements(candidates: Candidate[], limit = 5, lambda = 0.7, perRespondent = 2): Statement[] {
  if (!candidates.length || limit <= 0) return [];
  // One vector per distinct sentence text; repeated sentences pool their respondents.
  const byKey = new Map<string, { text: string; respondents: string[]; stems: string[] }>();
  for (const c of candidates) {
    const k = key(c.text);
    const entry = byKey.get(k);
    if (entry) {
      if (!entry.respondents.includes(c.respondent)) entry.respondents.push(c.respondent);
    } else byKey.set(k, { text: c.text, respondents: [c.respondent], stems: contentWords(c.text).map(stem) });
  }
  const items = [...byKey.values()];
  const df = new Map<string, number>();
  for (const it of items) for (const s of new Set(it.stems)) df.set(s, (df.get(s) ?? 0) + 1);
  const n = items.length;
  const vectors: Vector[] = items.map((it) => {
    const v: Vector = new Map();
    for (const s of it.stems) v.set(s, (v.get(s) ?? 0) + 1);
    for (const [s, tf] of v) v.set(s, tf * Math.log(1 + n / df.get(s)!));
    const l = norm(v) || 1;
    for (const [s, x] of v) v.set(s, x / l);
    return v;
  });
  const centroid: Vector = new Map();
  items.forEach((it, i) => {
    for (const [s, x] of vectors[i]) centroid.set(s, (centroid.get(s) ?? 0) + x * it.respondents.length);
  });
  const cl = norm(centroid) || 1;
  const centrality = vectors.map((v, i) => {
    const len = items[i].text.length;
    // Very short or very long sentences make poor bullets.
    const shape = len < 40 ? 0.6 : len > 320 ? 0.7 : 1;
    return (dot(v, centroid) / cl) * shape;
  });

  const chosen: number[] = [];
  const maxSim = new Float64Array(n);
  const used = new Uint8Array(n);
  const quoted = new Map<string, number>();
  // A sentence is open while one of those who said it has been quoted fewer than perRespondent times.
  const open = (i: number) => items[i].respondents.some((r) => (quoted.get(r) ?? 0) < perRespondent);
  while (chosen.length < Math.min(limit, n)) {
    let best = -1;
    let bestScore = -Infinity;
    let anyOpen = false;
    for (let i = 0; i < n; i++) if (!used[i] && open(i)) anyOpen = true;
    for (let i = 0; i < n; i++) {
      if (used[i] || (anyOpen && !open(i))) continue;
      const score = lambda * centrality[i] - (1 - lambda) * maxSim[i];
      if (score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && best >= 0 && items[i].text < items[best].text)) {
        best = i;
        bestScore = score;
      }
    }
    if (best < 0) break;
    used[best] = 1;
    chosen.push(best);
    for (const r of items[best].respondents) quoted.set(r, (quoted.get(r) ?? 0) + 1);
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      const sim = dot(vectors[i], vectors[best]);
      if (sim > maxSim[i]) maxSim[i] = sim;
      if (sim >= 0.8) used[i] = 2; // a near-duplicate of a chosen statement
    }
  }
  const statements = chosen.map((i) => ({ text: items[i].text, respondents: [...items[i].respondents] }));
  // Attribute near-duplicates to the statement they repeat.
  for (let i = 0; i < n; i++) {
    if (used[i] !== 2) continue;
    let target = 0;
    let bestSim = -1;
    chosen.forEach((c, j) => {
      const sim = dot(vectors[i], vectors[c]);
      if (sim > bestSim) {
        bestSim = sim;
        target = j;
      }
    });
    for (const r of items[i].respondents) if (!statements[target].respondents.includes(r)) statements[target].respondents.push(r);
  }
  return statements;
}
