import type { Found } from './types.js';

/** What the document stage needs of the respondent register: does a name resolve, and to whom. */
export type NameResolver = (name: string) => { known: boolean; id: string };

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const MONTH_RE = MONTHS.join('|');
const ISO = /(?<![\p{N}\p{L}/-])(\d{4})-(\d{2})-(\d{2})(?![\p{N}/])/u;
const WORDED = new RegExp(`(?<![\\p{N}])(\\d{1,2})(?:\\s*:e|\\s*:a)?\\s+(${MONTH_RE})\\s+(\\d{4})(?![\\p{N}])`, 'iu');
const NUMERIC = /(?<![\p{N}/.-])(\d{1,2})[./](\d{1,2})[./](\d{4})(?![\p{N}])/u;
const DATE_LABEL = /^(?:datum|date|daterad|beslutsdatum|sammanträdesdatum)\s*:?\s*(.+)$/iu;

function iso(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2100) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The first date in a text: `2016-02-15`, `15 februari 2016`, `15/2/2016` or `15.2.2016`. */
export function dateIn(text: string): string | undefined {
  const found: { at: number; value: string }[] = [];
  let m = ISO.exec(text);
  if (m) {
    const v = iso(+m[1], +m[2], +m[3]);
    if (v) found.push({ at: m.index, value: v });
  }
  m = WORDED.exec(text);
  if (m) {
    const v = iso(+m[3], MONTHS.indexOf(m[2].toLowerCase()) + 1, +m[1]);
    if (v) found.push({ at: m.index, value: v });
  }
  m = NUMERIC.exec(text);
  if (m) {
    const v = iso(+m[3], +m[2], +m[1]);
    if (v) found.push({ at: m.index, value: v });
  }
  return found.sort((a, b) => a.at - b.at)[0]?.value;
}

/**
 * The document's date: a labelled date (`Datum: …`) first, then the first date in the letterhead
 * and page headers, then in the signature ("Nacka den 15 februari 2016"). Dates in the running
 * text (deadlines, the remiss's own date) are not taken.
 */
export function findDate(places: { name: string; lines: string[] }[]): Found | undefined {
  for (const p of places)
    for (const l of p.lines) {
      const m = DATE_LABEL.exec(l.trim());
      const v = m ? dateIn(m[1]) : undefined;
      if (v) return { value: v, from: `${p.name}: "${clip(l)}"` };
    }
  for (const p of places)
    for (const l of p.lines) {
      const v = dateIn(l);
      if (v) return { value: v, from: `${p.name}: "${clip(l)}"` };
    }
  return undefined;
}

/** Labels of the respondent's own reference; "Er beteckning", "Ert dnr" are the sender's and are skipped. */
const REFERENCE = /(?<![\p{L}])(?<!(?:^|[^\p{L}])(?:er|ert|eder)\s+)(?:dnr|diarienummer|diarienr|dnr\.|vår\s+beteckning|vårt\s+dnr|vårt\s+diarienummer|vår\s+referens|vår\s+ref\.?)(?![\p{L}])\s*[.:]?\s*(.+)$/iu;

/** A reference such as "KS-2016/123", "KFKS 2016/45", "VS 2016/0031": words up to and with the one that has a digit. */
function referenceValue(rest: string): string | undefined {
  const tokens = rest.trim().split(/\s+|\s*\|\s*/u);
  const out: string[] = [];
  for (const t of tokens.slice(0, 4)) {
    const clean = t.replace(/[,;]$/u, '');
    if (!clean) break;
    out.push(clean);
    if (/\d/u.test(clean)) return out.join(' ');
    if (!/^[\p{Lu}\p{N}][\p{Lu}\p{N}./-]*$/u.test(clean)) return undefined;
  }
  return undefined;
}

/** The respondent's reference (`Dnr`, `Diarienummer`, `Vår beteckning`), in the order of the places given. */
export function findReference(places: { name: string; lines: string[] }[]): Found | undefined {
  for (const p of places)
    for (const l of p.lines) {
      // A header line may hold several fields side by side: look at each.
      for (const part of l.split(/\s+\|\s+|\t/u)) {
        const m = REFERENCE.exec(part.trim());
        const v = m ? referenceValue(m[1]) : undefined;
        if (v) return { value: v, from: `${p.name}: "${clip(l)}"` };
      }
    }
  return undefined;
}

