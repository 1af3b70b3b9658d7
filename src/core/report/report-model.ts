import type { AuditFile } from '../audit/audit-file.js';
import { respondentShare } from '../audit/respondent-share.js';
import { groupDifference, groupsTestable } from './significance.js';
import type { Aggregator } from './aggregate.js';
import { GROUP_KEYS, STANCE_KEYS, groupOf, type StanceKey } from '../classify/analyse.js';
import { escapeMarkdown as md, escapeMermaid } from './markdown.js';
import { buildCharts, mermaidBars, POSITION_COLOURS, type BarChart } from './chart-model.js';
import type { Respondent, RespondentType } from '../model.js';
import { ADDRESSEE_STATUS_LABELS, CATEGORY_LABELS, STANCE_LABELS, TYPE_COUNTS, TYPE_GROUP_LABELS, TYPE_LABELS, listJoin, longDate, percent, type Lang } from './report-text.js';
import type { Addressees } from './addressees.js';
import { selectStatements, type Candidate } from './statements.js';
import { describeUnreadable } from './unreadable.js';
import { distinctiveTerms } from '../text/terms.js';
import { procedureKind } from '../text/procedure.js';
import { oneLine, sentences } from '../text/text.js';
import { NameOrder } from './name-order.js';

/**
 * Everything a report template can use. User text is already escaped for Markdown, so a
 * template writes {{field}} and gets correct Markdown. Numbers are preformatted for the language.
 */
export interface ReportModel {
  lang: Lang;
  /** The scored audit the shares' intervals come from: how many answers were checked, when, by how many coders. */
  audit: { given: boolean; checked: number; date: string; coders: number; strata: number };
  /** Whether the groups of respondents are large enough for their differences to be tested, and how many themes differ significantly. */
  groupTest: { testable: boolean; groups: number; significant: number };
  /** The tags as published and what a person's review did to them (see core/review). */
  review: {
    /** Whether a person's decisions were applied: without any, the tags are the codebook's alone. */
    given: boolean;
    /** Answers whose themes a person decided on. */
    answers: number;
    tags: number;
    reviewed: number;
    /** Tags a person added or removed. */
    changed: number;
    added: number;
    removed: number;
    stances: number;
    stancesChanged: number;
  };
  consultation: {
    /** False when no consultation metadata was given (the title is then a fallback). */
    given: boolean;
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
    /**
     * The county or counties whose municipalities the consultation was sent to ("Västerbottens
     * län"), from `remissinstanser`; empty when it names none (then say nothing of "the county").
     */
    county: string;
    /** How many municipalities those counties have (0 when no county is named). */
    countyMunicipalities: number;
    /** Municipalities that answered: of the named counties, or, with none named, all. */
    municipalities: number;
    municipalityNames: string;
    /** The respondents not counted in `municipalities`. */
    others: number;
    otherNames: string;
    /** The respondents by type in words: "15 kommuner, 1 region och 2 organisationer". */
    typeSummary: string;
    /** The same with the names: "1 region (Region Västerbotten) och 2 organisationer (A och B)". */
    typeList: string;
    byType: { type: RespondentType; label: string; count: number; names: string }[];
    /** Whether the consultation lists its addressees (`remissinstanser`); without, the counts below are 0. */
    addresseesGiven: boolean;
    /** How many bodies the remiss was sent to ("tillfrågade"). */
    addressees: number;
    /** How many of them answered (declining included). */
    addresseesAnswered: number;
    /** How many of them answered that they decline to give an opinion (avstår). */
    addresseesDeclined: number;
    /** Addressees that did not answer, by official name. */
    notAnswered: number;
    notAnsweredNames: string;
    /** Respondents that answered without being asked, by name. */
    unasked: number;
    unaskedNames: string;
    firstDate: string;
    lastDate: string;
    /** True when every dated response has the same date: say "on X", not "between X and X". */
    sameDay: boolean;
  };
  /** Documents that could not be read (scans, encrypted or damaged files, formats not read): `files` lists each with why. */
  unreadable: { count: number; files: string };
  positions: { key: StanceKey; label: string; count: number; stated: number; inferred: number; share: string }[];
  positionsInferred: number;
  /**
   * `positions` and `themes`: Markdown images of the charts (empty when the report has no place
   * for chart files, as on standard output). `positionsPie`, `themesBar`: Mermaid source.
   */
  charts: { positions: string; themes: string; positionsPie: string; themesBar: string };
  /** Every addressee with whether it answered (`svarat`, `avstår`, `ej svarat`), by name; empty without `remissinstanser`. */
  addressees: { name: string; type: string; status: 'answered' | 'declined' | 'none'; statusLabel: string }[];
  /** Respondents that were not among the addressees, by name (empty without `remissinstanser`). */
  unasked: { name: string; type: string }[];
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
  /** The theme's respondents by the register's category (K1, K2, K3) where it gives one, else by type. */
  groups: { key: string; label: string; count: number; names: string }[];
  positions: { key: StanceKey; label: string; count: number }[];
  positionSummary: string;
  statements: ReportStatement[];
  /** The share with the audit's measured errors ("38 %"), and its 95 % interval ("31–45 %"); empty without an audit. */
  corrected: string;
  interval: string;
  /** A sentence where the share differs significantly between the groups, or where they are too small to test; else empty. */
  groupDifference: string;
}

