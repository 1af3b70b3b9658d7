export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}
export interface ThemeEval extends Scores {
  support: number;
  tp: number;
  fp: number;
  fn: number;
}
export interface Evaluation {
  themes: Record<string, ThemeEval>;
  micro: Scores;
  macro: Scores;
  answers: number;
}
export interface LabelledPrediction {
  answer: string;
  gold: string[];
  predicted: string[];
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/**
 * Precision = tp/(tp+fp), recall = tp/(tp+fn), F1 their harmonic mean. A theme never predicted
 * and never labelled scores 1 (nothing to get wrong); never predicted but labelled, precision 0.
 */
export function scores(tp: number, fp: number, fn: number): Scores {
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function evaluate(themeIds: string[], items: LabelledPrediction[]): Evaluation {
  const counts = Object.fromEntries(themeIds.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  for (const item of items) {
    const gold = new Set(item.gold);
    const predicted = new Set(item.predicted);
    for (const id of themeIds) {
      if (gold.has(id) && predicted.has(id)) counts[id].tp++;
      else if (predicted.has(id)) counts[id].fp++;
      else if (gold.has(id)) counts[id].fn++;
    }
  }
  const themes = Object.create(null) as Record<string, ThemeEval>; // theme ids are user text: no prototype
  let tp = 0, fp = 0, fn = 0;
  const macro = { precision: 0, recall: 0, f1: 0 };
  for (const id of themeIds) {
    const c = counts[id];
    const s = scores(c.tp, c.fp, c.fn);
    themes[id] = { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1), support: c.tp + c.fn, tp: c.tp, fp: c.fp, fn: c.fn };
    tp += c.tp; fp += c.fp; fn += c.fn;
    macro.precision += s.precision / themeIds.length;
    macro.recall += s.recall / themeIds.length;
    macro.f1 += s.f1 / themeIds.length;
  }
  const micro = scores(tp, fp, fn);
  return {
    themes,
    micro: { precision: round(micro.precision), recall: round(micro.recall), f1: round(micro.f1) },
    macro: { precision: round(macro.precision), recall: round(macro.recall), f1: round(macro.f1) },
    answers: items.length,
  };
}