/** Words that make a line the name of a body that answers. */
const BODY_WORDS = /(?<![\p{L}])(?:kommun|stad|region|landsting|länsstyrelsen|förbund|förbundet|förening|föreningen|myndighet|myndigheten|verket|universitet|rådet|kammare|kommunerna|styrelsen|nämnden|organisation)(?![\p{L}])|\p{L}(?:verket|nämnden|styrelsen|förbundet|kommunerna)(?![\p{L}])/iu;
/** A line that is an organ, to join with the body's name ("Kommunstyrelsens förvaltning"). */
const ORGAN_LINE = /^(?:[\p{L}-]+\s(?:och\s)?)?(?:\p{L}+\s)?\p{L}*(?:styrelsen|styrelsens|nämnden|nämndens|förvaltningen|förvaltning|kontoret|kontor|ledningskontoret|fullmäktige)(?:\s\p{L}+){0,3}$/iu;
/**
 * A line that names only an organ of a municipality or region ("Miljö- och hälsoskyddsnämnden",
 * "Kommunstyrelsen", "Samhällsbyggnadsförvaltningen"): never a respondent by itself, since the
 * same organ exists in every municipality.
 */
const MUNICIPAL_ORGAN = /^(?:[\p{L}-]+\s(?:och\s)?)?(?:[\p{L}]+\s)?\p{L}*(?:nämnden|nämnd|förvaltningen|förvaltning|kontoret|(?:kommun|region|landstings|stads)styrelsen|fullmäktige)$/iu;
const CLOSING = /^(?:för|på|enligt)\s+|\s+(?:den\s+)?\d{1,2}\s+\p{L}+\s+\d{4}$|,?\s*(?:den\s+)?\d{4}-\d{2}-\d{2}$/giu;

/**
 * The respondent: the first line of the letterhead, page headers or signature that names a body
 * in the register (an organ line beside it is kept: "Kommunstyrelsens förvaltning, Huddinge
 * kommun"); else the first line there that reads as a body's name; else the file name.
 * `skip` drops a name (the body that sent the remiss, named as the addressee).
 */
