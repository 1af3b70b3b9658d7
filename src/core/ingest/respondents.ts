import type { Category, Respondent, RespondentType } from '../model.js';

export interface RegisterEntry {
  code: string;
  name: string;
  type: RespondentType;
  variants?: string[];
  population?: number;
  category?: Category;
  inCounty?: boolean;
}

export interface Register {
  county?: string;
  source?: string;
  respondents: RegisterEntry[];
}

/** Words around a name that say which body of the municipality answered, not who. */
const LEADING = /^(?:kommunstyrelsen|kommunfullmäktige|kommunledningskontoret|stadsledningskontoret|kommunstyrelseförvaltningen|stadsstyrelsen|regionstyrelsen|kommunen|staden)\s+(?:i|för)\s+/u;
const TRAILING = /\s+(?:kommun|stad|kommunstyrelse|stadshus|kommunstyrelsen|stadsledningskontor|kommunkoncern)$/u;

/** Lower case, hyphens and punctuation folded to single spaces. */
export function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[-–—_/.,()"']+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

function candidates(name: string): string[] {
  let key = nameKey(name);
  const out = [key];
  for (let i = 0; i < 3; i++) {
    const next = key.replace(LEADING, '').replace(TRAILING, '').replace(/^region\s+/u, '');
    if (next === key) break;
    key = next;
    out.push(key);
  }
  // "Danderyds kommun" → "danderyds" → the genitive s belongs to the phrase, not the name.
  if (key.endsWith('s')) out.push(key.slice(0, -1));
  out.push(key.replace(/ /g, ''));
  return out;
}

export class RespondentIndex {
  private readonly byKey = new Map<string, RegisterEntry>();

  constructor(readonly register: Register) {
    for (const e of register.respondents) {
      for (const n of [e.name, ...(e.variants ?? [])]) {
        this.byKey.set(nameKey(n), e);
        this.byKey.set(nameKey(n).replace(/ /g, ''), e);
      }
      this.byKey.set(e.code, e);
    }
  }

  lookup(name: string): RegisterEntry | undefined {
    for (const c of candidates(name)) {
      const hit = this.byKey.get(c);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Resolves a name as written to a respondent; unknown names get an inferred type and a slug id. */
  resolve(name: string, statedType?: RespondentType): Respondent {
    const e = this.lookup(name);
    if (e) {
      const r: Respondent = { id: e.code, name: e.name, type: e.type, known: true, code: e.code };
      if (e.category) r.category = e.category;
      if (e.population !== undefined) r.population = e.population;
      if (e.inCounty === false) r.inCounty = false;
      return r;
    }
    const clean = name.replace(/\s+/gu, ' ').trim();
    return { id: slug(clean), name: clean, type: statedType ?? inferType(clean), known: false };
  }
}

export function slug(name: string): string {
  return (
    nameKey(name)
      .replace(/[åä]/g, 'a')
      .replace(/ö/g, 'o')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'okand'
  );
}

export function inferType(name: string): RespondentType {
  const k = nameKey(name);
  if (/förbund|förening|^sveriges /u.test(k)) return 'organisation';
  if (/(?:^|\s)(?:region|landsting|landstinget)(?:\s|$)/u.test(k)) return 'region';
  if (/(?:kommun|stad)$|^kommunstyrelsen|^kommunfullmäktige/u.test(k)) return 'kommun';
  if (/länsstyrelse|myndighet|verket$|verk$|styrelsen$|inspektion|kommittén|domstol|universitet|högskola|kammarkollegiet|ombudsman|polis/u.test(k)) return 'myndighet';
  if (/förbund|förening|organisation|sveriges|\sab$|företag|kammare|samfund|råd$|rådet$|nätverk|stiftelse|facket|(?:^|\s)(?:sko|lo|saco|tco)(?:\s|$)/u.test(k)) return 'organisation';
  return 'övrig';
}
