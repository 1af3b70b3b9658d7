import { inferStance } from '../classify/stance-infer.js';
import { diag, editDistance, type Diagnostic } from '../diagnostics.js';
import type { Question, RespondentType, Stance } from '../model.js';
import type { RawResponse } from '../ingest/raw.js';
import { normaliseStance } from '../ingest/stance.js';
import { removeFurniture } from './furniture.js';
import { findDate, findReference, findRespondent, type NameResolver } from './metadata.js';
import { toBlocks } from './paragraphs.js';
import { splitSections } from './sections.js';
import type { DocLine, DocumentSection, Found, Removed } from './types.js';

export type DocumentFormat = 'pdf' | 'docx' | 'odt' | 'rtf' | 'txt' | 'md';

/** What a document was found to hold and what was removed from it: shown by `ingest --dry-run --format json`. */
export interface DocumentReport {
  file: string;
  format: DocumentFormat;
  pages?: number;
  title?: string;
  respondent: Found;
  date?: Found;
  reference?: Found;
  /** The position the text states (the same inference `dialog themes` makes), or one given in a sidecar or manifest. */
  position?: Found<Stance> & { evidence?: string };
  sections: { heading?: string; question?: string; paragraphs: number; characters: number }[];
  removed: Removed[];
}

/** Facts about a document that a sidecar file or a manifest states; they override what was found. */
export interface DocumentFacts {
  respondent?: string;
  type?: RespondentType;
  date?: string;
  reference?: string;
  position?: string;
}

export interface DocumentInput {
  /** Path as shown and stored. */
  path: string;
  format: DocumentFormat;
  lines: DocLine[];
  pages?: number;
  /** Lines the format keeps apart from the body (a Word document's page headers and footers). */
  furniture?: string[];
}

export interface DocumentContext {
  resolve: NameResolver;
  questions?: readonly Question[];
  /** Respondent id of the body that sent the remiss: never taken as the respondent (it is the addressee). */
  issuer?: string;
  /** Overrides, with where they come from ("sidecar x.pdf.yaml", "manifest m.csv"). */
  facts?: { from: string; facts: DocumentFacts }[];
}

/**
 * One document as one response: page furniture removed, lines joined into paragraphs, the text
 * split into answers at its headings, and the respondent, date, reference and position found.
 * Facts from a sidecar or manifest win over what was found.
 */