export function findRespondent(
  places: { name: string; lines: string[] }[],
  fileName: string,
  resolve: NameResolver,
  skip?: (id: string) => boolean,
): Found {
  /**
   * Names a line may hold. A part of the line is a candidate as it stands ("Huddinge", a logo
   * line); a piece cut out of it (after a comma, before a date) only when it reads as a body's
   * name, since a bare place there is an address ("Box 654, 831 27 Östersund"), not who wrote it.
   * Only a signature's "Nacka den 15 februari 2016" names the place that signed; it is tried last.
   */
  const candidates = (line: string, place: string): string[] => {
    const parts = line.split(/\s+\|\s+|\t|\s+[–—/]\s+/u).map((s) => s.trim()).filter(Boolean);
    const out = new Set<string>();
    const piece = (c: string) => {
      if (BODY_WORDS.test(c)) out.add(c);
    };
    for (const p of parts) {
      out.add(p);
      const signed = p.replace(CLOSING, '').trim();
      if (place === 'signature') out.add(signed);
      else piece(signed);
      for (const cut of p.split(/,\s*/u)) piece(cut.trim());
      // "Nacka kommun YTTRANDE", "Postadress: Nacka kommun, 131 81 Nacka": the body's name inside a line.
      for (const m of p.matchAll(/(?:\p{Lu}[\p{L}-]{1,40}\s){1,2}(?:kommun|stad|KOMMUN|STAD)(?![\p{L}])/gu)) out.add(m[0]);
    }
    return [...out].filter((c) => c.length >= 3 && c.length <= 120 && /\p{L}/u.test(c)).map(displayName);
  };
  // The addressee: lines after "Till", and a name over a postal address ("Box 22550", "104 22 Stockholm").
  const addressee = (lines: string[], i: number) =>
    lines.slice(Math.max(0, i - 3), i + 1).some((l) => /^(?:till|mottagare)(?![\p{L}])/iu.test(l.trim())) ||
    (i > 0 && lines.slice(i + 1, i + 3).some((l) => /^(?:box\s+\d+|\d{3}\s?\d{2}\s+\p{Lu})/iu.test(l.trim())));
  // Place by place (letterhead, page headers and footers, signature), line by line: a body the
  // register knows, or one named as bodies name themselves ("Landstinget Sörmland", "Falu kommun",
  // "Länsstyrelsen i Västerbottens län", "Trafikverket"). The letterhead's name wins over a place
  // named in the signature ("Luleå den 5 mars 2027").
  for (const p of places) {
    for (let i = 0; i < p.lines.length; i++) {
      if (addressee(p.lines, i)) continue;
      for (const c of candidates(p.lines[i], p.name)) {
        const r = resolve(c);
        if (!r.known || skip?.(r.id)) continue;
        // "Huddinge kommun" above "Kommunstyrelsens förvaltning", or beside it ("Kommunledningskontoret |
        // Skellefteå kommun"): keep the organ when it resolves alike.
        const beside = p.lines[i].split(/\s+\|\s+|\t|\s+[–—/]\s+/u).filter((part) => part.trim() !== c);
        const organ = [...beside, p.lines[i + 1], p.lines[i - 1]].find((l) => l && ORGAN_LINE.test(l.trim()) && !resolve(l.trim()).known);
        if (organ) {
          const both = `${organ.trim()}, ${c}`;
          if (resolve(both).id === r.id) return { value: both, from: `${p.name}: "${clip(p.lines[i])}"` };
        }
        return { value: c, from: `${p.name}: "${clip(p.lines[i])}"` };
      }
      const name = bodyNameIn(p.lines[i]);
      const found = name ? resolve(name) : undefined;
      if (!name || !found || skip?.(found.id)) continue;
      return { value: name, from: `${p.name}${found.known ? '' : ' (not in the register)'}: "${clip(p.lines[i])}"` };
    }
  }
  for (const p of places) {
    if (p.name === 'signature') continue;
    for (let i = 0; i < Math.min(p.lines.length, 8); i++) {
      const l = p.lines[i].trim();
      if (addressee(p.lines, i) || l.length > 80 || /\d{3}/u.test(l) || !BODY_WORDS.test(l) || /[.!?:]$/u.test(l) || MUNICIPAL_ORGAN.test(l)) continue;
      const name = l.split(/\s+\|\s+|\t/u)[0].trim();
      if (skip?.(resolve(name).id)) continue;
      return { value: name, from: `${p.name} (not in the register): "${clip(l)}"` };
    }
  }
  const named = letterheadNamedInFileName(places[0]?.lines ?? [], fileName);
  if (named && !skip?.(resolve(named).id)) return { value: named, from: `letterhead (not in the register), as the file name: "${clip(named)}"` };
  return { value: fromFileName(fileName, resolve), from: `the file name ${fileName}` };
}

/** Words of documents and of the lines around a name, never a body's name ("yttrande-foretagarna.pdf", "Handläggare Anna Ek"). */
const DOCUMENT_WORDS = new Set(['yttrande', 'remissvar', 'remiss', 'svar', 'brev', 'tjansteutlatande', 'tjansteskrivelse', 'protokoll', 'skrivelse', 'beslut', 'datum', 'bilaga', 'slutlig', 'final', 'version', 'handlaggare', 'kontaktperson', 'sida', 'till', 'fran', 'mottagare', 'ref', 'dnr']);
const folded = (s: string) => s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/gu, '');

/**
 * A letterhead line that the file name names too: "Företagarna Jämtland" above the title of
 * "09-foretagarna.pdf", "LRF Skåne" in "lrf-skane.pdf". An organisation without a word that
 * marks a body is still named by its letterhead when the analyst's file name agrees with it; a
 * line the file name does not echo is not guessed at.
 */
