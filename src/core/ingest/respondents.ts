import { createHash } from 'node:crypto';
import type { Category, Respondent, RespondentType } from '../model.js';

export interface RegisterEntry {
  code: string;
  name: string;
  type: RespondentType;
  /** SCB code of the body's county. */
  county?: string;
  /** For 0980 Region Gotland: the county whose region it also is (its code resolves here). */
  regionOf?: string;
  variants?: string[];
  /** Names the body had before; a response under one is reported as "former (numera official)". */
  formerly?: string[];
  population?: number;
  category?: Category;
}

export interface Register {
  county?: string;
  source?: string;
  date?: string;
  counties?: { code: string; name: string }[];
  respondents: RegisterEntry[];
}

/** What a name as written resolved to (RespondentIndex.found): split()'s answer, and for a name outside the register its clean form, id and inferred type. */
interface Found {
  entry?: RegisterEntry;
  former?: string;
  organ?: string;
  ambiguous?: [RegisterEntry, RegisterEntry];
  clean?: string;
  id?: string;
  type?: RespondentType;
}

/** A register entry found for a name, and the former name it was found by, if any. */
interface Hit {
  entry: RegisterEntry;
  former?: string;
}

/** A name resolved to a respondent, with the organ that answered for it and any doubt. */
export interface Resolution {
  respondent: Respondent;
  /** The body inside the respondent that answered ("Kommunstyrelsen"), as written. */
  organ?: string;
  /** Set when the name could be either of two respondents; the name is then kept unresolved. */
  ambiguous?: [string, string];
}