export interface ReportRespondent {
  name: string;
  /** The register's category (K1, K2, K3); empty when it gives none. */
  category: string;
  type: string;
  /** The bodies of the respondent that answered, listed; empty when no organ was named. */
  organ: string;
  date: string;
  reference: string;
  position: string;
  positionInferred: boolean;
  themes: string;
  /** Each theme's quote, with the heading of the document section it comes from where there is one. */
  quotes: { theme: string; text: string; heading?: string }[];
  /** With a conditional position: the conditions it states, as written. */
  conditions: string[];
  /** The parties' dissents (reservationer) attached to its responses. */
  reservations: { parties: string; text: string }[];
}

export interface ReportOptions {
  lang: Lang;
  /** The workspace's scored audit of this codebook: shares get intervals from its error rates. */
  audit?: AuditFile;
  /** Whom the consultation was sent to, resolved against the register (absent without `remissinstanser`). */
  addressees?: Addressees;
  statementsPerTheme?: number;
  /** Where each chart's image is, relative to the report (or `chart:<id>` for inline rendering). */
  chartImages?: Partial<Record<BarChart['id'], string>>;
}

export function buildReportModel(agg: Aggregator, opts: ReportOptions): ReportModel {
  const { lang } = opts;
  const { book, people } = agg;
  const o = agg.overview();
  const name = (id: string) => displayName(people.get(id), lang) ?? id;
  const collator = new Intl.Collator('sv');
  const byName = (a: string, b: string) => collator.compare(a, b);
  const present = [...agg.respondents.keys()];
  const order = new NameOrder(present, name, byName);
  const counties = opts.addressees?.counties ?? [];
  const countyMunicipality = new Set(counties.flatMap((x) => x.municipalities));
  // With a county named, "the municipalities" are its; without, every municipality that answered.
  const isCounted = counties.length ? (id: string) => countyMunicipality.has(id) : (id: string) => people.get(id)?.type === 'kommun';
  const municipalities = order.names(present.filter(isCounted));
  const others = order.names(present.filter((id) => !isCounted(id)));
  const c = agg.consultation;
  const types: RespondentType[] = ['kommun', 'region', 'myndighet', 'organisation', 'övrig'];
  const ofType = new Map<RespondentType, string[]>(types.map((type) => [type, []]));
  for (const id of present) ofType.get(people.get(id)?.type ?? 'övrig')?.push(id);
  const byType = types
    .map((type) => {
      const names = order.names(ofType.get(type)!);
      return { type, label: TYPE_GROUP_LABELS[lang][type], count: names.length, names: md(listJoin(names, lang)) };
    })
    .filter((t) => t.count > 0);
  const addressed = opts.addressees?.respondents ?? [];
  const addressedIds = new Set(addressed.map((r) => r.id));
  const addressees = addressed
    .map((r) => {
      const answer = agg.respondents.get(r.id);
      const status: 'answered' | 'declined' | 'none' = !answer ? 'none' : answer.stance === 'no-opinion' ? 'declined' : 'answered';
      return { name: answer ? name(r.id) : displayName(r, lang)!, type: TYPE_LABELS[lang][r.type], status, statusLabel: ADDRESSEE_STATUS_LABELS[lang][status] };
    })
    .sort((a, b) => byName(a.name, b.name));
  const notAnswered = addressees.filter((a) => a.status === 'none').map((a) => a.name);
  const unasked = opts.addressees ? present.filter((id) => !addressedIds.has(id)).map((id) => ({ name: name(id), type: TYPE_LABELS[lang][people.get(id)?.type ?? 'övrig'] })).sort((a, b) => byName(a.name, b.name)) : [];

  const stanceCounts = STANCE_KEYS.map((key) => {
    let count = 0;
    let inferred = 0;
    for (const r of agg.respondents.values())
      if (r.stance === key) {
        count++;
        if (r.stanceInferred) inferred++;
      }
    return { key, label: STANCE_LABELS[lang][key], count, stated: count - inferred, inferred, share: percent(o.respondents ? count / o.respondents : 0, lang) };
  }).filter((p) => p.count > 0 || p.key !== 'unknown');

  const labelOf = themeLabels(agg, lang);
  const themesInOrder = themeOrder(agg);
  const limit = opts.statementsPerTheme ?? 5;
  const statement = (s: { text: string; respondents: string[] }): ReportStatement => ({
    text: md(s.text),
    respondents: md(listJoin(order.names(s.respondents), lang)),
    count: s.respondents.length,
  });

  const groupById = new Map(present.map((id) => [id, groupOf(people.get(id))]));
  const groupSizes = new Map<string, number>(Object.entries(o.groups));
  const audited = new Map((opts.audit?.themes ?? []).map((x) => [x.id, x]));
  const themes: ReportTheme[] = themesInOrder.map((t) => {
    const positions = STANCE_KEYS.map((key) => ({ key, label: STANCE_LABELS[lang][key], count: t.byStance[key] })).filter((p) => p.count > 0);
    const raising = new Map<string, string[]>();
    for (const id of t.respondents) {
      const group = groupById.get(id) ?? 'övrig';
      const ids = raising.get(group);
      if (ids) ids.push(id);
      else raising.set(group, [id]);
    }
    const groups = [...GROUP_KEYS].map((key) => {
      const names = order.names(raising.get(key) ?? []);
      return { key, label: CATEGORY_LABELS[lang][key] ?? TYPE_GROUP_LABELS[lang][key], count: names.length, names: md(listJoin(names, lang)) };
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
      statements: selectStatements(agg.candidates[agg.themeIds.indexOf(t.id)].values(), limit).map(statement),
      ...correctedShare(agg, t.id, audited.get(t.id), lang),
      groupDifference: groupDifference(
        [...GROUP_KEYS].filter((key) => groupSizes.has(key)).map((key) => ({ label: CATEGORY_LABELS[lang][key] ?? TYPE_GROUP_LABELS[lang][key], raise: raising.get(key)?.length ?? 0, size: groupSizes.get(key)! })),
        lang,
      ),
    };
  });

  const untagged = agg.untagged.values();
  const otherCandidates: Candidate[] = untagged.flatMap((a) => splitForStatements(a.text).map((text) => ({ text, respondent: a.respondent })));
  const sample = agg.coverageTexts();
  const terms = distinctiveTerms(sample.untagged, sample.tagged, 8);

  const tagging = agg.tagging;
  const model: ReportModel = {
    lang,
    groupTest: { testable: groupsTestable([...groupSizes.values()].map((size) => ({ size }))), groups: groupSizes.size, significant: themes.filter((t) => t.groupDifference).length },
    audit: opts.audit
      ? { given: true, checked: opts.audit.checked, date: longDate(opts.audit.date, lang), coders: opts.audit.coders, strata: opts.audit.strata.length }
      : { given: false, checked: 0, date: '', coders: 0, strata: 0 },
    review: { given: tagging.answersReviewed + tagging.stancesReviewed > 0, answers: tagging.answersReviewed, tags: tagging.tags, reviewed: tagging.reviewed, changed: tagging.added + tagging.removed, added: tagging.added, removed: tagging.removed, stances: tagging.stancesReviewed, stancesChanged: tagging.stancesChanged },
    consultation: {
      given: !!c,
      id: c?.id ?? '',
      title: md((lang === 'en' ? c?.en?.title : undefined) ?? c?.title ?? (lang === 'sv' ? 'Remissvar' : 'Consultation responses')),
      issuer: md(c?.issuer ?? ''),
      reference: md(c?.reference ?? ''),
      // Recipients and purpose are prose in the consultation's language: an English report uses
      // their English wording when given, and leaves them out rather than mix in Swedish phrases.
      recipients: md((lang === 'en' ? c?.en?.recipients : c?.recipients) ?? ''),
      purpose: md((lang === 'en' ? c?.en?.purpose : c?.purpose) ?? ''),
      sent: longDate(c?.sent, lang),
      deadline: longDate(c?.deadline, lang),
      illustrative: !!c?.illustrative,
      contact: c?.contact ? { name: md(c.contact.name), title: md((lang === 'en' ? c.en?.contactTitle : c.contact.title) ?? ''), phone: md(c.contact.phone ?? ''), email: md(c.contact.email ?? '') } : null,
      questions: (c?.questions ?? []).map((q) => ({ id: md(q.id), text: md(q.text) })),
    },
    facts: {
      responses: agg.responses,
      answers: o.answers,
      respondents: o.respondents,
      county: md(listJoin(counties.map((x) => x.name), lang)),
      countyMunicipalities: countyMunicipality.size,
      municipalities: municipalities.length,
      municipalityNames: md(listJoin(municipalities, lang)),
      others: others.length,
      otherNames: md(listJoin(others, lang)),
      typeSummary: listJoin(byType.map((t) => `${t.count} ${TYPE_COUNTS[lang][t.type][t.count === 1 ? 0 : 1]}`), lang),
      typeList: listJoin(byType.map((t) => `${t.count} ${TYPE_COUNTS[lang][t.type][t.count === 1 ? 0 : 1]} (${t.names})`), lang),
      byType,
      addresseesGiven: !!opts.addressees,
      addressees: addressees.length,
      addresseesAnswered: addressees.length - notAnswered.length,
      addresseesDeclined: addressees.filter((a) => a.status === 'declined').length,
      notAnswered: notAnswered.length,
      notAnsweredNames: md(listJoin(notAnswered, lang)),
      unasked: unasked.length,
      unaskedNames: md(listJoin(unasked.map((u) => u.name), lang)),
      firstDate: longDate(agg.firstDate, lang),
      lastDate: longDate(agg.lastDate, lang),
      sameDay: !!agg.firstDate && agg.firstDate === agg.lastDate,
    },
    unreadable: { count: agg.unreadable.length, files: md(listJoin(agg.unreadable.map((d) => describeUnreadable(d, lang)), lang)) },
    positions: stanceCounts,
    positionsInferred: stanceCounts.reduce((n, p) => n + p.inferred, 0),
    charts: { positions: '', themes: '', positionsPie: '', themesBar: '' },
    addressees: addressees.map((a) => ({ ...a, name: md(a.name) })),
    unasked: unasked.map((u) => ({ ...u, name: md(u.name) })),
    themes,
    other: {
      answers: o.untaggedAnswers,
      share: percent(o.answers ? o.untaggedAnswers / o.answers : 0, lang),
      terms: md(terms.map((t) => t.term).join(', ')),
      statements: selectStatements(otherCandidates, 4).map(statement),
    },
    reservations: agg.reservations.map((x) => ({ respondent: md(name(x.respondent)), parties: md(x.parties.map((p) => `(${p})`).join(' ')), text: md(x.text) })),
    respondents: [],
  };
  model.charts = charts(model, buildReportCharts(agg, lang), opts.chartImages ?? {});
  // The compilation per respondent is built only if a template asks for it.
  Object.defineProperty(model, 'respondents', {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = compileRespondents(agg, lang, labelOf, byName, name);
      Object.defineProperty(model, 'respondents', { value, enumerable: true });
      return value;
    },
  });
  return model;
}

