import type { Stance } from '../model.js';
import { STANCES } from '../model.js';

/** Phrasings seen in real remissvar and spreadsheets, normalised (lower case, single spaces). */
const PHRASES = new Map<string, Stance>(
  Object.entries({
    support: 'support',
    tillstyrker: 'support',
    tillstyrks: 'support',
    tillstyrka: 'support',
    tillstyrkt: 'support',
    tillstyrkande: 'support',
    'ställer sig bakom': 'support',
    'ställer sig positiv': 'support',
    positiv: 'support',
    ja: 'support',
    stöder: 'support',
    stödjer: 'support',
    conditional: 'conditional',
    'tillstyrker med förbehåll': 'conditional',
    'tillstyrker delvis': 'conditional',
    'delvis tillstyrker': 'conditional',
    'tillstyrker med reservation': 'conditional',
    'tillstyrker med villkor': 'conditional',
    'med förbehåll': 'conditional',
    förbehåll: 'conditional',
    delvis: 'conditional',
    villkorat: 'conditional',
    'villkorat tillstyrkande': 'conditional',
    'positiv med förbehåll': 'conditional',
    oppose: 'oppose',
    avstyrker: 'oppose',
    avstyrks: 'oppose',
    avstyrka: 'oppose',
    avstyrkt: 'oppose',
    nej: 'oppose',
    negativ: 'oppose',
    'no-opinion': 'no-opinion',
    'no opinion': 'no-opinion',
    avstår: 'no-opinion',
    'avstår från att yttra sig': 'no-opinion',
    'avstår från att lämna synpunkter': 'no-opinion',
    'avstår från yttrande': 'no-opinion',
    'har inget att invända': 'no-opinion',
    'inget att invända': 'no-opinion',
    'inga synpunkter': 'no-opinion',
    'har inga synpunkter': 'no-opinion',
    'inget ställningstagande': 'no-opinion',
    'tar inte ställning': 'no-opinion',
    'ingen åsikt': 'no-opinion',
  } satisfies Record<string, Stance>),
);


export function normaliseStance(raw: string): Stance | undefined {
  const key = raw
    .toLowerCase()
    .replace(/[.!,;:]+$/u, '')
    .replace(/[\s_]+/gu, ' ')
    .trim()
    .replace(/^(kommunen|kommunstyrelsen|styrelsen|vi|nämnden) /u, '');
  // A Map, so that "constructor" or "__proto__" is no stance (an object would reach its prototype).
  return PHRASES.get(key) ?? (SUPPORT_WITH_CONDITION.test(key) ? 'conditional' : undefined);
}

/**
 * A stated support with its condition written out: "tillstyrker med förbehåll för finansieringen",
 * "tillstyrker under förutsättning att staten bidrar", "ställer sig bakom förslaget på villkor att …".
 */
const SUPPORT_WITH_CONDITION =
  /^(?:tillstyrker|ställer sig bakom|ställer sig positiv|positiv|stöder|stödjer)(?![\p{L}]).*?(?<![\p{L}])(?:med förbehåll|med villkor|under förutsättning|förutsatt att|på villkor(?:et)? att)(?![\p{L}])/u;

export function stanceHelp(): string {
  return `accepted: ${STANCES.join(', ')} or a Swedish phrasing such as "tillstyrker", "tillstyrker med förbehåll", "tillstyrker delvis", "avstyrker", "avstår från att yttra sig", "inget att invända", "inga synpunkter"`;
}
