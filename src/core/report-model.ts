import { CATEGORY_KEYS, STANCE_KEYS, categoryOf, overview, type Analysis, type CategoryKey, type StanceKey } from './analyse.js';
import type { CompiledCodebook } from './codebook.js';
import { escapeMarkdown as md, escapeMermaid } from './markdown.js';
import type { Corpus, Respondent } from './model.js';
import { CATEGORY_LABELS, STANCE_LABELS, TYPE_LABELS, formatNumber, listJoin, longDate, percent, type Lang } from './report-text.js';
import { selectStatements, type Candidate } from './statements.js';
import { distinctiveTerms } from './terms.js';
import { oneLine, sentences } from './text.js';

/**
 * Everything a report template can use. User text is already escaped for Markdown, so a
 * template writes {{field}} and gets correct Markdown. Numbers are preformatted for the language.
 */
export interface ReportModel {
  lang: Lang;
  consultation: {
    id: string;
    title: string;
    issuer: string;
    reference: string;
    recipients: string;
    purpose: string;
    sent: string;
    deadline: string;
    illustrative: boolean;
    contact: { name: string; title: string; phone: string; email: string } | null;
    questions: { id: string; text: string }[];
  };
  facts: {
    responses: number;
    answers: number;
    respondents: number;
    municipalities: number;
    countyMunicipalities: number;
    municipalityNames: string;
    others: number;
    otherNames: string;
    firstDate: string;
    lastDate: string;
  };
  positions: { key: StanceKey; label: string; count: number; stated: number; inferred: number; share: string }[];
  positionsInferred: number;
  charts: { positionsPie: string; themesBar: string };
  themes: ReportTheme[];
  other: { answers: number; share: string; terms: string; statements: ReportStatement[] };
  reservations: { respondent: string; parties: string; text: string }[];
  respondents: ReportRespondent[];
}

export interface ReportStatement {
  text: string;
  respondents: string;
  count: number;
}

export interface ReportTheme {
  id: string;
  label: string;
  description: string;
  respondents: number;
  share: string;
  answers: number;
  groups: { key: CategoryKey; label: string; count: number; names: string }[];
  positions: { key: StanceKey; label: string; count: number }[];
  positionSummary: string;
  statements: ReportStatement[];
}

export interface ReportRespondent {
  name: string;
  category: string;
  type: string;
  date: string;
  reference: string;
  position: string;
  positionInferred: boolean;
  themes: string;
  quotes: { theme: string; text: string }[];
}

export interface ReportOptions {
  lang: Lang;
  /** How many municipalities the county has (from the register), for "x of y". */
  countyMunicipalities: number;
  statementsPerTheme?: number;
}