function charts(model: ReportModel, data: BarChart[], images: Partial<Record<BarChart['id'], string>>): ReportModel['charts'] {
  const slices = model.positions.filter((p) => p.count > 0);
  const pieLines = slices.map((p) => `    "${escapeMermaid(p.label)}" : ${p.count}`);
  // Mermaid colours slices by their place: give each the fixed colour of its position.
  const colours = Object.fromEntries(slices.map((p, i) => [`pie${i + 1}`, POSITION_COLOURS[p.key]]));
  const init = `%%{init: ${JSON.stringify({ themeVariables: { ...colours, pieStrokeColor: '#57606a', pieOuterStrokeColor: '#57606a' } })}}%%`;
  const positionsPie = [init, `pie showData title ${model.lang === 'sv' ? 'Ställningstaganden' : 'Positions'}`, ...pieLines].join('\n');
  const byId = new Map(data.map((c) => [c.id, c]));
  const image = (id: BarChart['id']) => {
    const src = images[id];
    // The alt text says what the chart shows, so the numbers reach readers who cannot see it.
    return src ? `![${md(byId.get(id)!.description)}](${markdownImageSrc(src)})` : '';
  };
  return { positions: image('positions'), themes: image('themes'), positionsPie, themesBar: mermaidBars(byId.get('themes')!) };
}

