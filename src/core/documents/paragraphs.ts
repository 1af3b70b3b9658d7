import type { Block, DocLine } from './types.js';

/** Headings public bodies use, with or without a trailing colon. */
const KNOWN_HEADING =
  /^(?:sammanfattning|synpunkter|ärendet|ärendebeskrivning|bakgrund|inledning|förslag till beslut|beslut|beslutsunderlag|yttrande|övergripande synpunkter|allmänna synpunkter|särskilda synpunkter|kommunens synpunkter|kommunens ställningstagande|ställningstagande|bedömning|förvaltningens bedömning|överväganden|konsekvenser|avslutande synpunkter|övrigt|övriga synpunkter|fråga\s+\d+[a-z]?(?:[.:)]\s*.*)?)\s*:?$/iu;

/** "3.2 Regionens uppgifter", "2. Synpunkter", "4 Fortsatt arbete": a short numbered line. */
const NUMBERED_HEADING = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\p{Lu}[^.!?]*?)$/u;

const TERMINAL = /[.!?…]["”’)]?$/u;
const WORDS = (s: string) => s.split(/\s+/u).filter(Boolean).length;

/** The depth of a numbered heading ("3.2" → 2), or undefined when the line is not one. */
export function numberedHeading(text: string): number | undefined {
  const m = NUMBERED_HEADING.exec(text.trim());
  if (!m || WORDS(m[2]) > 12 || text.length > 100) return undefined;
  return m[1].split('.').length;
}

/**
 * "Förvaltningens synpunkter", "Nämndens bedömning", "Miljö- och byggnadsnämndens yttrande": a
 * body's own heading over its views, its name in the genitive and one of the words such headings use.
 */
const BODY_HEADING = /^\p{Lu}[\p{L}-]*(?:\s+och\s+[\p{L}-]+)?s\s+(?:synpunkter|bedömning|ställningstagande|yttrande|kommentarer|överväganden|slutsatser|svar|förslag(?:\s+till\s+beslut)?)\s*:?$/u;

export function isKnownHeading(text: string): boolean {
  const t = text.trim();
  return t.length <= 80 && /^\p{Lu}/u.test(t) && (KNOWN_HEADING.test(t) || BODY_HEADING.test(t));
}

/** A list item's text without its marker. */
const unmarked = (text: string) => text.replace(/^–\s*/u, '');

/** A line that reads as a heading: stated by the format, larger type, numbered, bold, or one of the usual ones. */
function headingLevel(line: DocLine, standalone: boolean, next: DocLine | undefined): number | undefined {
  const text = line.text.trim();
  if (line.block === 'item') {
    // A bold list item alone above running text is a heading set as a numbered list in Word
    // ("1. Synpunkt 1" in bold), as the same line is in the letter's PDF.
    const body = unmarked(text);
    return line.bold && next && !next.block && !next.heading && !TERMINAL.test(body) && WORDS(body) <= 12 ? 3 : undefined;
  }
  if (line.block) return undefined;
  if (line.heading) return line.heading;
  const short = text.length <= 120 && WORDS(text) <= 16 && !/[,;]$/u.test(text);
  if (!short) return undefined;
  if (line.size !== undefined && line.size >= 1.12 && !TERMINAL.test(text)) return line.size >= 1.3 ? 1 : 2;
  if (isKnownHeading(text)) return 2;
  if (!standalone) return undefined;
  const numbered = numberedHeading(text);
  if (numbered !== undefined) return numbered + 1;
  if (line.bold && !TERMINAL.test(text) && WORDS(text) <= 12) return 3;
  return undefined;
}

/**
 * Joins lines into paragraphs and headings: a line continues the paragraph above unless a break
 * stands before it (a blank line, a gap, a new Word paragraph) or the line above ended a
 * paragraph (a sentence's end on a short line). Paragraphs run on across page and column breaks.
 * Line-end hyphens are joined where they are breaks and kept where they are real (see `joinHyphen`).
 * Text pasted from a PDF, with a blank line after every line, is read as the lines it was.
 */
export function toBlocks(lines: DocLine[]): Block[] {
  const spaced = pastedFromPdf(lines);
  const longLine = typicalLength(lines);
  const vocabulary = words(lines);
  const blocks: Block[] = [];
  // A paragraph is kept as its parts and the last few characters of its text: joining a line
  // looks only at the tail, so a paragraph of any length is built in linear time.
  let para: { parts: string[]; tail: string; page: number; last: DocLine } | undefined;
  const flush = () => {
    if (para) blocks.push({ kind: 'paragraph', text: para.parts.join('').replace(/\u00ad/gu, ''), page: para.page });
    para = undefined;
  };
  lines.forEach((line, i) => {
    const text = line.text.trim();
    if (!text) return;
    const next = lines[i + 1];
    const startsBlock = opensParagraph(line, para?.last, spaced, longLine);
    const endsBlock = !next || opensParagraph(next, line, spaced, longLine);
    const level = headingLevel(line, startsBlock && endsBlock, next);
    if (level !== undefined) {
      flush();
      if (line.block === 'item') {
        blocks.push({ kind: 'heading', text: unmarked(text), page: line.page, level });
        return;
      }
      const last = blocks[blocks.length - 1];
      // A heading wrapped onto a second line (same size, no break between) is one heading.
      // A title broken at a hyphen ("indel-" / "ning") is joined as a paragraph's lines are.
      if (last?.kind === 'heading' && !line.breakBefore && line.size !== undefined && line.size >= 1.12 && last.page === line.page) last.text = joinLines(last.text, text, vocabulary);
      else blocks.push({ kind: 'heading', text, page: line.page, level });
      return;
    }
    if (line.block) {
      flush();
      blocks.push({ kind: line.block, text, page: line.page });
      return;
    }
    if (para && !startsBlock) {
      const { drop, glue } = joinAt(para.tail, text, vocabulary);
      if (drop) {
        const last = para.parts.length - 1;
        para.parts[last] = para.parts[last].slice(0, -drop);
      }
      para.parts.push(glue + text);
      para.tail = tailOf(para.tail.slice(0, para.tail.length - drop) + glue + text);
      para.last = line;
      return;
    }
    flush();
    para = { parts: [text], tail: tailOf(text), page: line.page, last: line };
  });
  flush();
  return blocks;
}

/** True when `line` starts a paragraph after `prev`. */
function opensParagraph(line: DocLine, prev: DocLine | undefined, spaced: boolean, longLine: number): boolean {
  if (!prev) return true;
  if (line.block || line.heading || prev.block || prev.heading) return true;
  const prevText = prev.text.trim();
  const ended = TERMINAL.test(prevText) || /:$/u.test(prevText);
  if (spaced) {
    // Every line has a blank line before it: two or more blank lines, or a short line that ends a sentence, end a paragraph.
    if ((line.blanks ?? 0) >= 2) return true;
    return ended && prevText.length < 0.8 * longLine;
  }
  const newRegion = line.region !== undefined && line.region !== prev.region;
  if (newRegion) {
    // A page or column break: the paragraph runs on unless the last line ended it.
    if (/^\p{Ll}/u.test(line.text.trim())) return false;
    return ended && (prev.fill === undefined || prev.fill < 0.9);
  }
  if (line.breakBefore) return true;
  if (prev.fill !== undefined && ended && prev.fill < 0.75) return true;
  // A line that stops short of the middle of its column ends what it holds, sentence or not: the
  // lines of a signature or an address ("Per Persson" / "kommunstyrelsens ordförande") are
  // lines of their own, as in the Word original, not one run-on paragraph.
  if (prev.fill !== undefined && prev.fill < 0.5 && !/[-\u00ad,]$/u.test(prevText)) return true;
  return false;
}

/** Text pasted from a PDF: nearly every line has exactly one blank line before it, and the lines are wrapped. */
function pastedFromPdf(lines: DocLine[]): boolean {
  if (lines.length < 6 || lines.some((l) => l.top !== undefined)) return false;
  const single = lines.slice(1).filter((l) => l.blanks === 1).length;
  const unended = lines.filter((l) => !TERMINAL.test(l.text.trim()) && !l.heading).length;
  return single >= 0.7 * (lines.length - 1) && unended >= 0.3 * lines.length;
}

/** The length of a full line of running text (the 80th percentile). */
function typicalLength(lines: DocLine[]): number {
  const lengths = lines.map((l) => l.text.trim().length).filter((n) => n > 20).sort((a, b) => a - b);
  return lengths.length ? lengths[Math.floor(lengths.length * 0.8)] : 60;
}

function words(lines: DocLine[]): Set<string> {
  const out = new Set<string>();
  for (const l of lines) for (const w of l.text.toLowerCase().match(/[\p{L}-]+/gu) ?? []) out.add(w);
  return out;
}

/** Conjunctions after which a hyphen stands for a shared compound part: "hälso- och sjukvård". */
const SHARED_PART = /^(?:och|eller|samt|respektive|resp\.|som|till|men|liksom)(?![\p{L}])/iu;

/**
 * Joins a line to the paragraph above, deciding what a hyphen at the end of the line is: a soft
 * hyphen is dropped; "hälso-" before "och" keeps the hyphen and the space; a hyphen before a
 * capital ("Stockholm-Gotland"), after a single letter ("e-post", "T-bana") or after an acronym or digit
 * ("EU-", "2016-") is real and stays; where the document writes the word elsewhere, that decides;
 * otherwise it is a break in a compound and is joined ("regionbild-ningen" → "regionbildningen").
 */
export function joinLines(before: string, after: string, vocabulary: Set<string> = new Set()): string {
  const { drop, glue } = joinAt(before, after, vocabulary);
  return before.slice(0, before.length - drop) + glue + after;
}

/** The longest word part a line-end hyphen is judged on; a longer run of letters is no word. */
const LONGEST_PART = 64;

/** The end of a paragraph's text that `joinAt` reads: the word part before a hyphen and the character before it. */
function tailOf(text: string): string {
  return text.length > 2 * LONGEST_PART ? text.slice(-2 * LONGEST_PART) : text;
}

const LETTER = /^\p{L}$/u;
const UPPER = /^\p{Lu}+$/u;

/**
 * How a line joins the text above: how many characters to drop from its end (a soft hyphen or a
 * hyphen that breaks a word) and what goes between. Reads only the end of `before`, scanning back
 * from the hyphen (never a pattern over the whole text, which backtracks on long runs of letters).
 */
function joinAt(before: string, after: string, vocabulary: Set<string>): { drop: number; glue: string } {
  const space = { drop: 0, glue: ' ' };
  if (before.endsWith('\u00ad')) return { drop: 1, glue: '' };
  if (!before.endsWith('-') || !/^\p{L}/u.test(after)) return space;
  // The run of letters before the hyphen (the word part) and the character before that run.
  let start = before.length - 1;
  let letters = 0;
  while (start > 0 && letters <= LONGEST_PART) {
    const unit = before.charCodeAt(start - 1);
    const pair = unit >= 0xdc00 && unit <= 0xdfff && start >= 2 && (before.charCodeAt(start - 2) & 0xfc00) === 0xd800;
    const ch = before.slice(start - (pair ? 2 : 1), start);
    if (!LETTER.test(ch)) break;
    start -= ch.length;
    letters++;
  }
  if (!letters) return space;
  if (SHARED_PART.test(after)) return space;
  const real = { drop: 0, glue: '' };
  const joined = { drop: 1, glue: '' };
  const prefix = before.slice(start, before.length - 1);
  const charBefore = start > 0 && !/\s/u.test(before[start - 1]) ? before[start - 1] : '';
  if (/^\p{Lu}/u.test(after) || prefix.length === 1 || UPPER.test(prefix) || /\d/u.test(charBefore)) return real;
  if (letters > LONGEST_PART) return joined;
  const rest = /^[\p{L}-]+/u.exec(after.slice(0, 4 * LONGEST_PART))![0];
  const hyphenated = `${prefix}-${rest}`.toLowerCase();
  const whole = `${prefix}${rest}`.toLowerCase();
  if (vocabulary.has(hyphenated) && !vocabulary.has(whole)) return real;
  return joined;
}