export function buildReportModel(corpus: Corpus, book: CompiledCodebook, analysis: Analysis, opts: ReportOptions): ReportModel {
  const { lang } = opts;
  const o = overview(corpus, book, analysis);
  const people = new Map(corpus.respondents.map((p) => [p.id, p]));
  const name = (id: string) => people.get(id)?.name ?? id;
  const byName = (a: string, b: string) => a.localeCompare(b, 'sv');
  const present = [...new Set(corpus.responses.map((r) => r.respondent))];
  const isCountyMunicipality = (p?: Respondent) => !!p && p.known && p.type === 'kommun' && p.inCounty !== false;
  const municipalities = present.filter((id) => isCountyMunicipality(people.get(id))).map(name).sort(byName);
  const others = present.filter((id) => !isCountyMunicipality(people.get(id))).map(name).sort(byName);
  const dates = corpus.responses.map((r) => r.date).filter((d): d is string => !!d).sort();
  const texts = new Map(corpus.responses.flatMap((r) => r.answers.map((a) => [a.id, a.text] as const)));
  const c = corpus.consultation;

  const stanceCounts = STANCE_KEYS.map((key) => {
    const list = analysis.stances.filter((s) => s.stance === key);
    const respondents = new Set(list.map((s) => s.respondent));
    const inferred = new Set(list.filter((s) => s.origin === 'inferred').map((s) => s.respondent));
    return { key, label: STANCE_LABELS[lang][key], count: respondents.size, stated: respondents.size - inferred.size, inferred: inferred.size, share: percent(o.respondents ? respondents.size / o.respondents : 0, lang) };
  }).filter((p) => p.count > 0 || p.key !== 'unknown');

  const labelOf = (id: string) => {
    const t = book.themes.find((x) => x.id === id)!;
    return (lang === 'en' ? t.label.en : undefined) ?? t.label.sv;
  };
  const order = [...o.themes].sort((a, b) => b.respondents.length - a.respondents.length || b.answers - a.answers || (a.id < b.id ? -1 : 1));
  const limit = opts.statementsPerTheme ?? 5;
  const statement = (s: { text: string; respondents: string[] }): ReportStatement => ({
    text: md(s.text),
    respondents: md(listJoin(s.respondents.map(name).sort(byName), lang)),
    count: s.respondents.length,
  });

  // Evidence sentences per theme, one candidate per answer and sentence.
  const candidates = new Map<string, Candidate[]>(book.themes.map((t) => [t.id, []]));
  for (const a of analysis.answers)
    for (const t of a.themes) {
      const seen = new Set<number>();
      for (const e of t.evidence) {
        if (seen.has(e.sentence[0])) continue;
        seen.add(e.sentence[0]);
        candidates.get(t.id)!.push({ text: oneLine(texts.get(a.answer)!.slice(e.sentence[0], e.sentence[1])), respondent: a.respondent });
      }
    }

  const themes: ReportTheme[] = order.map((t) => {
    const positions = STANCE_KEYS.map((key) => ({ key, label: STANCE_LABELS[lang][key], count: t.byStance[key] })).filter((p) => p.count > 0);
    const groups = CATEGORY_KEYS.map((key) => {
      const names = t.respondents.filter((id) => categoryOf(people.get(id)) === key).map(name).sort(byName);
      return { key, label: CATEGORY_LABELS[lang][key], count: names.length, names: md(listJoin(names, lang)) };
    }).filter((g) => g.count > 0);
    const spec = book.themes.find((x) => x.id === t.id)!;
    return {
      id: t.id,
      label: md(labelOf(t.id)),
      description: md((lang === 'en' ? spec.description?.en : undefined) ?? spec.description?.sv ?? ''),
      respondents: t.respondents.length,
      share: percent(t.share, lang),
      answers: t.answers,
      groups,
      positions,
      positionSummary: listJoin(positions.map((p) => `${p.label.toLowerCase()} ${p.count}`), lang),
      statements: selectStatements(candidates.get(t.id)!, limit).map(statement),
    };
  });

  const untaggedIds = new Set(analysis.answers.filter((a) => !a.themes.length).map((a) => a.answer));
  const untagged = analysis.answers.filter((a) => untaggedIds.has(a.answer));
  const otherCandidates: Candidate[] = untagged.flatMap((a) => splitForStatements(texts.get(a.answer)!).map((text) => ({ text, respondent: a.respondent })));
  const allTexts = [...texts.entries()];
  const terms = distinctiveTerms(
    allTexts.filter(([id]) => untaggedIds.has(id)).map(([, t]) => t),
    allTexts.filter(([id]) => !untaggedIds.has(id)).map(([, t]) => t),
    8,
  );

  const responsesOf = groupBy(corpus.responses, (r) => r.respondent);
  const stancesOf = groupBy(analysis.stances, (s) => s.respondent);
  const answersOf = groupBy(analysis.answers, (a) => a.respondent);
  const respondents: ReportRespondent[] = present
    .map((id) => {
      const p = people.get(id);
      const responses = responsesOf.get(id)!;
      const stance = stancesOf.get(id)!.find((s) => s.stance !== 'unknown') ?? stancesOf.get(id)![0];
      const answers = answersOf.get(id)!;
      const themeIds = book.themes.map((t) => t.id).filter((tid) => answers.some((a) => a.themes.some((x) => x.id === tid)));
      const quotes = themeIds.map((tid) => {
        const best = answers
          .flatMap((a) => a.themes.filter((x) => x.id === tid).map((x) => ({ a, x })))
          .sort((m, n) => n.x.score - m.x.score)[0];
        const e = best.x.evidence[0];
        return { theme: md(labelOf(tid)), text: md(oneLine(texts.get(best.a.answer)!.slice(e.sentence[0], e.sentence[1]))) };
      });
      const first = responses[0];
      return {
        name: md(p?.name ?? id),
        category: p?.category ?? (lang === 'sv' ? 'övrig' : 'other'),
        type: TYPE_LABELS[lang][p?.type ?? 'övrig'],
        date: responses.map((r) => r.date).filter(Boolean).sort()[0] ?? '',
        reference: md(first.reference ?? ''),
        position: STANCE_LABELS[lang][stance.stance],
        positionInferred: stance.origin === 'inferred',
        themes: md(themeIds.map(labelOf).join(', ')),
        quotes,
      };
    })
    .sort((a, b) => byName(a.name, b.name));

  const reservations = corpus.responses.flatMap((r) =>
    r.reservations.map((x) => ({ respondent: md(name(r.respondent)), parties: md(x.parties.map((p) => `(${p})`).join(' ')), text: md(x.text) })),
  );

  const pieLines = stanceCounts.filter((p) => p.count > 0).map((p) => `    "${escapeMermaid(p.label)}" : ${p.count}`);
  const positionsPie = [`pie showData title ${lang === 'sv' ? 'Ställningstaganden' : 'Positions'}`, ...pieLines].join('\n');
  const themesBar = [
    'xychart-beta',
    `    title "${lang === 'sv' ? 'Teman: antal remissinstanser' : 'Themes: number of respondents'}"`,
    `    x-axis [${themes.map((t) => `"${escapeMermaid(labelOf(t.id))}"`).join(', ')}]`,
    `    y-axis "${lang === 'sv' ? 'Remissinstanser' : 'Respondents'}" 0 --> ${Math.max(1, o.respondents)}`,
    `    bar [${themes.map((t) => t.respondents).join(', ')}]`,
  ].join('\n');

  return {
    lang,
    consultation: {
      id: c?.id ?? '',
      title: md(c?.title ?? (lang === 'sv' ? 'Remissvar' : 'Consultation responses')),
      issuer: md(c?.issuer ?? ''),
      reference: md(c?.reference ?? ''),
      recipients: md(c?.recipients ?? ''),
      purpose: md(c?.purpose ?? ''),
      sent: longDate(c?.sent, lang),
      deadline: longDate(c?.deadline, lang),
      illustrative: !!c?.illustrative,
      contact: c?.contact ? { name: md(c.contact.name), title: md(c.contact.title ?? ''), phone: md(c.contact.phone ?? ''), email: md(c.contact.email ?? '') } : null,
      questions: (c?.questions ?? []).map((q) => ({ id: md(q.id), text: md(q.text) })),
    },
    facts: {
      responses: corpus.responses.length,
      answers: o.answers,
      respondents: o.respondents,
      municipalities: municipalities.length,
      countyMunicipalities: opts.countyMunicipalities,
      municipalityNames: md(listJoin(municipalities, lang)),
      others: others.length,
      otherNames: md(listJoin(others, lang)),
      firstDate: longDate(dates[0], lang),
      lastDate: longDate(dates[dates.length - 1], lang),
    },
    positions: stanceCounts,
    positionsInferred: stanceCounts.reduce((n, p) => n + p.inferred, 0),
    charts: { positionsPie, themesBar },
    themes,
    other: {
      answers: untagged.length,
      share: percent(o.answers ? untagged.length / o.answers : 0, lang),
      terms: md(terms.map((t) => t.term).join(', ')),
      statements: selectStatements(otherCandidates, 4).map(statement),
    },
    reservations,
    respondents,
  };
}

/** Sentences of an answer as statement candidates. */
function splitForStatements(text: string): string[] {
  return sentences(text)
    .map((s) => oneLine(text.slice(s.start, s.end)))
    .filter((s) => s.length >= 20);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export { formatNumber };
