import { didYouMean } from '../diagnostics.js';

export type Column = 'respondent' | 'text' | 'question' | 'date' | 'stance' | 'reference' | 'type' | 'themes';

/** Header names accepted for each column, lower case; Swedish and English. */
export const COLUMN_NAMES: Record<Column, string[]> = {
  respondent: ['respondent', 'remissinstans', 'kommun', 'instans', 'avsändare'],
  text: ['text', 'svar', 'answer', 'yttrande'],
  question: ['question', 'fråga', 'fraga', 'question id'],
  date: ['date', 'datum'],
  stance: ['stance', 'ställningstagande', 'position'],
  reference: ['reference', 'diarienummer', 'dnr', 'diarienr'],
  type: ['type', 'typ'],
  themes: ['themes', 'teman', 'tema', 'theme'],
};

/**
 * Other names sheets use for a column — a form's export, a register kept by hand ("Organisation",
 * "Synpunkter", "Inkom"). Each is taken only when the sheet has no column of the names above for
 * that role, so a sheet that names both keeps the plain one and ignores the other, as before.
 */
export const OTHER_COLUMN_NAMES: Partial<Record<Column, string[]>> = {
  respondent: ['organisation', 'organization', 'myndighet', 'svarande', 'organisationens namn', 'remissinstansens namn', 'respondent name'],
  text: ['remissvar', 'synpunkter', 'synpunkt', 'kommentar', 'kommentarer', 'svarstext', 'response', 'comment', 'comments'],
  date: ['svarsdatum', 'inkom', 'inkommen', 'inkommet', 'ankomstdatum'],
  stance: ['inställning'],
  reference: ['ärendenummer'],
};

const LOOKUP = new Map<string, Column>(
  Object.entries(COLUMN_NAMES).flatMap(([col, names]) => names.map((n) => [n, col as Column] as const)),
);
const OTHER_LOOKUP = new Map<string, Column>(
  Object.entries(OTHER_COLUMN_NAMES).flatMap(([col, names]) => names!.map((n) => [n, col as Column] as const)),
);
const ALL_NAMES = [...LOOKUP.keys()];

/** A header cell as it is compared: lower case, inner space collapsed, without a form's trailing "*" or ":". */
function headerName(cell: string): string {
  return cell.trim().toLowerCase().replace(/\s+/gu, ' ').replace(/\s*[*:]+$/u, '');
}

/** The role a header cell names, by a plain or another name (see OTHER_COLUMN_NAMES), or undefined. */
export function columnNamed(cell: string): Column | undefined {
  const name = headerName(cell);
  return LOOKUP.get(name) ?? OTHER_LOOKUP.get(name);
}

export interface HeaderMap {
  index: Partial<Record<Column, number>>;
  problems: { col: number; message: string; severity: 'error' | 'warning' }[];
}

export function mapHeader(header: string[]): HeaderMap {
  const index: Partial<Record<Column, number>> = {};
  const problems: HeaderMap['problems'] = [];
  const names = header.map(headerName);
  const others = new Map<Column, number[]>();
  names.forEach((name, i) => {
    const col = LOOKUP.get(name);
    if (!col) {
      const other = OTHER_LOOKUP.get(name);
      if (other) others.set(other, [...(others.get(other) ?? []), i]);
      else if (name) problems.push({ col: i + 1, severity: 'warning', message: `unknown column "${header[i].trim()}"${didYouMean(name, ALL_NAMES)} is ignored` });
      return;
    }
    if (index[col] !== undefined) {
      problems.push({ col: i + 1, severity: 'error', message: `column "${header[i].trim()}" repeats the ${col} column (field ${index[col]! + 1}); keep one of them` });
      return;
    }
    index[col] = i;
  });
  for (const [col, at] of others) {
    const shown = (i: number) => `"${header[i].trim()}"`;
    if (index[col] !== undefined) {
      for (const i of at) problems.push({ col: i + 1, severity: 'warning', message: `column ${shown(i)} is ignored: the ${col} column is ${shown(index[col]!)}` });
    } else if (at.length > 1) {
      // Two candidates for one role: which holds it is the user's to say, not dialog's to guess.
      problems.push({
        col: at[1] + 1,
        severity: 'error',
        message: `columns ${at.map(shown).join(' and ')} could each be the ${col} column; rename the one that is to "${COLUMN_NAMES[col][0]}"`,
      });
    } else index[col] = at[0];
  }
  for (const need of ['respondent', 'text'] as const) {
    const ambiguous = (others.get(need)?.length ?? 0) > 1;
    if (index[need] === undefined && !ambiguous) {
      problems.push({
        col: 1,
        severity: 'error',
        message: `missing required column "${need}" (accepted names: ${[...COLUMN_NAMES[need], ...(OTHER_COLUMN_NAMES[need] ?? [])].join(', ')}); the first row must be a header naming the columns`,
      });
    }
  }
  return { index, problems };
}

/** Picks the delimiter that splits the header line into the most fields, outside quotes. */
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] >= counts[','] && counts[';'] >= counts['\t'] && counts[';'] > 0) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/** Splits a themes cell: "a; b | c, d" → [a, b, c, d]. An empty cell means no theme. */
export function splitThemes(cell: string): string[] {
  return cell
    .split(/[;,|]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Accepts 2016-03-14, 2016/03/14, 14/3/2016, 14.3.2016 and 14-3-2016; returns YYYY-MM-DD or undefined. */
export function parseDate(cell: string): string | undefined {
  const s = cell.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2})?$/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (m) return iso(m[1], m[2], m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m) return iso(m[3], m[2], m[1]);
  return undefined;
}

function iso(y: string, m: string, d: string): string | undefined {
  const date = new Date(Date.UTC(+y, +m - 1, +d));
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +m - 1 || date.getUTCDate() !== +d) return undefined;
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