/** Lower case, hyphens and punctuation folded to single spaces. */
export function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[-–—_/.,()"':;]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * The organs through which a municipality (or a region) answers. Only an allow-list: national
 * agencies are also "-styrelsen" or "-verket" (Länsstyrelsen, Socialstyrelsen, Trafikverket) and
 * must never be read as an organ of the municipality named after them.
 */
const ORGAN =
  /^(?:(?:kommun|stads|region|landstings)(?:styrelsen?s?|fullmäktige|ledningskontoret|ledningsförvaltningen|styrelseförvaltningen|kansliet|direktören)(?: [\p{L} ]+)?|borgarrådsberedningen|(?:[\p{L}]+ (?:och )?)*[\p{L}]*nämnd(?:en)?s?(?: [\p{L}]+)?|(?:[\p{L}]+ (?:och )?)*[\p{L}]*(?:kontoret|förvaltningen|avdelningen|enheten))$/u;

/**
 * Each alternative of ORGAN holds one of these words, and a part of a name keeps its letters in
 * the whole name's key: a name whose key holds none of them has no part that is an organ.
 */
const ORGAN_WORD = /kommun|stads|region|landstings|borgarrådsberedningen|nämnd|kontoret|förvaltningen|avdelningen|enheten/u;

/** Words that make a name a region, county, agency or association: never a municipality. */
const NOT_MUNICIPAL = /(?:^|\s)(?:region|regionen|landsting|landstinget|län|läns|länsstyrelsen|förbund|förbundet)(?:\s|$)|kommunerna$|förbund(?:et)?$|rådet$|verket$|myndigheten$|(?:^|\s)(?:sveriges|ksl|skl|skr|storsthlm)(?:\s|$)/u;

const MUNICIPAL_SUFFIX = /\s+(?:kommun|kommuns|stad|stads|kommunkoncern)$/u;

/**
 * How a region, a former county council or a county administrative board is named after its
 * county: "Region X", "Region X län", "Landstinget (i) X (län)", "X läns landsting", "Länsstyrelsen
 * (i) X (län)". The county's name is captured; the kind of body is the first group that matched.
 */
const COUNTY_BODY = /^(?:(region|landstinget|länsstyrelsen) (?:i )?(.+?)(?: län)?|(.+?) läns (landsting))$/u;

export class RespondentIndex {
  private readonly byKey = new Map<string, Hit>();
  /**
   * Names without å, ä, ö and accents ("malmo stad", "linkoping", "stockholms lans landsting"), as
   * file names, English keyboards and OCR without Swedish write them; null where two bodies fold
   * alike (Håbo and Habo), so such a name is found only as written.
   */
  private readonly byFolded = new Map<string, Hit | null>();
  /** County code by the county's name as its bodies write it ("västerbotten", "västerbottens", "sörmland"). */
  private readonly countyByKey = new Map<string, string>();
  /**
   * What each name, exactly as written, resolved to. A sheet names its respondent on every row
   * and every name is resolved twice (to group the rows, then to build the corpus): the second
   * time, and every row after the first, is a lookup. Only the very same string hits; "Remiss 1"
   * and "remiss 1" are each resolved on their own (to whatever the rules say they are).
   */
  private readonly resolved = new Map<string, Found>();

  constructor(readonly register: Register) {
    // Former names first, so that a current name (or a code) written the same way wins.
    for (const e of register.respondents)
      for (const n of e.formerly ?? []) {
        this.byKey.set(nameKey(n), { entry: e, former: n });
        this.byKey.set(nameKey(n).replace(/ /g, ''), { entry: e, former: n });
      }
    for (const e of register.respondents) {
      for (const n of [e.name, ...(e.variants ?? [])]) {
        this.byKey.set(nameKey(n), { entry: e });
        this.byKey.set(nameKey(n).replace(/ /g, ''), { entry: e });
      }
      if (e.regionOf) this.byKey.set(e.regionOf, { entry: e });
    }
    for (const e of register.respondents) this.byKey.set(e.code, { entry: e });
    for (const [key, hit] of this.byKey) {
      if (/^\d+$/u.test(key)) continue;
      const f = fold(key);
      const seen = this.byFolded.get(f);
      this.byFolded.set(f, seen === undefined || seen?.entry === hit.entry ? (seen && !seen.former ? seen : hit) : null);
    }
    // A county is named with or without "län" and the genitive s; a region may also go by an older
    // name of its county ("Region Sörmland", "Region Jämtland Härjedalen").
    const addCounty = (name: string, code: string) => {
      const key = nameKey(name).replace(/ län$/u, '');
      for (const k of [key, key.replace(/s$/u, '')]) if (k) for (const v of [k, fold(k)]) this.countyByKey.set(v, code);
    };
    for (const c of register.counties ?? []) addCounty(c.name, c.code);
    for (const e of register.respondents)
      if (e.type === 'region' && e.county && !e.regionOf)
        for (const n of [e.name, ...(e.variants ?? [])]) {
          const m = /^region (.+)$/u.exec(nameKey(n));
          if (m) addCounty(m[1], e.county);
        }
  }

  /**
   * The region or county administrative board named after its county ("Region Örebro",
   * "Jönköpings läns landsting", "Länsstyrelsen Västerbottens län"): the register's one body of
   * that kind in that county, or nothing when the county is not known or has none.
   */
  private countyBody(key: string): Hit | undefined {
    const m = COUNTY_BODY.exec(key);
    if (!m) return undefined;
    const county = this.countyByKey.get(m[2] ?? m[3]) ?? this.countyByKey.get(fold(m[2] ?? m[3]));
    if (!county) return undefined;
    const board = (m[1] ?? m[4]) === 'länsstyrelsen';
    const matches = this.register.respondents.filter((e) =>
      board ? e.type === 'myndighet' && e.county === county && /^länsstyrelsen /u.test(nameKey(e.name)) : e.type === 'region' && (e.regionOf ?? e.county) === county,
    );
    return matches.length === 1 ? { entry: matches[0] } : undefined;
  }

  /** Every name the register knows, for did-you-mean suggestions. */
  names(): string[] {
    return this.register.respondents.flatMap((e) => [e.name, ...(e.variants ?? []), ...(e.formerly ?? [])]);
  }

  private exact(key: string): Hit | undefined {
    return this.byKey.get(key) ?? this.byKey.get(key.replace(/ /g, '')) ?? this.byFolded.get(fold(key)) ?? undefined;
  }

  /**
   * A body's name as a register entry: exactly, or for municipalities also without "kommun" or
   * "stad" and the genitive s ("Danderyds kommun" → Danderyd). Names of regions, counties,
   * agencies and associations are matched exactly only, so "Region Stockholm" or "Länsstyrelsen
   * i Stockholms län" never become Stockholm.
   */
  private body(key: string): Hit | undefined {
    const hit = this.exact(key) ?? this.countyBody(key);
    if (hit) return hit;
    if (NOT_MUNICIPAL.test(key)) return undefined;
    const bare = key.replace(MUNICIPAL_SUFFIX, '');
    // "Gotlands kommun" is a former name in its own right; a bare short name is a current one.
    const municipality = (h?: Hit) => (h && h.entry.type === 'kommun' && !h.former ? h : undefined);
    // Without a suffix the bare name is the key, already looked up in vain.
    return (bare === key ? undefined : municipality(this.exact(bare))) ?? (bare.endsWith('s') ? municipality(this.exact(bare.slice(0, -1))) : undefined);
  }

  lookup(name: string): RegisterEntry | undefined {
    return this.found(name).entry;
  }

  /** split(), once per name as written; for a name outside the register also its clean form and id. */
  private found(name: string): Found {
    let f = this.resolved.get(name);
    if (f === undefined) {
      f = this.split(name);
      if (!f.entry) {
        f.clean = name.replace(/\s+/gu, ' ').trim();
        f.id = respondentId(f.clean);
      }
      this.resolved.set(name, f);
    }
    return f;
  }

  /** The id resolveName gives the name, without building the respondent: rows of a sheet are grouped by it. */
  idOf(name: string): string {
    const f = this.found(name);
    return f.entry ? f.entry.code : f.id!;
  }

  /** Splits "Organ i X", "Organ, X", "X, organ", "X kommuns organ" into the organ and the body. */
  private split(name: string): Found {
    const found = (h: Hit, organ?: string) => ({ entry: h.entry, former: h.former, organ });
    const key = nameKey(name);
    const whole = this.body(key);
    if (whole) return found(whole);
    // Organ forms are short; a name longer than any real one is not taken apart.
    if (name.length > 300) return {};
    // "Uppsala kommun (Kommunstyrelsen)" is written as "Uppsala kommun, Kommunstyrelsen".
    const parts = name.replace(/^(.+?)\s*\(([^()]+)\)$/u, '$1, $2').split(/\s*[,;]\s*/u).map((p) => p.trim()).filter(Boolean);
    if (parts.length === 2) {
      const [a, b] = parts;
      const ea = this.body(nameKey(a));
      const eb = this.body(nameKey(b));
      if (ea && eb && ea.entry !== eb.entry) return { ambiguous: [ea.entry, eb.entry] };
      if (eb && ORGAN.test(nameKey(a))) return found(eb, a);
      if (ea && ORGAN.test(nameKey(b))) return found(ea, b);
    }
    // Every organ form holds a word of ORGAN_WORD; a name without one has no organ to split off
    // (a sheet of a million rows names hundreds of thousands of bodies outside the register).
    const organ = ORGAN_WORD.test(key);
    const inForm = organ ? /^(.+?)\s+(?:i|för|vid)\s+(.+)$/u.exec(name.trim()) : null;
    if (inForm && ORGAN.test(nameKey(inForm[1]))) {
      const e = this.body(nameKey(inForm[2]));
      if (e) return found(e, inForm[1]);
    }
    // "Trafikverket Region Syd", "Naturskyddsföreningen region Norr": a division of an agency or an
    // association the register knows (never of a municipality or region, whose organs are above).
    const division = /^(.+?)\s+((?:region|regionen|avdelning|avdelningen|distrikt|distriktet)\s+\p{L}+)$/iu.exec(name.trim());
    if (division) {
      const e = this.exact(nameKey(division[1]));
      if (e && e.entry.type !== 'kommun' && e.entry.type !== 'region') return found(e, division[2]);
    }
    // "Nacka kommuns kommunstyrelse", "Stockholms stads socialnämnd"
    const possessive = organ ? /^(.+?\s(?:kommuns|stads))\s+(.+)$/u.exec(name.trim()) : null;
    if (possessive && ORGAN.test(nameKey(possessive[2]))) {
      const e = this.body(nameKey(possessive[1]));
      if (e) return found(e, possessive[2]);
    }
    // "Kommunstyrelsen Falu kommun", "Falu kommun Kommunstyrelsen": an organ and a body side by side,
    // split where one side is an organ and the other a body of the register.
    const words = organ ? name.trim().split(/\s+/u) : [];
    // The shortest organ wins: "Stockholms stad Stadsledningskontoret" is the city and its office.
    if (organ && parts.length === 1 && words.length <= 12)
      for (let n = 1; n < words.length; n++) {
        const before = words.slice(0, n).join(' ');
        const eb = ORGAN.test(nameKey(before)) ? this.body(nameKey(words.slice(n).join(' '))) : undefined;
        if (eb) return found(eb, before);
        const after = words.slice(words.length - n).join(' ');
        const ea = ORGAN.test(nameKey(after)) ? this.body(nameKey(words.slice(0, words.length - n).join(' '))) : undefined;
        if (ea) return found(ea, after);
      }
    return {};
  }

  /** Resolves a name as written to a respondent; unknown names get an inferred type and a stable id. */
  resolveName(name: string, statedType?: RespondentType): Resolution {
    const f = this.found(name);
    const { entry, former, organ, ambiguous } = f;
    if (entry) {
      const r: Respondent = { id: entry.code, name: entry.name, type: entry.type, known: true, code: entry.code };
      if (former) r.formerName = former;
      if (entry.county) r.county = entry.county;
      if (entry.category) r.category = entry.category;
      if (entry.population !== undefined) r.population = entry.population;
      return organ ? { respondent: r, organ: organ.replace(/\s+/gu, ' ') } : { respondent: r };
    }
    const clean = f.clean!;
    const unknown: Resolution = { respondent: { id: f.id!, name: clean, type: statedType ?? (f.type ??= inferType(clean)), known: false } };
    if (ambiguous) unknown.ambiguous = [ambiguous[0].name, ambiguous[1].name];
    return unknown;
  }

  resolve(name: string, statedType?: RespondentType): Respondent {
    return this.resolveName(name, statedType).respondent;
  }
}

/** A name key without diacritics: "linköpings kommun" → "linkopings kommun". */
function fold(key: string): string {
  return key.normalize('NFD').replace(/[\u0300-\u036f]/gu, '');
}

export function slug(name: string, key = nameKey(name)): string {
  return key
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * A readable id for a respondent outside the register. Where the slug drops letters (names in
 * Cyrillic, Greek or other scripts, or only partly Latin), a hash of the name is added so that
 * two different names never share an id.
 */
export function respondentId(name: string): string {
  const key = nameKey(name);
  const s = slug(name, key);
  const letters = codePoints(key.replace(/[^\p{L}\p{N}]+/gu, ''));
  const kept = s.replace(/-/g, '').length;
  if (s && kept >= letters) return s;
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 10);
  return s ? `${s}-${digest}` : `x-${digest}`;
}

/** How many code points `s` holds (a pair of surrogates is one). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/** The type of a body outside the register, from the words of its name. */
export function inferType(name: string): RespondentType {
  const k = nameKey(name);
  if (/länsstyrelse/u.test(k)) return 'myndighet';
  if (/förbund|förening|kommunerna$|^sveriges |(?:^|\s)(?:ksl|skl|skr|storsthlm)(?:\s|$)/u.test(k)) return 'organisation';
  // "Trafikverket Region Syd": an agency's division, not a region.
  if (/^\p{L}+(?:verket|myndigheten|inspektionen|kollegiet|ämbetet|kassan|förmedlingen|ombudsmannen|institutet)(?:\s|$)/u.test(k)) return 'myndighet';
  if (/(?:^|\s)(?:region|regionen|landsting|landstinget)(?:\s|$)|^region\p{L}+$/u.test(k)) return 'region';
  if (/(?:kommun|stad)$|^kommunstyrelsen|^kommunfullmäktige|^stadsledningskontoret|^kommunledningskontoret/u.test(k)) return 'kommun';
  if (/myndighet|verket$|verk$|styrelsen$|inspektion|inspektionen$|kommittén|domstol|universitet|högskola|kammarkollegiet|ombudsman|polis|statskontoret|riksdag|regeringen|departementet|utskott/u.test(k)) return 'myndighet';
  if (/organisation|\sab$|företag|kammare|samfund|råd$|rådet$|nätverk|stiftelse|facket|(?:^|\s)(?:sko|lo|saco|tco)(?:\s|$)/u.test(k)) return 'organisation';
  return 'övrig';
}
