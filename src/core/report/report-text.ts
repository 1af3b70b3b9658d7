/** Words of the reports in each language. Templates hold the prose; these are the labels. */
export type Lang = 'sv' | 'en';

export const MONTHS: Record<Lang, string[]> = {
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

export function longDate(iso: string | undefined, lang: Lang): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return lang === 'sv' ? `${d} ${MONTHS.sv[m - 1]} ${y}` : `${d} ${MONTHS.en[m - 1]} ${y}`;
}

export const STANCE_LABELS: Record<Lang, Record<string, string>> = {
  sv: { support: 'Tillstyrker', conditional: 'Tillstyrker med förbehåll', oppose: 'Avstyrker', 'no-opinion': 'Avstår eller inga synpunkter', unknown: 'Inget ställningstagande angivet' },
  en: { support: 'Support', conditional: 'Support with reservations', oppose: 'Oppose', 'no-opinion': 'No opinion', unknown: 'No position stated' },
};

export const CATEGORY_LABELS: Record<Lang, Record<string, string>> = {
  sv: { K1: 'Länets största kommun (K1)', K2: 'Kommuner inom 45 minuters pendling (K2)', K3: 'Kommuner bortom 45 minuter (K3)', other: 'Övriga remissinstanser' },
  en: { K1: "The county's largest municipality (K1)", K2: 'Municipalities within 45 minutes (K2)', K3: 'Municipalities beyond 45 minutes (K3)', other: 'Other respondents' },
};

export const TYPE_LABELS: Record<Lang, Record<string, string>> = {
  sv: { kommun: 'kommun', region: 'region', myndighet: 'myndighet', organisation: 'organisation', övrig: 'övrig' },
  en: { kommun: 'municipality', region: 'region', myndighet: 'agency', organisation: 'organisation', övrig: 'other' },
};

/** Headings of a theme's respondents grouped by type, where the register gives no categories. */
export const TYPE_GROUP_LABELS: Record<Lang, Record<string, string>> = {
  sv: { kommun: 'Kommuner', region: 'Regioner', myndighet: 'Myndigheter', organisation: 'Organisationer', övrig: 'Övriga remissinstanser' },
  en: { kommun: 'Municipalities', region: 'Regions', myndighet: 'Agencies', organisation: 'Organisations', övrig: 'Other respondents' },
};

/** A count of one type in words: "1 kommun", "15 kommuner", "2 agencies". */
export const TYPE_COUNTS: Record<Lang, Record<string, [string, string]>> = {
  sv: { kommun: ['kommun', 'kommuner'], region: ['region', 'regioner'], myndighet: ['myndighet', 'myndigheter'], organisation: ['organisation', 'organisationer'], övrig: ['övrig remissinstans', 'övriga remissinstanser'] },
  en: { kommun: ['municipality', 'municipalities'], region: ['region', 'regions'], myndighet: ['agency', 'agencies'], organisation: ['organisation', 'organisations'], övrig: ['other respondent', 'other respondents'] },
};

/** Whether an addressee answered, in the compilation's list of addressees. */
export const ADDRESSEE_STATUS_LABELS: Record<Lang, Record<string, string>> = {
  sv: { answered: 'svarat', declined: 'avstår', none: 'ej svarat' },
  en: { answered: 'answered', declined: 'declined', none: 'no answer' },
};

/** "A, B och C" / "A, B and C". */
export function listJoin(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${lang === 'sv' ? 'och' : 'and'} ${items[items.length - 1]}`;
}

export const percent = (x: number, lang: Lang) => `${Math.round(x * 100)}${lang === 'sv' ? ' %' : '%'}`;