/** A relative path or chart reference as a Markdown link destination (spaces and brackets encoded). */
export const markdownImageSrc = (src: string) => src.replace(/[ ()<>%]/g, encodeURIComponent);

function themeLabels(agg: Aggregator, lang: Lang): (id: string) => string {
  return (id: string) => {
    const t = agg.book.themes.find((x) => x.id === id)!;
    return (lang === 'en' ? t.label.en : undefined) ?? t.label.sv;
  };
}

/** Themes by respondents, then answers, then id: the order of the report's sections. */
function themeOrder(agg: Aggregator) {
  return [...agg.overview().themes].sort((a, b) => b.respondents.length - a.respondents.length || b.answers - a.answers || (a.id < b.id ? -1 : 1));
}

/** The report's charts (positions and themes) as chart models, labels unescaped. */
export function buildReportCharts(agg: Aggregator, lang: Lang): BarChart[] {
  const o = agg.overview();
  const labelOf = themeLabels(agg, lang);
  return buildCharts({
    lang,
    positions: STANCE_KEYS.map((key) => ({ key, label: STANCE_LABELS[lang][key], count: o.stances[key] })).filter((p) => p.count > 0 || p.key !== 'unknown'),
    themes: themeOrder(agg).map((t) => ({ id: t.id, label: labelOf(t.id), respondents: t.respondents.length, codebookIndex: agg.themeIds.indexOf(t.id) })),
  });
}

