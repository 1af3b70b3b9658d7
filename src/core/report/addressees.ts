import type { AddresseeSpec, Respondent } from '../model.js';
import { didYouMean, editDistance } from '../diagnostics.js';
import { nameKey, type Register, type RespondentIndex } from '../ingest/respondents.js';

/** Whom a consultation was sent to, resolved against the register. */
export interface Addressees {
  /** Every addressee once, in the order the consultation lists them. */
  respondents: Respondent[];
  /** The counties whose municipalities were all asked ("samtliga kommuner i Västerbottens län"). */
  counties: { code: string; name: string; municipalities: string[] }[];
}

export interface AddresseeProblem {
  /** Index in `remissinstanser`, for locating the line. */
  index: number;
  message: string;
}

/** A municipality: its code is SCB's four-digit kommunkod. */
/** How many unknown addressees get the nearest register name in their message. */
const MAX_SUGGESTIONS = 20;

export const isMunicipalityCode = (code?: string) => !!code && /^[0-9]{4}$/.test(code);

/**
 * Resolves `remissinstanser`: a name or register code is one body; `{ län: "24" }` or
 * `{ county: "Västerbottens län" }` is every municipality of that county. A name the register
 * does not know is a problem, with the nearest register name: a denominator is a published
 * fact, so a misspelt addressee must not silently become "did not answer".
 */
export function resolveAddressees(specs: readonly AddresseeSpec[], index: RespondentIndex, register: Register): { addressees: Addressees; problems: AddresseeProblem[] } {
  const respondents = new Map<string, Respondent>();
  const counties: Addressees['counties'] = [];
  const problems: AddresseeProblem[] = [];
  const known = register.counties ?? [];
  let names: string[] | undefined;
  let unknown = 0;
  specs.forEach((spec, i) => {
    if (typeof spec === 'string') {
      const { respondent, ambiguous } = index.resolveName(spec);
      if (respondent.known) {
        if (!respondents.has(respondent.id)) respondents.set(respondent.id, respondent);
        return;
      }
      // The nearest name for the first few only: over 10 000 unknown names it took minutes.
      const hint = ++unknown <= MAX_SUGGESTIONS ? didYouMean(spec, (names ??= index.names())) || '' : '';
      problems.push({
        index: i,
        message: ambiguous
          ? `"${spec}" could be ${ambiguous[0]} or ${ambiguous[1]}; write one of them`
          : `"${spec}" is not in the register${hint}; fix the name, or add the body to the workspace register (with code, name and type)`,
      });
      return;
    }
    const wanted = 'län' in spec ? spec.län : spec.county;
    // "Skåne", "Skåne län", "Skane", "Västra Götaland": with or without "län", the genitive s and å, ä, ö.
    const fold = (s: string) => nameKey(s).normalize('NFD').replace(/[\u0300-\u036f]/gu, '');
    const key = fold(wanted);
    const county = known.find((c) => c.code === wanted || [key, `${key} lan`, `${key}s lan`].includes(fold(c.name)));
    if (!county) {
      const hint = didYouMean(wanted, known.map((c) => c.name)) || didYouMean(wanted, known.map((c) => c.name.replace(/s? län$/u, '')));
      problems.push({ index: i, message: `no county "${wanted}"${hint}; give its SCB code (e.g. län: "24") or its name (county: Västerbottens län)` });
      return;
    }
    const municipalities = register.respondents.filter((e) => isMunicipalityCode(e.code) && e.code.startsWith(county.code));
    for (const e of municipalities) if (!respondents.has(e.code)) respondents.set(e.code, index.resolve(e.code));
    counties.push({ code: county.code, name: county.name, municipalities: municipalities.map((e) => e.code) });
  });
  return { addressees: { respondents: [...respondents.values()], counties }, problems };
}

/**
 * Respondents outside the register whose name is a near miss of an addressee ("Hälsingborgs
 * stad" beside Helsingborgs stad): left alone, the report would say that an unasked body answered
 * and either that the addressee did not, or count the addressee twice under two names.
 */
export function nearMisses(people: Iterable<Respondent>, answered: ReadonlySet<string>, addressees: Addressees): { respondent: string; addressee: string; answered: boolean }[] {
  const key = (s: string) => nameKey(s).normalize('NFD').replace(/[\u0300-\u036f]/gu, '');
  const asked = addressees.respondents.map((a) => ({ a, k: key(a.name) }));
  const out: { respondent: string; addressee: string; answered: boolean }[] = [];
  for (const p of people) {
    if (p.known || !answered.has(p.id)) continue;
    const k = key(p.name);
    const limit = Math.max(2, Math.floor(k.length / 5));
    const near = asked.find(({ k: ak }) => Math.abs(ak.length - k.length) <= limit && editDistance(k, ak) <= limit);
    if (near) out.push({ respondent: p.name, addressee: near.a.name, answered: answered.has(near.a.id) });
  }
  return out;
}
