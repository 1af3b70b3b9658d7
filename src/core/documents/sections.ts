import type { Question } from '../model.js';
import { numberedHeading } from './paragraphs.js';
import type { Block, DocumentSection } from './types.js';

/** The title of a remissvar: "Yttrande över …", "Remissvar på …", "Svar på remiss …". */
const TITLE = /^(?:yttrande|remissvar|remissyttrande|svar\s+på|synpunkter\s+på|remiss(?:en)?\s|angående|ang\.|kommentarer\s+till|tjänsteutlåtande|tjänsteskrivelse)/iu;

/** Where the signature block starts: "Med vänlig hälsning", "För Kommunstyrelsen", "Nacka den 15 februari 2016". */
const CLOSING = /^(?:med\s+vänlig(?:a)?\s+hälsning(?:ar)?|vänliga\s+hälsningar|hälsningar|för\s+\p{L}|på\s+\p{L}.*\svägnar|enligt\s+uppdrag|i\s+tjänsten|\p{Lu}[\p{L} -]*,?\s+den\s+\d{1,2}\s+\p{L}+\s+\d{4}$|\p{Lu}[\p{L} -]*\s+\d{4}-\d{2}-\d{2}$)/iu;

export interface Split {
  /** Blocks above the title (letterhead, date, reference, addressee): metadata, not answers. */
  header: Block[];
  title?: string;
  sections: DocumentSection[];
  /** The signature block: who signed, for the respondent; not an answer. */
  signature: Block[];
}

/** A person's name, alone or followed by a title: "Pia Karlsson", "Anna-Lena Berg Stadsdirektör". */
const NAME_LINE = /^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,3}(?:,?\s+\p{L}[\p{L} ,]*)?$/u;
/** A body's name on a line of its own: "Skellefteå kommun", "Region Västerbotten", "Miljö- och byggnadsnämnden". */
const BODY_LINE = /^(?=\p{Lu})(?:[\p{L}-]+\s+){0,3}(?:\p{L}*(?:kommun|stad|region|regionen|nämnden|styrelsen|förvaltningen|verket|myndigheten|förbundet|föreningen)|Region\s+\p{Lu}[\p{L}-]*)$/u;
/** What officials sign as. */
const SIGNER_TITLE = /(?:ordförande|direktör|chef|handläggare|sekreterare|utredare|strateg|samordnare|kommunalråd|borgarråd|registrator|nämnden)\p{L}*$/iu;

/**
 * A signature without a closing phrase: the short lines after the last paragraph that name a
 * person or an official's title ("Pia Karlsson" / "Stadsdirektör"). A short answer ends with a
 * full stop, so it is never taken for one.
 */
function unsignedClosing(blocks: Block[], start: number): number {
  let end = blocks.length;
  let named = false;
  for (let i = blocks.length - 1; i > start && i >= blocks.length - 6; i--) {
    const b = blocks[i];
    if (b.kind === 'heading' || b.text.length > 60 || /[.!?:;]$/u.test(b.text)) break;
    const isName = NAME_LINE.test(b.text);
    // Above the signer's name, the body they sign for ("Skellefteå kommun" / "Per Persson").
    const isBody = named && !isName && BODY_LINE.test(b.text);
    if (!isName && !isBody && !SIGNER_TITLE.test(b.text)) break;
    named ||= isName;
    end = i;
  }
  return named ? end : blocks.length;
}

/**
 * Splits a document's blocks into the header above the title, the sections (each heading starts
 * one; the text before the first heading is a section without one) and the signature block.
 * A heading like "Fråga 2", or one that repeats a question's text, gets that question's id when
 * the consultation defines it.
 */
export function splitSections(blocks: Block[], questions: readonly Question[] = []): Split {
  let start = 0;
  let title: string | undefined;
  const titleAt = blocks.slice(0, 15).findIndex((b) => b.text.length <= 200 && TITLE.test(b.text) && (b.kind === 'heading' || b.text.length <= 120));
  if (titleAt >= 0) {
    title = blocks[titleAt].text;
    start = titleAt + 1;
  } else {
    // No title: the header is the run of short lines that opens the document (name, date, reference, address).
    while (start < Math.min(blocks.length, 10) && blocks[start].kind !== 'heading' && blocks[start].text.length < 80 && !/[.!?]$/u.test(blocks[start].text)) start++;
    if (start >= blocks.length) start = 0;
  }
  let end = blocks.length;
  for (let i = blocks.length - 1; i >= Math.max(start, blocks.length - 10); i--) {
    const b = blocks[i];
    if (b.kind === 'heading' || b.text.length > 100) break;
    if (CLOSING.test(b.text)) end = i;
  }
  if (end === blocks.length) end = unsignedClosing(blocks, start);
  const sections: DocumentSection[] = [];
  let current: { heading?: string; level?: number; question?: string; parts: string[] } = { parts: [] };
  let pendingQuestion: string | undefined;
  const used = new Set<string>();
  const close = () => {
    if (current.parts.length) {
      const s: DocumentSection = { text: current.parts.join('\n\n') };
      if (current.heading) s.heading = current.heading;
      const q = current.question ?? pendingQuestion;
      if (q && !used.has(q)) {
        s.question = q;
        used.add(q);
      }
      sections.push(s);
      pendingQuestion = undefined;
    }
  };
  for (const b of blocks.slice(start, end)) {
    if (b.kind === 'heading') {
      // A heading with no text of its own ("Fråga 2" above "2.1 …") hands its question on.
      const inherited = current.parts.length ? undefined : (current.question ?? pendingQuestion);
      close();
      pendingQuestion = inherited;
      current = { heading: b.text, level: b.level ?? numberedHeading(b.text), parts: [] };
      const q = questionFor(b.text, questions);
      if (q) current.question = q;
      continue;
    }
    current.parts.push(b.text);
  }
  close();
  return { header: blocks.slice(0, titleAt >= 0 ? titleAt : start), title, sections, signature: blocks.slice(end) };
}

const QUESTION_HEADING = /^fråga\s+(\d{1,3})(?![\p{N}])/iu;

/** The id of the question a heading answers, when the consultation defines it. */
export function questionFor(heading: string, questions: readonly Question[]): string | undefined {
  if (!questions.length) return undefined;
  const m = QUESTION_HEADING.exec(heading.trim());
  if (m) {
    const n = Number(m[1]);
    const byId = questions.find((q) => [`q${n}`, `${n}`, `fråga-${n}`, `fraga-${n}`, `f${n}`, `fråga${n}`, `q-${n}`].includes(q.id.toLowerCase()));
    if (byId) return byId.id;
    if (n >= 1 && n <= questions.length) return questions[n - 1].id;
    return undefined;
  }
  // A heading that repeats most of a question's words.
  const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}{3,}/gu) ?? []);
  const h = words(heading);
  if (h.size < 3) return undefined;
  let best: { id: string; score: number } | undefined;
  for (const q of questions) {
    const t = words(q.text);
    const shared = [...h].filter((w) => t.has(w)).length;
    const score = shared / Math.max(h.size, t.size);
    if (score >= 0.6 && (!best || score > best.score)) best = { id: q.id, score };
  }
  return best?.id;
}