/**
 * A respondent's name in a report: the official one, and where the response was written under a
 * former name, that name first ("Gotlands kommun (numera Region Gotland)").
 */
export function displayName(p: Respondent | undefined, lang: Lang): string | undefined {
  if (!p) return undefined;
  return p.formerName && p.formerName !== p.name ? `${p.formerName} (${lang === 'sv' ? 'numera' : 'now'} ${p.name})` : p.name;
}

function compileRespondents(agg: Aggregator, lang: Lang, labelOf: (id: string) => string, byName: (a: string, b: string) => number, nameOf: (id: string) => string): ReportRespondent[] {
  return [...agg.respondents.values()]
    .map((r) => {
      const p = agg.people.get(r.id);
      const themeIds = agg.themeIds.filter((id) => r.quotes?.[id]);
      return {
        name: md(nameOf(r.id)),
        category: p?.category ?? '',
        type: TYPE_LABELS[lang][p?.type ?? 'övrig'],
        organ: md(listJoin([...(r.organs ?? [])].sort(byName), lang)),
        date: r.firstDate ?? '',
        reference: md(r.reference ?? ''),
        position: STANCE_LABELS[lang][r.stance],
        positionInferred: r.stanceInferred,
        themes: md(themeIds.map(labelOf).join(', ')),
        quotes: themeIds.map((id) => ({ theme: md(labelOf(id)), text: md(r.quotes![id].text), ...(r.quotes![id].heading ? { heading: md(r.quotes![id].heading!) } : {}) })),
        conditions: r.stance === 'conditional' ? (r.conditions ?? []).map(md) : [],
        reservations: (r.reservations ?? []).map((x) => ({ parties: md(x.parties.map((p) => `(${p})`).join(' ')), text: md(x.text) })),
      };
    })
    .sort((a, b) => byName(a.name, b.name));
}

/** Sentences of an answer as statement candidates. */
function splitForStatements(text: string): string[] {
  return sentences(text)
    .map((s) => oneLine(text.slice(s.start, s.end)))
    .filter((s) => s.length >= 20 && !procedureKind(s));
}

/** A theme's share of respondents with the audit's error rates, as the report prints it; empty without an audit. */
function correctedShare(agg: Aggregator, id: string, audit: AuditFile['themes'][number] | undefined, lang: Lang): { corrected: string; interval: string } {
  if (!audit || audit.ppv.p === null || audit.missed.p === null) return { corrected: '', interval: '' };
  const e = respondentShare(agg.respondentThemes(agg.themeIds.indexOf(id)), { p: audit.ppv.p, n: audit.ppv.n }, { p: audit.missed.p, n: audit.missed.n });
  if (!Number.isFinite(e.estimate)) return { corrected: '', interval: '' };
  const whole = (x: number) => Math.round(x * 100);
  return { corrected: percent(e.estimate, lang), interval: `${whole(e.lower)}–${whole(e.upper)}${lang === 'sv' ? ' %' : '%'}` };
}
