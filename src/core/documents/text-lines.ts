import type { DocLine } from './types.js';

/**
 * Lines of a plain text or Markdown file. A blank line starts a paragraph; a form feed starts a
 * page. Markdown headings (`#`), list items and table rows are marked; emphasis is dropped.
 */
export function textLines(text: string, markdown: boolean): DocLine[] {
  const out: DocLine[] = [];
  let page = 1;
  let blank = 0;
  for (const whole of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    // Each form feed on a line ends a page: the text before it is the old page's last line.
    const pieces = whole.split('\f');
    const raw = pieces.pop()!;
    for (const before of pieces) {
      if (before.trim()) out.push(line(before, page, blank));
      page++;
      blank = 0;
    }
    if (!raw.trim()) {
      blank++;
      continue;
    }
    const l = markdown ? markdownLine(raw, page, blank) : line(raw, page, blank);
    if (l) out.push(l);
    blank = 0;
  }
  return out;
}

function line(raw: string, page: number, blank: number): DocLine {
  const l: DocLine = { text: raw.replace(/\s+/gu, ' ').trim(), page };
  if (blank) {
    l.breakBefore = true;
    l.blanks = blank;
  }
  const item = /^(?:[•▪◦●‣∙·*]|[-–—](?=\s))\s*(.*)$/u.exec(l.text);
  if (item) {
    l.text = `– ${item[1]}`;
    l.block = 'item';
  }
  return l;
}

function markdownLine(raw: string, page: number, blank: number): DocLine | undefined {
  const trimmed = raw.trim();
  if (/^(?:-{3,}|\*{3,}|_{3,})$/.test(trimmed)) return undefined; // a rule
  if (/^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/.test(trimmed)) return undefined; // a table's alignment row
  const heading = /^(#{1,6})\s+/u.exec(trimmed);
  const l = line(stripEmphasis(heading ? headingText(trimmed.slice(heading[0].length)) : trimmed.replace(/^>\s?/, '')), page, blank);
  if (heading) {
    l.heading = heading[1].length;
    l.breakBefore = true;
  } else if (/^\|.*\|$/.test(trimmed)) {
    l.text = trimmed
      .slice(1, -1)
      .split('|')
      .map((c) => stripEmphasis(c.trim()))
      .join(' | ');
    l.block = 'row';
  } else if (/^(?:\*\*|__)[^*_]+(?:\*\*|__):?$/.test(trimmed)) l.bold = true;
  return l;
}

/** A heading's text without the closing `#`s an ATX heading may end with (a scan from the end, not a pattern anchored at it). */
function headingText(rest: string): string {
  let end = rest.trimEnd().length;
  while (end > 0 && rest[end - 1] === '#') end--;
  return rest.slice(0, end).trimEnd();
}

/**
 * Emphasis, links and code marks dropped. No span reaches past the next mark of its own kind, so
 * that a line full of unclosed marks is read in linear time (a lazy `.+?` to a closing mark
 * rescans the rest of the line from every opening one).
 */
function stripEmphasis(s: string): string {
  return s
    .replace(/(\*\*|__)(.+?)\1/gu, '$2')
    .replace(/(?<![\p{L}\p{N}])\*(?!\s)([^*]+?)(?<!\s)\*(?![\p{L}\p{N}])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}])_(?!\s)([^_]+?)(?<!\s)_(?![\p{L}\p{N}])/gu, '$1')
    .replace(/\[([^[\]]+)\]\([^()]*\)/gu, '$1')
    .replace(/`([^`]+)`/gu, '$1');
}