export function readDocument(input: DocumentInput, ctx: DocumentContext): { response?: RawResponse; report: DocumentReport; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const { kept, removed } = removeFurniture(input.lines);
  const blocks = toBlocks(kept);
  const split = splitSections(blocks, ctx.questions ?? []);

  // Where metadata is looked for, in order: the letterhead and the lines above the title, the
  // page headers and footers that were removed, then the signature.
  const first = input.lines.filter((l) => l.page === input.lines[0]?.page);
  const titleLine = split.title ? first.findIndex((l) => split.title!.startsWith(l.text.trim())) : -1;
  const headerLines = (titleLine >= 0 ? first.slice(0, titleLine) : split.header.length ? first.slice(0, 15) : first.slice(0, 6)).map((l) => l.text);
  const places = [
    { name: 'letterhead', lines: headerLines },
    { name: 'page header or footer', lines: [...(input.furniture ?? []), ...removed.filter((r) => r.why !== 'page number').map((r) => r.text)] },
    { name: 'signature', lines: split.signature.map((b) => b.text) },
  ];
  const skip = ctx.issuer ? (id: string) => id === ctx.issuer : undefined;
  const report: DocumentReport = {
    file: input.path,
    format: input.format,
    ...(input.pages !== undefined ? { pages: input.pages } : {}),
    ...(split.title ? { title: split.title } : {}),
    respondent: findRespondent(places, input.path, ctx.resolve, skip),
    sections: split.sections.map((s) => ({
      ...(s.heading ? { heading: s.heading } : {}),
      ...(s.question ? { question: s.question } : {}),
      paragraphs: s.text.split('\n\n').length,
      characters: s.text.length,
    })),
    removed,
  };
  const date = findDate(places);
  if (date) report.date = date;
  const reference = findReference(places);
  if (reference) report.reference = reference;
  const stated = inferStance(split.sections.map((s) => s.text));
  if (stated) report.position = { value: stated.stance, from: 'the text', evidence: stated.sentence };

  const response: RawResponse = {
    line: 1,
    col: 1,
    respondent: report.respondent.value,
    answers: split.sections.map((s: DocumentSection) => ({
      line: 0,
      col: 0,
      text: s.text,
      ...(s.question ? { question: s.question } : {}),
      ...(s.heading ? { heading: s.heading } : {}),
    })),
    reservations: [],
  };
  if (report.date) response.date = report.date.value;
  if (report.reference) response.reference = report.reference.value;

  for (const { from, facts } of ctx.facts ?? []) {
    if (facts.respondent) {
      const typo = misspelt(facts.respondent, report.respondent, ctx.resolve);
      if (typo) {
        const at = /^(?:manifest|sidecar) (.+?)(?::(\d+))?$/u.exec(from);
        diagnostics.push(
          diag(
            at ? at[1] : input.path,
            at?.[2] ? +at[2] : 0,
            at?.[2] ? 1 : 0,
            `the respondent of ${input.path} is given as "${facts.respondent}", which is not in the register, while the ${typo.where} names "${typo.found}" (did you mean "${typo.found}"?); fix the name, or add it to the register if it is another body`,
          ),
        );
      } else if (differs(facts.respondent, report.respondent, ctx.resolve))
        diagnostics.push(
          diag(
            input.path,
            0,
            0,
            `the ${from} gives the respondent "${facts.respondent}", while the ${report.respondent.from.replace(/[ :(].*$/su, '')} names "${report.respondent.value}", another body in the register; the ${from.replace(/ .*$/su, '')}'s is used: check that it names the right one`,
            'warning',
          ),
        );
      report.respondent = { value: facts.respondent, from };
      response.respondent = facts.respondent;
    }
    if (facts.type) response.type = facts.type;
    if (facts.date) {
      report.date = { value: facts.date, from };
      response.date = facts.date;
    }
    if (facts.reference) {
      report.reference = { value: facts.reference, from };
      response.reference = facts.reference;
    }
    if (facts.position) {
      const stance = normaliseStance(facts.position);
      if (stance) {
        report.position = { value: stance, from };
        response.stance = stance;
        if (stance !== facts.position) response.stanceText = facts.position;
      }
    }
  }

  if (!response.answers.length) {
    diagnostics.push(diag(input.path, 0, 0, 'no text was found below the letterhead; check that the file holds the response (or give it as YAML)'));
    return { report, diagnostics };
  }
  if (report.respondent.from.startsWith('the file name'))
    diagnostics.push(
      diag(
        input.path,
        0,
        0,
        `no body's name was found in the letterhead, page headers or signature, so the respondent "${report.respondent.value}" is taken from the file name; state it in a sidecar (${input.path.replace(/^.*\//u, '')}.yaml: \`respondent: …\`) or a manifest`,
        'warning',
      ),
    );
  return { response, report, diagnostics };
}

/**
 * A stated respondent that is a near miss of the body the document itself names: "Skelefteå
 * kommun" in a manifest for a letter whose letterhead says "Skellefteå kommun". Stated facts win
 * over found ones, so a misspelling would silently make a body outside the register of the letter
 * of one inside it. A different name (a company answering on the municipality's paper) is left alone.
 */
function misspelt(stated: string, found: Found, resolve: NameResolver): { found: string; where: string } | undefined {
  if (found.from.startsWith('the file name')) return undefined;
  const s = resolve(stated);
  const f = resolve(found.value);
  if (s.known || !f.known) return undefined;
  const norm = (x: string) => x.toLowerCase().replace(/\s+/gu, ' ').trim();
  const a = norm(stated);
  // The body's name with or without the organ found beside it ("Kommunledningskontoret, Luleå kommun").
  const name = [found.value, ...found.value.split(/,\s*/u)].find((b) => resolve(b).id === f.id && editDistance(a, norm(b)) <= Math.max(2, Math.floor(norm(b).length / 5)));
  return name ? { found: name.trim(), where: found.from.replace(/[ :(].*$/su, '') } : undefined;
}

/** A stated respondent and the one the document names are two different bodies of the register (Habo kommun, Håbo kommun). */
function differs(stated: string, found: Found, resolve: NameResolver): boolean {
  if (found.from.startsWith('the file name') || found.from.startsWith('manifest') || found.from.startsWith('sidecar')) return false;
  const s = resolve(stated);
  const f = resolve(found.value);
  return s.known && f.known && s.id !== f.id;
}