function letterheadNamedInFileName(lines: string[], fileName: string): string | undefined {
  const base = folded(fileName.replace(/^.*[\\/]/u, '').replace(/\.[^.]+$/u, ''));
  const fileWords = new Set(base.split(/[^a-z0-9]+/u).filter((w) => (w.length >= 4 || /^[a-z]{3}$/u.test(w)) && !DOCUMENT_WORDS.has(w)));
  if (!fileWords.size) return undefined;
  for (const raw of lines.slice(0, 4)) {
    const l = displayName(raw.trim());
    if (!l || l.length > 60 || /\d/u.test(l) || /[.!?:;]$/u.test(l) || !/^\p{Lu}/u.test(l) || l.split(/\s+/u).length > 6 || MUNICIPAL_ORGAN.test(l)) continue;
    const words = folded(l).split(/[^a-z0-9]+/u).filter(Boolean);
    if (words.some((w) => DOCUMENT_WORDS.has(w))) continue;
    if (words.some((w) => fileWords.has(w))) return l;
  }
  return undefined;
}

const CAP = String.raw`\p{Lu}[\p{L}-]*`;
/** A proper name of one to three capitalised words ("Jämtland Härjedalen", "Upplands Väsby"). */
const PROPER = String.raw`${CAP}(?:\s${CAP}){0,2}`;
/** Agencies and organisations named by one word's ending: Trafikverket, Socialstyrelsen, Kommunförbundet. */
const AGENCY_ENDING = String.raw`(?:verket|myndigheten|inspektionen|styrelsen|kollegiet|ämbetet|kassan|förmedlingen|ombudsmannen|institutet|regionen|förbundet|förbund|föreningen|universitetet|högskolan|kommunerna|rådet)`;
/**
 * How Swedish public bodies and organisations name themselves: "X kommun", "X stad", "Region X",
 * "Landstinget X", "Landstinget i X län", "X läns landsting", "Länsstyrelsen i X län", "Sveriges Kommuner och
 * Regioner", "Västra Götalandsregionen", "Kommunförbundet Norrbotten", "Umeå universitet",
 * "Trafikverket". Tried in this order on each part of a line.
 */
const BODY_NAMES = [
  new RegExp(String.raw`Sveriges\s+Kommuner\s+och\s+(?:Regioner|Landsting)`, 'u'),
  new RegExp(String.raw`(?:Landstinget|Länsstyrelsen)\s+(?:i\s+)?${PROPER}\s+län(?![\p{L}])`, 'u'),
  new RegExp(String.raw`${PROPER}\s+läns\s+landsting(?![\p{L}])`, 'u'),
  new RegExp(String.raw`(?:Landstinget|Länsstyrelsen|Region|Regionförbundet|Kommunförbundet|Kommunalförbundet)\s+(?:i\s+)?${PROPER}`, 'u'),
  // "Göteborgs Stad", "Skellefteå Kommun": some bodies capitalise the word in their logo.
  new RegExp(String.raw`${PROPER}\s+(?:kommun|stad|Kommun|Stad|universitet|högskola)(?![\p{L}])`, 'u'),
  new RegExp(String.raw`(?:${CAP}\s){0,2}\p{Lu}\p{Ll}*${AGENCY_ENDING}(?:\s+i\s+${PROPER}(?:\s+län)?|\s+${PROPER})?(?![\p{L}])`, 'u'),
];
/** An agency's or association's name just before a region's: "Trafikverket " in "Trafikverket Region Syd". */
const OWNER_BEFORE = new RegExp(String.raw`(?:^|\s)(\p{Lu}\p{Ll}*(?:${AGENCY_ENDING}|föreningen|förbundet))\s+$`, 'u');
/** Organs of a municipality or region, never a body of their own ("Kommunstyrelsen", "Regionstyrelsen"). */
const ORGAN_NAME = /^(?:kommun|region|landstings|stads|kommunal)(?:styrelsen|fullmäktige|förbundet)$|nämnden$/iu;
/** Words before a name that make it someone else's: the sender of the remiss, the addressee, the subject. */
const NOT_OURS = /(?<![\p{L}])(?:från|till|över|angående|ang|avser|remiss|remissen|hos|mottagare)(?![\p{L}])/iu;

/** The first name of a body in a line of a letterhead, header or signature, or undefined. */
export function bodyNameIn(line: string): string | undefined {
  for (const raw of line.split(/\s+\|\s+|\t|\s+[–—/]\s+|,\s*/u)) {
    const part = displayName(raw.trim().replace(CLOSING, '').trim());
    if (!part || part.length > 120) continue;
    for (const re of BODY_NAMES) {
      const m = re.exec(part);
      if (!m) continue;
      let name = m[0].trim();
      // A proper name runs on into the next word only when it is capitalised: "Region Värmland Yttrande" ends before "Yttrande".
      name = name
        .replace(/\s+(?:YTTRANDE|Yttrande|Tjänsteutlåtande|TJÄNSTEUTLÅTANDE|Remissvar|REMISSVAR|Protokoll|PROTOKOLL|Datum|Dnr|Diarienummer|Sida|Handläggare|\p{Lu}\p{L}*-|(?!Länsstyrelsen(?![\p{L}]))\p{Lu}\p{L}*(?:-\s+och\s+\p{L}+?)?(?:förvaltningen|förvaltning|kontoret|staben|avdelningen|enheten|ledningen|styrelsen|nämnden))(?:\s.*)?$/u, '')
        // Organs and document kinds before the name go; "Länsstyrelsen" is the name itself.
        .replace(/^(?:(?:YTTRANDE|Yttrande|Tjänsteutlåtande|TJÄNSTEUTLÅTANDE|Remissvar|REMISSVAR|Protokoll|Kommunstyrelsen|(?!Länsstyrelsen(?![\p{L}]))\p{Lu}\p{L}*(?:-\s+och\s+\p{L}+?)?(?:styrelsen|nämnden|förvaltningen|kontoret))\s+)+(?=\p{Lu})/u, '');
      const before = part.slice(0, m.index);
      // After "över", "från", "till": someone else's name (a form matching before it still may).
      if (NOT_OURS.test(before)) continue;
      if (ORGAN_NAME.test(name)) continue;
      // "Trafikverket Region Syd", "Hyresgästföreningen Region Norr": a region named right after an
      // agency or association is its division, not a region of its own.
      const owner = /^(Region|Regionen|Landstinget)\s/u.test(name) ? OWNER_BEFORE.exec(before) : null;
      return owner ? `${owner[1]} ${name}` : name;
    }
  }
  return undefined;
}

/** "kommunstyrelsen-huddinge.pdf" → "Huddinge" when a word of it is in the register, else "Kommunstyrelsen huddinge". */
function fromFileName(fileName: string, resolve: NameResolver): string {
  const base = fileName.replace(/^.*[\\/]/u, '').replace(/\.[^.]+$/u, '');
  const words = base.split(/[-_\s.]+/u).filter(Boolean);
  for (let n = Math.min(3, words.length); n >= 1; n--)
    for (let i = 0; i + n <= words.length; i++) {
      const name = words.slice(i, i + n).join(' ');
      if (/\p{L}{3}/u.test(name) && resolve(name).known) return name.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
    }
  const spaced = words.join(' ') || base;
  return spaced.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
}

/** Small words of names, written in lower case when a letterhead in capitals is set right. */
const LOWER = new Set(['kommun', 'kommuns', 'stad', 'stads', 'i', 'och', 'för', 'av', 'län', 'läns', 'landsting', 'kommunstyrelse', 'kommunstyrelsen', 'förvaltning', 'nämnd', 'den', 'de']);

/** "HUDDINGE KOMMUN" → "Huddinge kommun"; names in mixed case are kept as written. */
export function displayName(name: string): string {
  if (/\p{Ll}/u.test(name) || !/\p{Lu}{2}/u.test(name)) return name;
  return name
    .toLowerCase()
    .split(' ')
    .map((w, i) => (i > 0 && LOWER.has(w) ? w : w.replace(/^\p{Ll}/u, (c) => c.toUpperCase())))
    .join(' ')
    .replace(/(?<=-)\p{Ll}/gu, (c) => c.toUpperCase());
}

function clip(s: string): string {
  const t = s.trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}
